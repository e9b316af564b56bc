"""A Semaphore whose acquire never waits: nothing bounds the requests in flight, nor the holders of
an over-released semaphore."""

import asyncio as _asyncio
from typing import Literal

from concurrency_spec.reference import Reference

TARGETS = ["asyncio.semaphore.bounds-concurrency", "asyncio.semaphore.over-release"]


class NeverWaitingSemaphore(_asyncio.Semaphore):
    async def acquire(self) -> Literal[True]:
        return True


class Implementation(Reference):
    asyncio = Reference.asyncio.replace(Semaphore=NeverWaitingSemaphore)
