"""asyncio.sleep that pauses for half the delay asked for."""

import asyncio as _asyncio

from concurrency_spec.reference import Reference

TARGETS = [
    "asyncio.sleep.pauses-for-its-delay",
    # the virtual-time tests of the programs that pause with it see the halved pauses too
    "asyncio.gather.concurrent",
    "asyncio.create-task.concurrent",
    "asyncio.wait.first-completed",
    # the document's programs pause with it: hello, AsyncResource, AsyncRange, fetch (virtual time)
    "asyncio.coroutine.pauses-at-await",
    "asyncio.async-with.order",
    "asyncio.async-for.yields-range",
    "asyncio.gather.return-exceptions",
]


async def _hasty_sleep(delay, result=None):
    return await _asyncio.sleep(delay / 2, result)


class Implementation(Reference):
    asyncio = Reference.asyncio.replace(sleep=_hasty_sleep)
