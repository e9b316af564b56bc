"""A coroutine that, when cancelled at its await, carries on with the code after the await
before it gives in."""

import asyncio as _asyncio
from typing import Any, List

from reference import *  # noqa: F401,F403

TARGETS = ["cancel.raises-at-await"]


async def cancellable(log: List[str], sleep: Any = _asyncio.sleep) -> None:
    log.append("started")
    try:
        try:
            await sleep(3600.0)
        except _asyncio.CancelledError:
            log.append("cancelled at await")
        log.append("resumed after the pause")
        raise _asyncio.CancelledError()
    finally:
        log.append("cleanup")
