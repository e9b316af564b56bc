"""asyncio.wait that ignores return_when and always waits for every task."""

import asyncio as _asyncio
from typing import Any

from concurrency_spec.reference import Reference

TARGETS = ["asyncio.wait.first-completed", "asyncio.wait.cancel-pending"]


async def _wait(aws: Any, *, timeout: Any = None, return_when: Any = None) -> Any:
    return await _asyncio.wait(aws, timeout=timeout, return_when=_asyncio.ALL_COMPLETED)


class Implementation(Reference):
    asyncio = Reference.asyncio.replace(wait=_wait)
