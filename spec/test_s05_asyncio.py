"""§5 asyncio 异步编程 (asyncio): coroutines, running them, gather, create_task, wait, async with,
async for, and gather(return_exceptions=True) as the contrast of §5.9.

Every async test runs on asyncio's own loop and on uvloop (``test_x[asyncio]``, ``test_x[uvloop]``).
Timing claims ("takes 3 seconds, not 6") are checked exactly with virtual time on asyncio's loop
(``@pytest.mark.virtual_time``; see ``concurrency_spec/pytest_plugin/loops.py``) and, on both loops,
by a clock-free test
that proves the same concurrency by order of events: the document's ``asyncio.sleep(delay)`` is
replaced by ``Gates``, pauses that end when the test opens them.

The document's programs come from ``impl`` (``impl.hello``, ``impl.task``...), its asyncio
primitives from ``impl.asyncio`` (``impl.asyncio.gather``...); plain ``asyncio`` in a test is the
test's own tooling.
"""

import asyncio
import sys
import time

import pytest

from concurrency_spec.testing import not_applicable
from concurrency_spec.testing.aio import Gates, eventually, finish, loop_iterations, yield_once
from concurrency_spec.testing.waits import TIMEOUT, VIRTUAL_TIMEOUT

OK_1 = "https://example.com/ok-1"
OK_2 = "https://example.com/ok-2"
FAILING = "https://example.com/error"


async def note(log, text):
    log.append(text)


# §5.1–5.2 coroutines, the event loop, asyncio.run, asyncio.sleep
#
#     async def hello():
#         print("Hello")
#         await asyncio.sleep(1)  # 非阻塞暂停 (a non-blocking pause)
#         print("World")


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.coroutine.pauses-at-await")
async def test_a_coroutine_pauses_at_await_and_resumes_when_the_awaited_pause_ends(impl):
    log, gates = [], Gates()
    coroutine = impl.hello(log, 1.0, sleep=gates)
    assert log == []  # calling the async function only made a coroutine object

    running = asyncio.ensure_future(coroutine)
    try:
        await loop_iterations(3)
        assert log == ["Hello"]  # paused at its await, while this test went on running
        assert not running.done()

        gates.open(1.0)
        await asyncio.wait_for(running, TIMEOUT)
        assert log == ["Hello", "World"]
    finally:
        await finish(running)


@pytest.mark.asyncio
@pytest.mark.virtual_time
@pytest.mark.claim("asyncio.coroutine.pauses-at-await")
async def test_hello_pauses_the_documents_one_second_between_hello_and_world(impl):
    loop, log = asyncio.get_running_loop(), []
    start = loop.time()
    # print("Hello"); await asyncio.sleep(1); print("World")
    await asyncio.wait_for(impl.hello(log), VIRTUAL_TIMEOUT)
    assert log == ["Hello", "World"]
    assert loop.time() - start == pytest.approx(1.0, abs=1e-6)


@pytest.mark.claim("asyncio.run.drives-to-completion")
def test_asyncio_run_drives_a_coroutine_to_its_end_and_closes_the_loop(impl, loop_factory):
    log, loops = [], []

    async def main():
        loops.append(asyncio.get_running_loop())
        await impl.hello(log, 0.0)
        return "done"

    if loop_factory.name == "asyncio":
        result = impl.asyncio.run(main())
    elif sys.version_info >= (3, 12):
        result = impl.asyncio.run(main(), loop_factory=loop_factory)
    else:
        not_applicable("asyncio.run takes a loop_factory (to run on another loop) from Python 3.12 on")

    assert result == "done"
    assert log == ["Hello", "World"]
    assert loops[0].is_closed()


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.sleep.does-not-block")
async def test_while_a_coroutine_awaits_asyncio_sleep_other_tasks_run(impl):
    log = []

    async def sleeper():
        log.append("asleep")
        await impl.asyncio.sleep(1)  # never waited for: the test cancels it
        log.append("awake")

    sleeping = asyncio.ensure_future(sleeper())
    try:
        await asyncio.ensure_future(note(log, "another task ran"))
        assert log == ["asleep", "another task ran"]  # ran while the sleeper still slept
        assert not sleeping.done()
    finally:
        await finish(sleeping)


