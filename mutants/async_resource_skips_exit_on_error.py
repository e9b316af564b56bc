"""AsyncResource that releases only when the body succeeded: an error leaks the resource."""

from typing import Any, List, Optional

from concurrency_spec.reference import Reference
from concurrency_spec.reference.s05_asyncio import AsyncResourceClass, Sleep

TARGETS = ["asyncio.async-with.exit-on-error"]


class LeakingResource(AsyncResourceClass):
    async def __aexit__(self, exc_type: Any, *rest: Any) -> None:
        if exc_type is None:
            await super().__aexit__(exc_type, *rest)


class Implementation(Reference):
    def AsyncResource(impl, log: List[str], delay: float = 1.0, sleep: Optional[Sleep] = None) -> Any:
        return LeakingResource(log, delay, sleep or impl.asyncio.sleep)
