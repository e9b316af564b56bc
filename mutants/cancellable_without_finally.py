"""A cancellable coroutine whose cleanup is not in a finally block: cancelling it skips the cleanup."""

from typing import List, Optional

from concurrency_spec.reference import Reference
from concurrency_spec.reference.s09_4_cancel import LONG_PAUSE, Sleep

TARGETS = ["cancel.finally-runs"]


class Implementation(Reference):
    async def cancellable(impl, log: List[str], sleep: Optional[Sleep] = None) -> None:
        log.append("started")
        try:
            await (sleep or impl.asyncio.sleep)(LONG_PAUSE)
            log.append("resumed after the pause")
        except impl.asyncio.CancelledError:
            log.append("cancelled at await")
            raise
        log.append("cleanup")
