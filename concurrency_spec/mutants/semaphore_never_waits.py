"""A Semaphore whose acquire never waits: nothing bounds the requests in flight, nor the holders of
an over-released semaphore."""

import asyncio as _asyncio

import reference
from reference import *  # noqa: F401,F403

TARGETS = ["asyncio.semaphore.bounds-concurrency", "asyncio.semaphore.over-release"]


class NeverWaitingSemaphore(_asyncio.Semaphore):
    async def acquire(self) -> bool:
        return True


asyncio = reference.asyncio.replace(Semaphore=NeverWaitingSemaphore)
