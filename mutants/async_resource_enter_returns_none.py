"""AsyncResource whose __aenter__ forgets to return self: ``as r`` binds None."""

from typing import Any, List, Optional

from concurrency_spec.reference import Reference
from concurrency_spec.reference.s05_asyncio import AsyncResourceClass, Sleep

TARGETS = ["asyncio.async-with.order"]


class ForgetfulResource(AsyncResourceClass):
    async def __aenter__(self) -> Any:
        await super().__aenter__()
        return None


class Implementation(Reference):
    def AsyncResource(impl, log: List[str], delay: float = 1.0, sleep: Optional[Sleep] = None) -> Any:
        return ForgetfulResource(log, delay, sleep or impl.asyncio.sleep)