@pytest.mark.asyncio
@pytest.mark.virtual_time
@pytest.mark.claim("asyncio.sleep.pauses-for-its-delay")
async def test_asyncio_sleep_resumes_exactly_its_delay_later(impl):
    loop = asyncio.get_running_loop()
    for delay in (1, 0.25, 3):
        start = loop.time()
        await asyncio.wait_for(impl.asyncio.sleep(delay), VIRTUAL_TIMEOUT)
        assert loop.time() - start == pytest.approx(delay, abs=1e-6)


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.sleep.pauses-for-its-delay")
async def test_asyncio_sleep_does_not_resume_before_its_delay(impl):
    # On any loop, with its real clock: never sooner (how much later depends on the machine), but
    # for the clock's own resolution (a millisecond on uvloop)
    loop = asyncio.get_running_loop()
    start = loop.time()
    await impl.asyncio.sleep(0.02)
    assert loop.time() - start >= 0.02 - 0.002


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.time-sleep.blocks-loop")
async def test_time_sleep_in_a_coroutine_blocks_every_other_task(impl):
    async def blocking_sleep(seconds):
        time.sleep(seconds)  # the mistake: a blocking call inside a coroutine

    log = []
    sleeper = asyncio.ensure_future(impl.hello(log, 0.01, sleep=blocking_sleep))
    await asyncio.ensure_future(note(log, "another task ran"))

    assert log == ["Hello", "World", "another task ran"]  # nothing ran until time.sleep returned
    assert sleeper.done()


# §5.3 concurrent execution: gather and create_task
#
#     results = await asyncio.gather(task("A", 2), task("B", 1), task("C", 3))
#     task1 = asyncio.create_task(task("A", 2))   # 立即调度 (scheduled at once)


@pytest.mark.asyncio
@pytest.mark.virtual_time
@pytest.mark.claim("asyncio.gather.concurrent")
async def test_gather_of_2_1_and_3_second_tasks_takes_3_seconds_not_6(impl):
    loop = asyncio.get_running_loop()
    start = loop.time()
    gathering = impl.asyncio.gather(impl.task("A", 2), impl.task("B", 1), impl.task("C", 3))
    await asyncio.wait_for(gathering, VIRTUAL_TIMEOUT)
    assert loop.time() - start == pytest.approx(3, abs=1e-6)


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.gather.concurrent")
async def test_gather_starts_all_three_tasks_before_any_of_them_finishes(impl):
    log, gates = [], Gates()
    gathering = asyncio.ensure_future(
        impl.asyncio.gather(
            impl.task("A", 2, log, gates), impl.task("B", 1, log, gates), impl.task("C", 3, log, gates)
        )
    )
    try:
        await eventually(lambda: len(log) == 3, "all three tasks started")
        assert log == ["A started", "B started", "C started"]  # all waiting at once: the pauses overlap

        gates.open_all()
        assert await asyncio.wait_for(gathering, TIMEOUT) == ["A result", "B result", "C result"]
    finally:
        await finish(gathering)


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.gather.argument-order")
async def test_gather_returns_results_in_argument_order_not_in_finishing_order(impl):
    log, gates = [], Gates()
    gathering = asyncio.ensure_future(
        impl.asyncio.gather(
            impl.task("A", 2, log, gates), impl.task("B", 1, log, gates), impl.task("C", 3, log, gates)
        )
    )
    try:
        for delay, name in ((3, "C"), (1, "B"), (2, "A")):  # finish C first, then B, then A
            gates.open(delay)
            await eventually(lambda name=name: f"{name} finished" in log, f"{name} finished")

        assert [line for line in log if "finished" in line] == ["C finished", "B finished", "A finished"]
        assert await asyncio.wait_for(gathering, TIMEOUT) == ["A result", "B result", "C result"]
    finally:
        await finish(gathering)


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.create-task.starts-at-once")
async def test_create_task_starts_the_coroutine_at_the_next_iteration_without_being_awaited(impl):
    log, gates = [], Gates()
    started = impl.asyncio.create_task(impl.task("A", 2, log, gates))
    try:
        assert log == []  # scheduled, not run inside create_task

        await asyncio.sleep(0)  # one loop iteration; nobody awaits the task
        assert log == ["A started"]

        gates.open(2)
        assert await asyncio.wait_for(started, TIMEOUT) == "A result"
    finally:
        await finish(started)


async def await_in_turn(first, second):
    """The document's ``result1 = await task1; result2 = await task2``."""
    result1 = await first
    result2 = await second
    return [result1, result2]


@pytest.mark.asyncio
@pytest.mark.virtual_time
@pytest.mark.claim("asyncio.create-task.concurrent")
async def test_two_created_tasks_awaited_in_turn_take_2_seconds_not_3(impl):
    loop = asyncio.get_running_loop()
    start = loop.time()
    task1 = impl.asyncio.create_task(impl.task("A", 2))
    task2 = impl.asyncio.create_task(impl.task("B", 1))
    assert await asyncio.wait_for(await_in_turn(task1, task2), VIRTUAL_TIMEOUT) == ["A result", "B result"]
    assert loop.time() - start == pytest.approx(2, abs=1e-6)


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.create-task.concurrent")
async def test_a_created_task_finishes_while_main_still_awaits_another(impl):
    log, gates = [], Gates()
    task1 = impl.asyncio.create_task(impl.task("A", 2, log, gates))
    task2 = impl.asyncio.create_task(impl.task("B", 1, log, gates))
    main = asyncio.ensure_future(await_in_turn(task1, task2))
    try:
        gates.open(1)
        await eventually(lambda: "B finished" in log, "B finished while main awaits A")
        assert log == ["A started", "B started", "B finished"]
        assert not main.done()

        gates.open(2)
        assert await asyncio.wait_for(main, TIMEOUT) == ["A result", "B result"]
    finally:
        await finish(main, task1, task2)


