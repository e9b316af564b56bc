"""asyncio.sleep written with time.sleep: the pause blocks the whole event loop.

Every program that pauses with the implementation's asyncio.sleep blocks the loop too, so the claims
about running concurrently, switching at awaits and cancelling a paused task break with it. The
blocking pause is capped at 50 ms, so that a pause of an hour does not hang the run.
"""

import time

from concurrency_spec.reference import Reference

TARGETS = [
    "asyncio.sleep.does-not-block",
    "asyncio.gather.concurrent",
    "asyncio.create-task.concurrent",
    "asyncio.wait.first-completed",
    "asyncio-vs-threads.switch-at-await",
    "cancel.raises-at-await",
    "cancel.cancelled-true",
    "concurrency.interleaving",
    "asyncio.sleep.pauses-for-its-delay",
    # the document's programs pause with it: hello, AsyncResource, AsyncRange, fetch (virtual time)
    "asyncio.coroutine.pauses-at-await",
    "asyncio.async-with.order",
    "asyncio.async-for.yields-range",
    "asyncio.gather.return-exceptions",
]


async def _blocking_sleep(delay: float, result: object = None) -> object:
    time.sleep(min(delay, 0.05))
    return result


class Implementation(Reference):
    asyncio = Reference.asyncio.replace(sleep=_blocking_sleep)
