"""A TaskGroup that puts the CancelledError of each sibling it cancelled into its ExceptionGroup, next
to the task's ValueError: ``except* ValueError`` then leaves the cancellations uncaught."""

import asyncio as _asyncio
import sys
from typing import Any, List

from concurrency_spec.reference import Reference

TARGETS = [
    "asyncio.taskgroup.exception-group",
    "asyncio.taskgroup.cancels-siblings",
    "asyncio.taskgroup.failure-waits-for-cleanup",
]


class NoisyTaskGroup:
    async def __aenter__(self) -> "NoisyTaskGroup":
        self._group = _asyncio.TaskGroup()  # type: ignore[attr-defined]
        self._tasks: List[Any] = []
        await self._group.__aenter__()
        return self

    def create_task(self, coroutine: Any) -> Any:
        task = self._group.create_task(coroutine)
        self._tasks.append(task)
        return task

    async def __aexit__(self, *exc_info: Any) -> None:
        # BaseExceptionGroup: a builtin from Python 3.11 on, like TaskGroup
        try:
            await self._group.__aexit__(*exc_info)
        except BaseExceptionGroup as group:  # type: ignore[name-defined]  # noqa: F821
            cancelled = [_asyncio.CancelledError() for task in self._tasks if task.cancelled()]
            raise BaseExceptionGroup(group.message, [*group.exceptions, *cancelled]) from None  # type: ignore[name-defined]  # noqa: F821


class Implementation(Reference):
    if sys.version_info >= (3, 11):  # there is no TaskGroup to replace before 3.11
        asyncio = Reference.asyncio.replace(TaskGroup=NoisyTaskGroup)
