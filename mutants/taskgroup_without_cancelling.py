"""A TaskGroup that, when a task fails, waits for the others instead of cancelling them."""

import asyncio as _asyncio
import sys
from typing import Any, List

from concurrency_spec.reference import Reference

TARGETS = [
    "asyncio.taskgroup.cancels-siblings",
    "asyncio.taskgroup.failure-waits-for-cleanup",
    "asyncio.taskgroup.exception-group",  # no group is raised while a sibling still waits
]


class PatientTaskGroup:
    async def __aenter__(self) -> "PatientTaskGroup":
        self.tasks: List[Any] = []
        return self

    def create_task(self, coroutine: Any) -> Any:
        task = _asyncio.ensure_future(coroutine)
        self.tasks.append(task)
        return task

    async def __aexit__(self, *exc_info: Any) -> None:
        results = await _asyncio.gather(*self.tasks, return_exceptions=True)
        errors = [r for r in results if isinstance(r, Exception)]
        if errors:
            # ExceptionGroup: a builtin from Python 3.11 on, like TaskGroup
            raise ExceptionGroup("unhandled errors in a TaskGroup", errors)  # type: ignore[name-defined]  # noqa: F821


class Implementation(Reference):
    if sys.version_info >= (3, 11):  # there is no TaskGroup to replace before 3.11
        asyncio = Reference.asyncio.replace(TaskGroup=PatientTaskGroup)
