"""A coroutine that catches CancelledError and returns normally: the task does not end as cancelled."""

import asyncio as _asyncio
from typing import Any, List

from reference import *  # noqa: F401,F403

TARGETS = ["cancel.cancelled-true"]


async def cancellable(log: List[str], sleep: Any = _asyncio.sleep) -> None:
    log.append("started")
    try:
        await sleep(3600.0)
        log.append("resumed after the pause")
    except _asyncio.CancelledError:
        log.append("cancelled at await")
    finally:
        log.append("cleanup")
