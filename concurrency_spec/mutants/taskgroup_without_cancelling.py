"""A TaskGroup that, when a task fails, waits for the others instead of cancelling them."""

import asyncio as _asyncio
from typing import Any, List

import reference
from reference import *  # noqa: F401,F403

TARGETS = ["asyncio.taskgroup.cancels-siblings"]


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
            raise ExceptionGroup("unhandled errors in a TaskGroup", errors)  # noqa: F405 (builtin from 3.11)


asyncio = reference.asyncio.replace(TaskGroup=PatientTaskGroup)
