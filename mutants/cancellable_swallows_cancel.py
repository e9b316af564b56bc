"""A coroutine that catches CancelledError and returns normally: the task does not end as cancelled."""

from typing import List, Optional

from concurrency_spec.reference import Reference
from concurrency_spec.reference.s09_4_cancel import LONG_PAUSE, Sleep

TARGETS = ["cancel.cancelled-true"]


class Implementation(Reference):
    async def cancellable(impl, log: List[str], sleep: Optional[Sleep] = None) -> None:
        log.append("started")
        try:
            await (sleep or impl.asyncio.sleep)(LONG_PAUSE)
            log.append("resumed after the pause")
        except impl.asyncio.CancelledError:
            log.append("cancelled at await")
        finally:
            log.append("cleanup")
