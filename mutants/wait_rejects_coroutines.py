"""asyncio.wait that rejects bare coroutines even before Python 3.11."""

import asyncio as _asyncio
import inspect
from typing import Any

from concurrency_spec.reference import Reference

TARGETS = ["asyncio.wait.wraps-coroutines-deprecated"]


async def _wait(aws: Any, **kwargs: Any) -> Any:
    if any(inspect.iscoroutine(a) for a in aws):
        raise TypeError("Passing coroutines is forbidden, use tasks explicitly.")
    return await _asyncio.wait(aws, **kwargs)


class Implementation(Reference):
    asyncio = Reference.asyncio.replace(wait=_wait)
