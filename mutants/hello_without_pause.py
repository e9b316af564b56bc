"""hello() that logs "World" before its await: the coroutine does not pause between the two."""

from typing import List, Optional

from concurrency_spec.reference import Reference
from concurrency_spec.reference.s05_asyncio import Sleep

TARGETS = ["asyncio.coroutine.pauses-at-await"]


class Implementation(Reference):
    async def hello(impl, log: List[str], delay: float = 1.0, sleep: Optional[Sleep] = None) -> None:
        log.append("Hello")
        log.append("World")
        if sleep is not None:
            await sleep(delay)
