"""The suite's watchdog (``concurrency_spec.pytest_plugin.deadlines``) runs a thread only while a test
watches a loop: a test that runs no loop, one that forks say, runs in a process with no thread of the
suite's (3.12+ warns that forking a multi-threaded process may deadlock the child)."""

import asyncio
import threading

import pytest

from concurrency_spec.pytest_plugin.deadlines import THREAD_NAME, Watchdog


def watchdog_threads():
    return [thread for thread in threading.enumerate() if thread.name == THREAD_NAME]


def test_no_thread_until_a_loop_is_watched_and_none_after_disarm():
    watchdog = Watchdog()
    watchdog.arm(60, "never")
    assert watchdog_threads() == []
    loop = asyncio.new_event_loop()
    try:
        watchdog.watch(loop)
        assert len(watchdog_threads()) == 1
        watchdog.disarm()
        assert watchdog_threads() == []
    finally:
        loop.close()


def test_a_watched_loop_past_its_deadline_has_its_tasks_cancelled():
    watchdog = Watchdog()
    loop = asyncio.new_event_loop()

    async def waits_for_ever():
        await asyncio.Event().wait()

    try:
        watchdog.watch(loop)
        watchdog.arm(0.05, "past the deadline")
        with pytest.raises(asyncio.CancelledError):  # not asyncio.TimeoutError: wait_for's 5 s are a bound
            loop.run_until_complete(asyncio.wait_for(waits_for_ever(), 5))
    finally:
        watchdog.disarm()
        loop.close()
    assert watchdog_threads() == []