# §5.4 asyncio.wait
#
#     tasks = [asyncio.create_task(task(n)) for n in [2, 1, 3]]
#     done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)


@pytest.mark.asyncio
@pytest.mark.virtual_time
@pytest.mark.claim("asyncio.wait.first-completed")
async def test_wait_first_completed_returns_after_1_second_with_the_1_second_task_done(impl):
    loop = asyncio.get_running_loop()
    start = loop.time()
    tasks = [asyncio.ensure_future(impl.echo_after(n)) for n in (2, 1, 3)]
    waiting = impl.asyncio.wait(tasks, return_when=impl.asyncio.FIRST_COMPLETED)
    done, pending = await asyncio.wait_for(waiting, VIRTUAL_TIMEOUT)

    assert loop.time() - start == pytest.approx(1, abs=1e-6)
    assert done == {tasks[1]} and tasks[1].result() == 1
    assert pending == {tasks[0], tasks[2]}
    await loop_iterations(5)
    assert not any(task.done() for task in pending)  # still running: "取消剩余任务" is the caller's to do
    await finish(*pending)


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.wait.first-completed")
async def test_wait_first_completed_returns_when_one_task_finishes_while_the_others_still_wait(impl):
    gates = Gates()
    tasks = [asyncio.ensure_future(impl.echo_after(n, sleep=gates)) for n in (2, 1, 3)]
    waiting = asyncio.ensure_future(impl.asyncio.wait(tasks, return_when=impl.asyncio.FIRST_COMPLETED))

    gates.open(1)  # only the "1 second" task can finish
    try:
        done, pending = await asyncio.wait_for(waiting, TIMEOUT)
        await loop_iterations(5)
        still_running = [not task.done() for task in tasks]
    finally:
        await finish(waiting, *tasks)
    assert done == {tasks[1]}
    assert pending == {tasks[0], tasks[2]}
    assert still_running == [True, False, True]  # wait cancels nothing: the document cancels the rest


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.wait.cancel-pending")
async def test_cancelling_the_pending_tasks_ends_each_of_them_as_cancelled(impl):
    gates = Gates()
    gates.open(3)  # the test ends the "3 second" pause first: that task finishes; the others wait forever
    results, pending = await asyncio.wait_for(impl.first_completed((2, 1, 3), sleep=gates), TIMEOUT)
    assert results == [3]  # the tasks paused with the sleep they were given
    assert len(pending) == 2

    await asyncio.wait(pending, timeout=TIMEOUT)
    try:
        assert all(task.cancelled() for task in pending)
    finally:
        await finish(*pending)


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.wait.rejects-coroutines")
async def test_asyncio_wait_rejects_bare_coroutines_with_type_error(impl):
    coroutine = impl.echo_after(0)
    try:
        with pytest.raises(TypeError):
            await impl.asyncio.wait([coroutine])
    finally:
        coroutine.close()


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.wait.wraps-coroutines-deprecated")
async def test_before_3_11_asyncio_wait_wraps_bare_coroutines_with_a_deprecation_warning(impl):
    with pytest.warns(DeprecationWarning):
        done, pending = await impl.asyncio.wait([impl.echo_after(0)])
    assert [task.result() for task in done] == [0]
    assert pending == set()


# §5.5 async context managers
#
#     async with AsyncResource() as r:
#         print("Using resource")


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.async-with.order")
async def test_async_with_awaits_aenter_before_the_body_and_aexit_after_it(impl):
    log = []
    resource = impl.AsyncResource(log, 1.0, sleep=yield_once)
    async with resource as bound:
        log.append("Using resource")
        assert bound is resource  # __aenter__ returned self
    assert log == ["Acquiring resource", "Using resource", "Releasing resource"]


@pytest.mark.asyncio
@pytest.mark.virtual_time
@pytest.mark.claim("asyncio.async-with.order")
async def test_async_with_waits_out_the_documents_second_on_the_way_in_and_on_the_way_out(impl):
    loop, log = asyncio.get_running_loop(), []
    start = loop.time()

    async def use_the_resource():
        async with impl.AsyncResource(log):  # __aenter__ and __aexit__ each: await asyncio.sleep(1)
            return loop.time() - start

    entered = await asyncio.wait_for(use_the_resource(), VIRTUAL_TIMEOUT)
    assert entered == pytest.approx(1.0, abs=1e-6)
    assert loop.time() - start == pytest.approx(2.0, abs=1e-6)
    assert log == ["Acquiring resource", "Releasing resource"]


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.async-with.exit-on-error")
async def test_async_with_awaits_aexit_when_the_body_raises_and_the_error_propagates(impl):
    log = []
    with pytest.raises(ValueError, match="body failed"):
        async with impl.AsyncResource(log, 1.0, sleep=yield_once):
            log.append("Using resource")
            raise ValueError("body failed")
    assert log == ["Acquiring resource", "Using resource", "Releasing resource"]


