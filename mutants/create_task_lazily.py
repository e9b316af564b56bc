"""create_task that starts the coroutine only when the task is awaited."""

import asyncio as _asyncio
import sys
from typing import Any, Generator, Optional

from concurrency_spec.reference import Reference

TARGETS = [
    "asyncio.create-task.starts-at-once",
    "asyncio.create-task.concurrent",
    "asyncio.queue.consumer-gets-all",
]
if sys.version_info >= (3, 11):  # before 3.11, asyncio.wait wraps the lazy task in a task, which starts it
    TARGETS.append("asyncio.wait.cancel-pending")


class _LazyTask:
    def __init__(self, coroutine: Any) -> None:
        self._coroutine = coroutine
        self._task: Optional[_asyncio.Task[Any]] = None

    def __await__(self) -> Generator[Any, None, Any]:
        if self._task is None:
            self._task = _asyncio.ensure_future(self._coroutine)
        return self._task.__await__()

    def cancel(self) -> bool:
        if self._task is None:
            self._coroutine.close()
            return True
        return self._task.cancel()


class Implementation(Reference):
    asyncio = Reference.asyncio.replace(create_task=_LazyTask)
