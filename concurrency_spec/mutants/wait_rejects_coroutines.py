"""asyncio.wait that rejects bare coroutines even before Python 3.11."""

import asyncio as _asyncio
import inspect
from typing import Any

import reference
from reference import *  # noqa: F401,F403

TARGETS = ["asyncio.wait.wraps-coroutines-deprecated"]


async def _wait(aws: Any, **kwargs: Any) -> Any:
    if any(inspect.iscoroutine(a) for a in aws):
        raise TypeError("Passing coroutines is forbidden, use tasks explicitly.")
    return await _asyncio.wait(aws, **kwargs)


asyncio = reference.asyncio.replace(wait=_wait)
