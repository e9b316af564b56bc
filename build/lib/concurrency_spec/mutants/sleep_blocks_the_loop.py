"""asyncio.sleep written with time.sleep: the pause blocks the whole event loop."""

import time

from concurrency_spec.reference import Reference

TARGETS = ["asyncio.sleep.does-not-block"]


async def _blocking_sleep(delay: float, result: object = None) -> object:
    time.sleep(delay)
    return result


class Implementation(Reference):
    asyncio = Reference.asyncio.replace(sleep=_blocking_sleep)
