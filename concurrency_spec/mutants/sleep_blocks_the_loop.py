"""asyncio.sleep written with time.sleep: the pause blocks the whole event loop."""

import time

import reference
from reference import *  # noqa: F401,F403

TARGETS = ["asyncio.sleep.does-not-block"]


async def _blocking_sleep(delay: float, result: object = None) -> object:
    time.sleep(delay)
    return result


asyncio = reference.asyncio.replace(sleep=_blocking_sleep)
