"""A TaskGroup whose block exits at once, leaving its tasks running: it neither waits for them,
nor cancels the others when one fails, nor reports the failure."""

import asyncio as _asyncio
import sys
from typing import Any, List

from concurrency_spec.reference import Reference

TARGETS = [
    "asyncio.taskgroup.waits-for-all",
    "asyncio.taskgroup.cancels-siblings",
    "asyncio.taskgroup.exception-group",
    "asyncio.taskgroup.failure-waits-for-cleanup",
]


class NonWaitingTaskGroup:
    async def __aenter__(self) -> "NonWaitingTaskGroup":
        self.tasks: List[Any] = []
        return self

    def create_task(self, coroutine: Any) -> Any:
        task = _asyncio.ensure_future(coroutine)
        self.tasks.append(task)
        return task

    async def __aexit__(self, *exc_info: Any) -> None:
        return None


class Implementation(Reference):
    if sys.version_info >= (3, 11):  # there is no TaskGroup to replace before 3.11
        asyncio = Reference.asyncio.replace(TaskGroup=NonWaitingTaskGroup)
