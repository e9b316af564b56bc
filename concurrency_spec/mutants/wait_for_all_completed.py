"""asyncio.wait that ignores return_when and always waits for every task."""

import asyncio as _asyncio
from typing import Any

import reference
from reference import *  # noqa: F401,F403

TARGETS = ["asyncio.wait.first-completed"]


async def _wait(aws: Any, *, timeout: Any = None, return_when: Any = None) -> Any:
    return await _asyncio.wait(aws, timeout=timeout, return_when=_asyncio.ALL_COMPLETED)


asyncio = reference.asyncio.replace(wait=_wait)
