"""A coroutine that, when cancelled at its await, carries on with the code after the await
before it gives in."""

from typing import List, Optional

from concurrency_spec.reference import Reference
from concurrency_spec.reference.s09_4_cancel import LONG_PAUSE, Sleep

TARGETS = ["cancel.raises-at-await"]


class Implementation(Reference):
    async def cancellable(impl, log: List[str], sleep: Optional[Sleep] = None) -> None:
        log.append("started")
        try:
            try:
                await (sleep or impl.asyncio.sleep)(LONG_PAUSE)
            except impl.asyncio.CancelledError:
                log.append("cancelled at await")
            log.append("resumed after the pause")
            raise impl.asyncio.CancelledError()
        finally:
            log.append("cleanup")
