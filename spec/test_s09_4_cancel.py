"""§9.4 思考题: 如何取消正在运行的协程? (question: how do you cancel a running coroutine?)

The answer as facts: ``task.cancel()``; CancelledError then rises inside the coroutine at the
await where it is paused; its ``finally`` blocks run; once it has ended, ``task.cancelled()`` is
true.

    task = asyncio.create_task(work())
    task.cancel()
"""

import asyncio

import pytest

from concurrency_spec.testing.aio import yield_once
from concurrency_spec.testing.waits import TIMEOUT


async def paused_task(impl, log):
    task = asyncio.ensure_future(impl.cancellable(log))
    await asyncio.sleep(0)  # the task runs up to its await and pauses there
    return task


async def cancelled(task):
    task.cancel()
    await asyncio.wait([task], timeout=TIMEOUT)


@pytest.mark.asyncio
@pytest.mark.claim("cancel.raises-at-await")
async def test_cancel_raises_cancelled_error_at_the_await_where_the_coroutine_is_paused(impl):
    log = []
    task = await paused_task(impl, log)
    assert log == ["started"]

    task.cancel()
    assert log == ["started"]  # cancel() asks; the error rises when the task runs next
    await asyncio.wait([task], timeout=TIMEOUT)

    assert log[:2] == ["started", "cancelled at await"]
    assert "resumed after the pause" not in log


@pytest.mark.asyncio
@pytest.mark.claim("cancel.raises-at-await")
async def test_without_cancel_the_same_coroutine_goes_on_after_its_await(impl):
    log = []
    await asyncio.wait_for(impl.cancellable(log, sleep=yield_once), 1)  # the pause ends, uncancelled
    assert log == ["started", "resumed after the pause", "cleanup"]


@pytest.mark.asyncio
@pytest.mark.claim("cancel.finally-runs")
async def test_the_finally_block_of_a_cancelled_coroutine_runs(impl):
    log = []
    await cancelled(await paused_task(impl, log))
    assert log[-1] == "cleanup"


@pytest.mark.asyncio
@pytest.mark.claim("cancel.cancelled-true")
async def test_a_cancelled_task_reports_cancelled_and_awaiting_it_raises_cancelled_error(impl):
    log = []
    task = await paused_task(impl, log)
    await cancelled(task)

    assert task.done()
    assert task.cancelled()
    with pytest.raises(impl.asyncio.CancelledError):
        await task
