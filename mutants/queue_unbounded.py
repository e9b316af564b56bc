"""An asyncio Queue that ignores maxsize: a producer never waits."""

import asyncio as _asyncio
from typing import Any

from concurrency_spec.reference import Reference

TARGETS = ["asyncio.queue.bounded-put-waits"]


class UnboundedQueue(_asyncio.Queue):  # type: ignore[type-arg]
    def __init__(self, maxsize: int = 0, **kwargs: Any) -> None:
        super().__init__(0, **kwargs)


class Implementation(Reference):
    asyncio = Reference.asyncio.replace(Queue=UnboundedQueue)
