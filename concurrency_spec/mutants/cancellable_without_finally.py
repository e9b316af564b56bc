"""A cancellable coroutine whose cleanup is not in a finally block: cancelling it skips the cleanup."""

import asyncio as _asyncio
from typing import Any, List

from reference import *  # noqa: F401,F403

TARGETS = ["cancel.finally-runs"]


async def cancellable(log: List[str], sleep: Any = _asyncio.sleep) -> None:
    log.append("started")
    try:
        await sleep(3600.0)
        log.append("resumed after the pause")
    except _asyncio.CancelledError:
        log.append("cancelled at await")
        raise
    log.append("cleanup")
