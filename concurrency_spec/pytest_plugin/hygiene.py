"""No spec test leaks a thread or a child process: the one that does fails, and its leftovers are
stopped so that they cannot disturb the tests after it. What a failed test (or a declared deviation,
which fails on purpose) leaves in memory is collected before the next test starts.

A thread cannot be stopped: one stuck in a broken implementation (a lock never released) outlives its
test, and the interpreter would wait for it at exit for ever. So at the end of a session that leaves
such threads (or child processes), they are reported once, with where each is stuck, as CPython's
regrtest does; children are killed; and the process exits with the suite's status without waiting.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
import time
import traceback
import warnings
from typing import Any, Callable, Iterator, List, Set, Tuple

import pytest

from concurrency_spec.pytest_plugin.core import is_spec_item, spec_session

LEAK_GRACE_SECONDS = 2.0
EXIT_GRACE_SECONDS = 5.0  # what a session leaves gets this long to end before it is reported
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


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """Exit now, with the session's status, when a thread or child the tests left would hang the exit."""
    stuck, children = _left_at_exit()
    if not stuck and not children:
        return
    session_status = getattr(config, "_spec_exit_status", None)
    lines = ["", "concurrency-spec: the run left behind what would keep this process from exiting:"]
    lines += [f"  thread {thread.name!r}, stuck at {_where(thread)}" for thread in stuck]
    for child in children:
        lines.append(f"  child process {child.pid} ({getattr(child, 'name', '')}), killed")
        child.kill()
    lines.append("  the verdicts and results above are complete; exiting without waiting for them")
    sys.stdout.flush()
    sys.stderr.write("\n".join(lines) + "\n")
    sys.stderr.flush()
    os._exit(int(session_status) if session_status is not None else 1)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    session.config._spec_exit_status = session.exitstatus  # type: ignore[attr-defined]


def _left_at_exit() -> Tuple[List[threading.Thread], List[Any]]:
    deadline = time.monotonic() + EXIT_GRACE_SECONDS
    waiting = [t for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon]
    for thread in waiting:
        threading.Thread.join(thread, max(0.0, deadline - time.monotonic()))
    stuck = [t for t in waiting if t.is_alive()]
    children = multiprocessing.active_children()
    for child in children:
        child.join(max(0.0, deadline - time.monotonic()))
    return stuck, [child for child in children if child.is_alive()]


def _where(thread: threading.Thread) -> str:
    """The innermost frames of ``thread`` that are not the standard library's: file:line in function."""
    frame = sys._current_frames().get(thread.ident or -1)
    frames = traceback.extract_stack(frame) if frame is not None else []
    own = [f for f in frames if "/threading.py" not in f.filename] or frames
    return " <- ".join(f"{f.filename}:{f.lineno} in {f.name}" for f in reversed(own[-3:])) or "(unknown)"
