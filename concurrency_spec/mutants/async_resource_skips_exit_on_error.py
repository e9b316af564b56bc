"""AsyncResource that releases only when the body succeeded: an error leaks the resource."""

from typing import Any

from reference import *  # noqa: F401,F403
from reference import AsyncResource as _AsyncResource

TARGETS = ["asyncio.async-with.exit-on-error"]


class AsyncResource(_AsyncResource):
    async def __aexit__(self, exc_type: Any, *rest: Any) -> None:
        if exc_type is None:
            await super().__aexit__(exc_type, *rest)
