"""No spec test leaks a thread or a child process: the one that does fails, and its leftovers are
stopped so that they cannot disturb the tests after it."""

from __future__ import annotations

import multiprocessing
import threading
import time
from typing import Any, Callable, Iterator, List, Set

import pytest

from concurrency_spec.pytest_plugin.core import is_spec_item, spec_session

LEAK_GRACE_SECONDS = 2.0


@pytest.fixture(autouse=True)
def _no_leaked_threads_or_processes(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail the test that leaves a thread or a child process running."""
    if not is_spec_item(request.node):
        yield
        return
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
        thread.join(max(0.0, deadline - time.monotonic()))
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
