"""AsyncRange that yields 1 .. n instead of 0 .. n-1."""

from typing import Any, Optional

from concurrency_spec.reference import Reference
from concurrency_spec.reference.s05_asyncio import AsyncRangeClass, Sleep

TARGETS = ["asyncio.async-for.yields-range"]


class OffByOneRange(AsyncRangeClass):
    async def __anext__(self) -> int:
        return await super().__anext__() + 1


class Implementation(Reference):
    def AsyncRange(impl, n: int, delay: float = 0.1, sleep: Optional[Sleep] = None) -> Any:
        return OffByOneRange(n, delay, sleep or impl.asyncio.sleep)
