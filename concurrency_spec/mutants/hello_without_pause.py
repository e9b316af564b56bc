"""hello() that logs "World" before its await: the coroutine does not pause between the two."""

from typing import Any, List

from reference import *  # noqa: F401,F403

TARGETS = ["asyncio.coroutine.pauses-at-await"]


async def hello(log: List[str], delay: float = 1.0, sleep: Any = None) -> None:
    log.append("Hello")
    log.append("World")
    if sleep is not None:
        await sleep(delay)
