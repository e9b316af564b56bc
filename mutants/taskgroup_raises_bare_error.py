"""A TaskGroup that cancels the others but raises the first error itself, not an ExceptionGroup."""

import asyncio as _asyncio
import sys
from typing import Any

from concurrency_spec.reference import Reference

TARGETS = ["asyncio.taskgroup.exception-group"]


class UngroupedTaskGroup:
    async def __aenter__(self) -> "UngroupedTaskGroup":
        self._group = _asyncio.TaskGroup()  # type: ignore[attr-defined]
        await self._group.__aenter__()
        return self

    def create_task(self, coroutine: Any) -> Any:
        return self._group.create_task(coroutine)

    async def __aexit__(self, *exc_info: Any) -> None:
        # BaseExceptionGroup: a builtin from Python 3.11 on, like TaskGroup
        try:
            await self._group.__aexit__(*exc_info)
        except BaseExceptionGroup as group:  # type: ignore[name-defined]  # noqa: F821
            raise group.exceptions[0] from None


class Implementation(Reference):
    if sys.version_info >= (3, 11):  # there is no TaskGroup to replace before 3.11
        asyncio = Reference.asyncio.replace(TaskGroup=UngroupedTaskGroup)
