"""AsyncRange that ends with StopIteration instead of StopAsyncIteration (a RuntimeError in a coroutine)."""

from typing import Any, Optional

from concurrency_spec.reference import Reference
from concurrency_spec.reference.s05_asyncio import AsyncRangeClass, Sleep

TARGETS = ["asyncio.async-for.stops"]


class StopIterationRange(AsyncRangeClass):
    async def __anext__(self) -> int:
        if self.i >= self.n:
            raise StopIteration
        return await super().__anext__()


class Implementation(Reference):
    def AsyncRange(impl, n: int, delay: float = 0.1, sleep: Optional[Sleep] = None) -> Any:
        return StopIterationRange(n, delay, sleep or impl.asyncio.sleep)
