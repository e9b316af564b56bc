"""No spec test leaks a thread or a child process: the one that does fails, and its leftovers are
stopped so that they cannot disturb the tests after it. What a failed test (or a declared deviation,
which fails on purpose) leaves in memory is collected before the next test starts."""

from __future__ import annotations

import gc
import multiprocessing
import sys
import threading
import time
import warnings
from typing import Any, Callable, Iterator, List, Set

import pytest

from concurrency_spec.pytest_plugin.core import is_spec_item, spec_session

LEAK_GRACE_SECONDS = 2.0
# On PyPy one collection does not run every finalizer (pytest collects 5 times at a session's end)
GC_PASSES = 5 if sys.implementation.name == "pypy" else 1


@pytest.fixture(autouse=True)
def _no_leaked_threads_or_processes(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail the test that leaves a thread or a child process running."""
    if not is_spec_item(request.node):
        yield
        return
    _forget_earlier_failures()
    threads_before = set(threading.enumerate())
    yield
    leaked_threads = _wait_for_threads(threads_before)
    leaked_children = _wait_for_children(_child_listers(request.config))
    problems = []
    if leaked_threads:
        problems.append("threads " + ", ".join(sorted(t.name for t in leaked_threads)))
    if leaked_children:
        problems.append("child processes " + ", ".join(sorted(str(p.pid) for p in leaked_children)))
        for child in leaked_children:
            child.kill()
            child.join(1)
    if problems:
        pytest.fail("the test leaked " + " and ".join(problems), pytrace=False)


def _wait_for_threads(before: Set[threading.Thread]) -> List[threading.Thread]:
    deadline = time.monotonic() + LEAK_GRACE_SECONDS
    for thread in set(threading.enumerate()) - before:
        # threading.Thread's own join: an implementation's Thread subclass may override (break) it
        threading.Thread.join(thread, max(0.0, deadline - time.monotonic()))
    return [t for t in threading.enumerate() if t not in before and t.is_alive()]


def _child_listers(config: pytest.Config) -> List[Callable[[], List[Any]]]:
    """The standard library's ``active_children``, and the implementation's own where it has another
    (a multiprocessing fork such as multiprocess keeps its children to itself)."""
    listers: List[Callable[[], List[Any]]] = [multiprocessing.active_children]
    try:
        context = spec_session(config).impl.multiprocessing.get_context()
    except Exception:  # noqa: BLE001 - an implementation without it is reported by the tests that need it
        return listers
    own = getattr(context, "active_children", None)
    if own is not None and type(context).__module__.split(".")[0] != "multiprocessing":
        listers.append(own)
    return listers


def _wait_for_children(listers: List[Callable[[], List[Any]]]) -> List[Any]:
    deadline = time.monotonic() + LEAK_GRACE_SECONDS
    for child in [child for lister in listers for child in lister()]:
        child.join(max(0.0, deadline - time.monotonic()))
    return [child for lister in listers for child in lister()]


_failures_to_forget = False


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    global _failures_to_forget
    report = yield
    if report.failed or hasattr(report, "wasxfail"):
        _failures_to_forget = True
    return report


def _forget_earlier_failures() -> None:
    """Drop, quietly, what an earlier failed test left behind, so its leftovers do not fail this test.

    pytest keeps the last failure in ``sys.last_value`` (for post-mortem debugging), and a failed
    test's tasks and coroutines often sit in reference cycles; their finalizers (an un-awaited
    coroutine, an unclosed session, a task exception never retrieved) would otherwise run in
    whichever later test happens to free them: they would warn there, or, on CPython 3.11.7, format a
    traceback from inside pytest's own ast.parse and break it ("AST constructor recursion depth
    mismatch"). The failed test has already been reported.
    """
    global _failures_to_forget
    if not _failures_to_forget:
        return
    _failures_to_forget = False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in ("last_exc", "last_type", "last_value", "last_traceback"):
            if hasattr(sys, name):
                delattr(sys, name)
        for _ in range(GC_PASSES):
            gc.collect()
