"""§9.3 思考题: asyncio 和多线程有什么区别? (question: how does asyncio differ from threads?)

The answer as facts: an event loop runs all its tasks in one thread and switches between them
only where a coroutine awaits, so a coroutine without an await keeps every other task waiting;
threads are switched by the interpreter, even in the middle of a loop that never blocks. Only
what is deterministic is claimed: the order in which asyncio switches, and that a spinning thread
is interrupted at all (not where, nor how often).
"""

import asyncio
import threading
import time

import pytest

from concurrency_spec.testing.waits import LONG_TIMEOUT, TIMEOUT


class CountingFlag:
    """A flag that counts how often it was checked."""

    def __init__(self):
        self.checks = 0
        self._event = threading.Event()

    def is_set(self):
        self.checks += 1
        return self._event.is_set()

    def set(self):
        self._event.set()


@pytest.mark.asyncio
@pytest.mark.claim("asyncio-vs-threads.one-thread")
async def test_every_task_of_the_loop_runs_in_the_thread_that_runs_the_loop(impl):
    log = []
    await asyncio.wait_for(asyncio.gather(impl.steps("A", 3, log), impl.steps("B", 3, log)), 5)
    assert len(log) == 6
    assert {thread for _name, _step, thread in log} == {threading.get_ident()}


@pytest.mark.asyncio
@pytest.mark.claim("asyncio-vs-threads.switch-at-await")
async def test_two_tasks_that_await_after_each_step_alternate_step_by_step(impl):
    log = []
    await asyncio.wait_for(asyncio.gather(impl.steps("A", 3, log), impl.steps("B", 3, log)), 5)
    alternating = [("A", 0), ("B", 0), ("A", 1), ("B", 1), ("A", 2), ("B", 2)]
    assert [(name, step) for name, step, _thread in log] == alternating


@pytest.mark.asyncio
@pytest.mark.claim("asyncio-vs-threads.no-switch-without-await")
async def test_a_coroutine_that_never_awaits_keeps_the_task_that_would_set_its_flag_waiting(impl):
    flag = CountingFlag()

    async def set_the_flag():
        flag.set()

    spinning = asyncio.ensure_future(impl.busy_wait_in_coroutine(flag, 10_000))
    setting = asyncio.ensure_future(set_the_flag())
    seen = await asyncio.wait_for(spinning, TIMEOUT)
    await setting

    assert not seen  # it checked 10000 times; the other task only ran once it had returned
    assert flag.checks == 10_000


@pytest.mark.claim("asyncio-vs-threads.threads-preempted")
def test_a_thread_that_never_blocks_is_switched_out_so_another_thread_can_set_its_flag(impl):
    flag, seen = CountingFlag(), []
    spinner = impl.threading.Thread(target=lambda: seen.append(impl.busy_wait(flag, 10**9)))
    spinner.start()
    deadline = time.monotonic() + TIMEOUT
    while flag.checks < 1000 and time.monotonic() < deadline:
        pass  # this thread never blocks either: both only get on because the interpreter switches
    flag.set()
    spinner.join(LONG_TIMEOUT)

    assert flag.checks >= 1000  # the spinner was spinning, unset flag, before this thread set it
    assert seen == [True]  # and it saw the flag that the other thread set meanwhile
