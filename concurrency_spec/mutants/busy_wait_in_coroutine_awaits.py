"""A busy-waiting coroutine that awaits between its checks: other tasks get to run meanwhile."""

import asyncio as _asyncio
from typing import Any

from reference import *  # noqa: F401,F403

TARGETS = ["asyncio-vs-threads.no-switch-without-await"]


async def busy_wait_in_coroutine(flag: Any, max_checks: int) -> bool:
    for _ in range(max_checks):
        if flag.is_set():
            return True
        await _asyncio.sleep(0)
    return False
