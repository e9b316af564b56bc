"""§9.4 如何取消正在运行的协程? (how do you cancel a running coroutine?) ``task.cancel()``: the task
gets CancelledError at the await where it is paused; its ``finally`` blocks run; once it has ended,
``task.cancelled()`` is true.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, List, Optional

Sleep = Callable[[float], Awaitable[Any]]
LONG_PAUSE = 3600.0  # seconds: the coroutine is still paused when it gets cancelled


async def cancellable(impl: Any, log: List[str], sleep: Optional[Sleep] = None) -> None:
    """§9.4: a long pause that can be cancelled: logs where the cancellation arrived, and cleans up."""
    log.append("started")
    try:
        await (sleep or impl.asyncio.sleep)(LONG_PAUSE)
        log.append("resumed after the pause")
    except impl.asyncio.CancelledError:
        log.append("cancelled at await")
        raise  # let the task end as cancelled
    finally:
        log.append("cleanup")
