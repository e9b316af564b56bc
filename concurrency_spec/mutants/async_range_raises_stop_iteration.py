"""AsyncRange that ends with StopIteration instead of StopAsyncIteration (a RuntimeError in a coroutine)."""

from reference import *  # noqa: F401,F403
from reference import AsyncRange as _AsyncRange

TARGETS = ["asyncio.async-for.stops"]


class AsyncRange(_AsyncRange):
    async def __anext__(self) -> int:
        if self.i >= self.n:
            raise StopIteration
        return await super().__anext__()
