"""An asyncio Queue that hands out the newest item first (a LifoQueue)."""

import asyncio as _asyncio

from concurrency_spec.reference import Reference

TARGETS = ["asyncio.queue.consumer-gets-all"]


class Implementation(Reference):
    asyncio = Reference.asyncio.replace(Queue=_asyncio.LifoQueue)
