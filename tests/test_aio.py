"""concurrency_spec/testing/aio.py proves itself: a pause of Gates ends when the test opens its gate;
yield_once, no_pause and loop_iterations pause exactly the loop iterations they say; finish stops every
task; eventually returns at the first check that holds, checks one loop iteration apart and then a
millisecond apart, and gives up at its timeout, not before.

Loop iterations are counted by a ticker task that counts one per iteration; time is looptime's virtual
clock, which moves only when every task waits, so the checks' times are exact.
"""

import asyncio

import looptime
import pytest

from concurrency_spec.testing.aio import Gates, eventually, finish, loop_iterations, no_pause, yield_once

WAIT = 5.0  # what happens at once gets this long: only a broken instrument ever waits it out


def in_virtual_time(main):
    """Run ``main()`` on a new asyncio loop whose clock is virtual (looptime), starting at 0."""
    loop = looptime.patch_event_loop(asyncio.new_event_loop(), start=0.0, end=60.0)
    try:
        return loop.run_until_complete(main())
    finally:
        loop.close()


class Ticker:
    """A task that counts the loop's iterations: it runs once in each."""

    def __init__(self):
        self.ticks = 0
        self.task = asyncio.ensure_future(self._tick())

    async def _tick(self):
        while True:
            self.ticks += 1
            await asyncio.sleep(0)

    async def iterations_during(self, awaitable):
        await asyncio.sleep(0)  # the ticker is running
        before = self.ticks
        await awaitable
        return self.ticks - before


@pytest.mark.parametrize(
    ("pause", "argument", "iterations"), [(yield_once, 7, 1), (no_pause, 7, 0), (loop_iterations, 3, 3)]
)
@pytest.mark.asyncio
async def test_a_pause_lasts_exactly_its_loop_iterations(pause, argument, iterations):
    ticker = Ticker()
    try:
        assert await ticker.iterations_during(pause(argument)) == iterations
    finally:
        await finish(ticker.task)


@pytest.mark.asyncio
async def test_a_pause_of_gates_ends_when_the_test_opens_the_gate_of_its_delay():
    gates = Gates()
    two, one = asyncio.ensure_future(gates(2)), asyncio.ensure_future(gates(1))
    try:
        await loop_iterations(3)
        assert not two.done() and not one.done()
        gates.open(2)
        await asyncio.wait_for(two, WAIT)
        assert not one.done()
        gates.open(1)
        await asyncio.wait_for(one, WAIT)
    finally:
        await finish(two, one)


@pytest.mark.asyncio
async def test_open_all_ends_every_pause_begun():
    gates = Gates()
    pauses = [asyncio.ensure_future(gates(delay)) for delay in (1, 2, 3)]
    try:
        await loop_iterations(3)
        gates.open_all()
        await asyncio.wait_for(asyncio.gather(*pauses), WAIT)
    finally:
        await finish(*pauses)


@pytest.mark.asyncio
async def test_finish_cancels_what_still_runs_and_returns_once_every_task_has_stopped():
    async def fail():
        raise ValueError("a task's own error")

    async def succeed():
        return 1

    forever = asyncio.ensure_future(asyncio.Event().wait())
    failed, succeeded = asyncio.ensure_future(fail()), asyncio.ensure_future(succeed())
    await loop_iterations(2)  # the last two have ended, one with an error

    await finish(forever, failed, succeeded)

    assert forever.cancelled() and failed.done() and succeeded.result() == 1


def test_eventually_returns_at_the_first_check_that_holds():
    checks = []

    async def main():
        await eventually(lambda: checks.append(0) or len(checks) == 3, "the third check")
        return asyncio.get_running_loop().time()

    assert in_virtual_time(main) == 0.0
    assert len(checks) == 3


def test_eventually_checks_a_hundred_times_one_loop_iteration_apart_then_a_millisecond_apart():
    times = []

    async def main():
        loop = asyncio.get_running_loop()
        await eventually(lambda: times.append(loop.time()) or len(times) == 103, "the 103rd check")

    in_virtual_time(main)

    assert times[:101] == [0.0] * 101  # the first check, then a hundred more one iteration apart
    assert times[101:] == pytest.approx([0.001, 0.002])


def test_eventually_gives_up_at_its_timeout_and_not_before():
    async def main():
        loop = asyncio.get_running_loop()
        with pytest.raises(AssertionError, match=r"^never happened within 0.05 s: the thing$"):
            await eventually(lambda: False, "the thing", timeout=0.05)
        return loop.time()

    assert 0.05 <= in_virtual_time(main) <= 0.05 + 0.002
