"""Every spec test that runs an event loop ends by its deadline, on every loop.

pytest-timeout ends a test with a signal whose handler raises in the main thread. On asyncio's own
loop that ends a test stuck on an await that never completes; on uvloop it does not (libuv waits in
C, and an exception raised from one of its callbacks goes to the loop's exception handler), so one
primitive that never resolves would hang the whole run. The watchdog here works on any loop: each
loop made for a test (``LoopChoice``) is watched, and when the test's call has run for
``DEADLINE_SHARE`` of its timeout, every task still running on those loops is cancelled, with a
message that says why; the test fails there, its traceback showing the await that never completed,
and the run goes on. pytest-timeout stays the last resort for a loop blocked in synchronous code.

Each test's timeout (pytest-timeout's) is scaled with the spec's waits (``SPEC_TIMEOUT_SCALE``,
``concurrency_spec.testing.waits``).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from typing import Any, Iterator, List, Optional

import pytest

from concurrency_spec.testing import waits

DEADLINE_SHARE = 0.8  # of the test's timeout: the watchdog acts before pytest-timeout would
AGAIN_AFTER = 1.0  # seconds: a test that swallows the cancellation is cancelled again
DEFAULT_TIMEOUT = 10.0
THREAD_NAME = "concurrency-spec watchdog"


class Watchdog:
    """Cancels the tasks of the watched loops once the deadline has passed, from a daemon thread that
    runs only while a test watches a loop: a test that runs none (one that forks, say) has no thread of
    the suite's beside it, as the document's programs have none."""

    def __init__(self) -> None:
        self._loops: List[asyncio.AbstractEventLoop] = []
        self._deadline: Optional[float] = None
        self._message = ""
        self._changed = threading.Condition()
        self._thread: Optional[threading.Thread] = None

    def watch(self, loop: asyncio.AbstractEventLoop) -> None:
        with self._changed:
            self._loops.append(loop)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=THREAD_NAME, daemon=True)
                self._thread.start()

    def arm(self, seconds: float, message: str) -> None:
        with self._changed:
            self._deadline = time.monotonic() + seconds
            self._message = message
            self._changed.notify()

    def disarm(self) -> None:
        """Forget the deadline and the loops; the thread ends (joined: no test sees it as one it leaked)."""
        with self._changed:
            self._deadline = None
            self._loops.clear()
            thread, self._thread = self._thread, None
            self._changed.notify()
        if thread is not None:
            thread.join()

    def _run(self) -> None:
        me = threading.current_thread()
        while True:
            with self._changed:
                while self._thread is me and (self._deadline is None or time.monotonic() < self._deadline):
                    left = None if self._deadline is None else self._deadline - time.monotonic()
                    self._changed.wait(left)
                if self._thread is not me:
                    return
                self._deadline = time.monotonic() + AGAIN_AFTER
                loops, message = list(self._loops), self._message
            for loop in loops:
                _cancel_everything_on(loop, message)


def _cancel_everything_on(loop: asyncio.AbstractEventLoop, message: str) -> None:
    if loop.is_closed() or not loop.is_running():
        return
    with contextlib.suppress(RuntimeError):  # closed in the meantime
        loop.call_soon_threadsafe(_cancel_tasks, loop, message)


def _cancel_tasks(loop: asyncio.AbstractEventLoop, message: str) -> None:
    for task in asyncio.all_tasks(loop):
        if not task.done():
            task.cancel(message)


_watchdog: Optional[Watchdog] = None


def watch(loop: asyncio.AbstractEventLoop) -> asyncio.AbstractEventLoop:
    """Watch ``loop`` for the test that made it (where the session has a watchdog)."""
    if _watchdog is not None:
        _watchdog.watch(loop)
    return loop


def timeout_of(item: pytest.Item) -> float:
    marker = item.get_closest_marker("timeout")
    if marker is not None and marker.args:
        return float(marker.args[0])
    try:
        return float(item.config.getini("timeout") or DEFAULT_TIMEOUT)
    except (ValueError, KeyError):
        return DEFAULT_TIMEOUT


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: List[pytest.Item]) -> None:
    """Each test's own timeout grows with the spec's waits (``SPEC_TIMEOUT_SCALE``)."""
    if waits.SCALE == 1.0:
        return
    for item in items:
        item.add_marker(pytest.mark.timeout(timeout_of(item) * waits.SCALE), append=False)


def pytest_sessionstart(session: pytest.Session) -> None:
    global _watchdog
    _watchdog = Watchdog()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[Any]:
    if _watchdog is None:
        return (yield)
    seconds = DEADLINE_SHARE * timeout_of(item)
    _watchdog.arm(
        seconds,
        f"the test did not finish within {seconds:g} s: an await on the implementation never completed "
        "(cancelled by the suite's watchdog; the traceback shows where it waited)",
    )
    try:
        return (yield)
    finally:
        _watchdog.disarm()


@pytest.hookimpl(tryfirst=True)  # before the fixtures' teardown, where the hygiene looks for threads
def pytest_runtest_teardown(item: pytest.Item) -> None:
    if _watchdog is not None:
        _watchdog.disarm()  # the loops made in setup, when the call never ran
