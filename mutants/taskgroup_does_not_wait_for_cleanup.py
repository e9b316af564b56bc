"""A TaskGroup that, when a task fails, cancels the others and raises at once, without waiting for
them to finish their cleanup."""

import asyncio as _asyncio
import sys

from concurrency_spec.reference import Reference

TARGETS = ["asyncio.taskgroup.failure-waits-for-cleanup"]


class HastyTaskGroup:
    async def __aenter__(self):
        self._tasks = []
        self._failed = _asyncio.get_running_loop().create_future()
        return self

    def create_task(self, coroutine):
        task = _asyncio.ensure_future(coroutine)
        task.add_done_callback(self._on_done)
        self._tasks.append(task)
        return task

    def _on_done(self, task):
        if not task.cancelled() and task.exception() is not None and not self._failed.done():
            self._failed.set_result(task.exception())

    async def __aexit__(self, *exc_info):
        pending = [t for t in self._tasks if not t.done()]
        waiting = _asyncio.ensure_future(_asyncio.wait(pending)) if pending else None
        done, _ = await _asyncio.wait(
            [self._failed, waiting] if waiting else [self._failed], return_when=_asyncio.FIRST_COMPLETED
        )
        if self._failed.done():
            if waiting is not None:
                waiting.cancel()
            for task in self._tasks:
                task.cancel()  # asked to stop, and not waited for
            raise BaseExceptionGroup("unhandled errors in a TaskGroup", [self._failed.result()])  # noqa: F821
        return False


class Implementation(Reference):
    if sys.version_info >= (3, 11):  # there is no TaskGroup to replace before 3.11
        asyncio = Reference.asyncio.replace(TaskGroup=HastyTaskGroup)