# §5.6 async iterators
#
#     async for i in AsyncRange(5):
#         print(i)


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.async-for.yields-range")
async def test_async_for_over_async_range_5_yields_0_to_4_in_order(impl):
    seen = []
    async for number in impl.AsyncRange(5, 0.1, sleep=yield_once):
        seen.append(number)
        if len(seen) == 5:
            break
    assert seen == [0, 1, 2, 3, 4]


@pytest.mark.asyncio
@pytest.mark.virtual_time
@pytest.mark.claim("asyncio.async-for.yields-range")
async def test_async_range_pauses_the_documents_tenth_of_a_second_before_each_number(impl):
    loop = asyncio.get_running_loop()
    start, arrivals = loop.time(), []

    async def take_five():
        async for number in impl.AsyncRange(5):  # __anext__: await asyncio.sleep(0.1), then the number
            arrivals.append((number, round(loop.time() - start, 6)))
            if len(arrivals) == 5:
                break  # (how the loop ends is another claim)

    await asyncio.wait_for(take_five(), VIRTUAL_TIMEOUT)
    assert arrivals == [(0, 0.1), (1, 0.2), (2, 0.3), (3, 0.4), (4, 0.5)]


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.async-for.stops")
async def test_stop_async_iteration_ends_async_for_after_exactly_5_rounds(impl):
    numbers = impl.AsyncRange(5, 0.1, sleep=yield_once)
    rounds = 0
    async for _ in numbers:
        rounds += 1
        assert rounds <= 5, "async for went on past the end"
    assert rounds == 5
    with pytest.raises(StopAsyncIteration):
        await numbers.__anext__()  # exhausted, and stays so


# §5.9 asyncio.TaskGroup (Python 3.11+)


@pytest.mark.claim("asyncio.taskgroup.needs-3.11")
def test_before_python_3_11_asyncio_has_no_taskgroup():
    assert not hasattr(asyncio, "TaskGroup")


@pytest.mark.asyncio
@pytest.mark.virtual_time
@pytest.mark.claim("asyncio.gather.return-exceptions")
async def test_the_documents_fetch_pauses_one_second_then_returns_or_raises(impl):
    loop = asyncio.get_running_loop()
    start = loop.time()
    assert await asyncio.wait_for(impl.fetch_or_fail(OK_1), VIRTUAL_TIMEOUT) == f"Result from {OK_1}"
    assert loop.time() - start == pytest.approx(1.0, abs=1e-6)  # await asyncio.sleep(1), then the result
    with pytest.raises(ValueError, match=f"Error fetching {FAILING}"):
        # or, after the same pause, the error gather returns
        await asyncio.wait_for(impl.fetch_or_fail(FAILING), VIRTUAL_TIMEOUT)
    assert loop.time() - start == pytest.approx(2.0, abs=1e-6)


# §5.9 (the contrast, on every Python version): gather(return_exceptions=True)
#
#     # 2. gather(return_exceptions=True): 收集所有结果包括异常 (collects every result, exceptions included)


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.gather.return-exceptions")
async def test_gather_with_return_exceptions_returns_results_and_errors_and_cancels_nothing(impl):
    gates = Gates()
    ok_1 = asyncio.ensure_future(impl.fetch_or_fail(OK_1, 1.0, sleep=gates))
    failing = asyncio.ensure_future(impl.fetch_or_fail(FAILING, 0.0, sleep=yield_once))
    ok_2 = asyncio.ensure_future(impl.fetch_or_fail(OK_2, 1.0, sleep=gates))
    gathering = asyncio.ensure_future(impl.asyncio.gather(ok_1, failing, ok_2, return_exceptions=True))
    try:
        await eventually(failing.done, "the failing task failed")
        await loop_iterations(3)
        assert not gathering.done()  # still waiting for the others, which were not cancelled
        assert not ok_1.done() and not ok_2.done()

        gates.open(1.0)
        results = await asyncio.wait_for(gathering, TIMEOUT)
    finally:
        await finish(gathering, ok_1, failing, ok_2)
    assert results[0] == f"Result from {OK_1}"
    assert isinstance(results[1], ValueError) and str(results[1]) == f"Error fetching {FAILING}"
    assert results[2] == f"Result from {OK_2}"
