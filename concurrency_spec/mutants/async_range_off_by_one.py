"""AsyncRange that yields 1 .. n instead of 0 .. n-1."""

from reference import *  # noqa: F401,F403
from reference import AsyncRange as _AsyncRange

TARGETS = ["asyncio.async-for.yields-range"]


class AsyncRange(_AsyncRange):
    async def __anext__(self) -> int:
        return await super().__anext__() + 1
