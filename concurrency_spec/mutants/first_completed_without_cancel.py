"""The §5.4 program without its last step: the pending tasks are never cancelled."""

import asyncio as _asyncio
from typing import Any, List, Sequence, Set, Tuple

from reference import *  # noqa: F401,F403
from reference import echo_after

TARGETS = ["asyncio.wait.cancel-pending"]


async def first_completed(
    delays: Sequence[float] = (2, 1, 3), sleep: Any = _asyncio.sleep
) -> Tuple[List[Any], Set[Any]]:
    tasks = [_asyncio.create_task(echo_after(d, sleep)) for d in delays]
    done, pending = await _asyncio.wait(tasks, return_when=_asyncio.FIRST_COMPLETED)
    return [t.result() for t in done], pending
