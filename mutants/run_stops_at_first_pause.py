"""asyncio.run that gives up after one loop iteration instead of driving the coroutine to its end."""

import asyncio as _asyncio
from typing import Any

from concurrency_spec.reference import Reference

TARGETS = ["asyncio.run.drives-to-completion"]


def _run(main: Any, **kwargs: Any) -> Any:
    async def first_iteration_only() -> Any:
        task = _asyncio.ensure_future(main)
        await _asyncio.sleep(0)
        if task.done():
            return task.result()
        task.cancel()
        return None

    return _asyncio.run(first_iteration_only(), **kwargs)


class Implementation(Reference):
    asyncio = Reference.asyncio.replace(run=_run)
