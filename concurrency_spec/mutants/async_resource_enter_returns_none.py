"""AsyncResource whose __aenter__ forgets to return self: ``as r`` binds None."""

from typing import Any

from reference import *  # noqa: F401,F403
from reference import AsyncResource as _AsyncResource

TARGETS = ["asyncio.async-with.order"]


class AsyncResource(_AsyncResource):
    async def __aenter__(self) -> Any:
        await super().__aenter__()
        return None
