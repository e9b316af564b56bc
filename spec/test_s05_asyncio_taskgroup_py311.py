"""§5.9 asyncio.TaskGroup (Python 3.11+) (结构化并发, structured concurrency): the block waits for
all its tasks; when one fails, the others are cancelled and an ExceptionGroup is raised, which
``except* ValueError`` catches. (The contrast, gather(return_exceptions=True), is in
``test_s05_asyncio.py``: it holds on every Python version.)

This file uses ``except*`` (Python 3.11 syntax); on older Pythons it is not collected and its claims
are reported as not applicable.

    async with asyncio.TaskGroup() as tg:
        task1 = tg.create_task(fetch("https://example.com"))
        ...
    # 所有任务完成后才执行到这里 (only reached once every task is done)
"""

import asyncio

import pytest

from concurrency_spec.testing.aio import Gates, eventually, finish, loop_iterations, yield_once
from concurrency_spec.testing.waits import TIMEOUT

URLS = ["https://example.com/1", "https://example.com/2", "https://example.com/3"]
FAILING = "https://example.com/error"


def leaves(error):
    """The exceptions inside an exception (group), flattened."""
    if isinstance(error, BaseExceptionGroup):
        return [leaf for inner in error.exceptions for leaf in leaves(inner)]
    return [error]


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.taskgroup.waits-for-all")
async def test_a_taskgroup_block_exits_only_after_all_its_tasks_are_done(impl):
    gates, log, tasks = Gates(), [], []

    async def main():
        async with impl.asyncio.TaskGroup() as tg:
            for delay, url in enumerate(URLS):
                tasks.append(tg.create_task(impl.fetch_or_fail(url, delay, sleep=gates)))
        log.append("after the block")

    running = asyncio.ensure_future(main())
    try:
        for delay in range(len(URLS) - 1):
            gates.open(delay)
            await loop_iterations(5)
            assert log == []  # a task is still running: the block has not exited
        gates.open(len(URLS) - 1)
        await asyncio.wait_for(running, TIMEOUT)
        assert log == ["after the block"]
        assert [task.result() for task in tasks] == [f"Result from {url}" for url in URLS]
    finally:
        await finish(running, *tasks)


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.taskgroup.cancels-siblings")
async def test_when_one_task_fails_the_taskgroup_cancels_the_others_and_the_error_propagates(impl):
    gates, siblings = Gates(), []  # the siblings' gates never open: only cancellation ends them

    async def main():
        async with impl.asyncio.TaskGroup() as tg:
            siblings.extend(tg.create_task(impl.fetch_or_fail(url, 1.0, sleep=gates)) for url in URLS)
            tg.create_task(impl.fetch_or_fail(FAILING, 1.0, sleep=yield_once))

    try:
        with pytest.raises(BaseException) as raised:
            await asyncio.wait_for(main(), TIMEOUT)
        assert [type(error) for error in leaves(raised.value)] == [ValueError]
        # cancelled by the group: only cancellation ends them (whether the group waits for that to finish
        # is asyncio.taskgroup.failure-waits-for-cleanup)
        await eventually(lambda: all(sibling.cancelled() for sibling in siblings), "every sibling cancelled")
    finally:
        await finish(*siblings)


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.taskgroup.failure-waits-for-cleanup")
async def test_when_a_taskgroup_fails_its_other_tasks_have_finished_their_cleanup_before_the_error_arrives(
    impl,
):
    log, siblings = [], []

    async def sibling(name):
        try:
            await impl.asyncio.sleep(3600)  # never ends by itself: only cancellation ends it
        finally:
            await loop_iterations(3)  # a cleanup that awaits: the group has to wait for it
            log.append(f"{name} cleaned up")

    async def main():
        async with impl.asyncio.TaskGroup() as tg:
            siblings.extend(tg.create_task(sibling(name)) for name in ("A", "B"))
            tg.create_task(impl.fetch_or_fail(FAILING, 1.0, sleep=yield_once))

    try:
        try:  # the document's safe_main()
            await asyncio.wait_for(main(), TIMEOUT)
        except* ValueError:
            log.append("the error reached the caller")
            finished = [sibling.done() for sibling in siblings]
    finally:
        await finish(*siblings)

    assert sorted(log[:2]) == ["A cleaned up", "B cleaned up"]
    assert log[2:] == ["the error reached the caller"]
    assert finished == [True, True]


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.taskgroup.exception-group")
async def test_a_failing_taskgroup_raises_an_exception_group_that_except_star_catches(impl):
    gates = Gates()  # never opened: the sibling is still waiting when the other fails, and is cancelled

    async def main():
        async with impl.asyncio.TaskGroup() as tg:
            tg.create_task(impl.fetch_or_fail(FAILING, 1.0, sleep=yield_once))
            tg.create_task(impl.fetch_or_fail(URLS[0], 1.0, sleep=gates))

    with pytest.raises(ExceptionGroup) as raised:
        await asyncio.wait_for(main(), TIMEOUT)
    assert [str(error) for error in raised.value.exceptions] == [f"Error fetching {FAILING}"]

    caught = []
    try:  # the document's safe_main()
        await asyncio.wait_for(main(), TIMEOUT)
    except* ValueError as group:
        caught.extend(f"Caught: {error}" for error in group.exceptions)
    assert caught == [f"Caught: Error fetching {FAILING}"]
