"""A BoundedSemaphore whose acquire never waits (it still refuses a release without an acquire)."""

import asyncio as _asyncio

from concurrency_spec.reference import Reference

TARGETS = ["asyncio.bounded-semaphore.bounds-concurrency"]


class UnboundingSemaphore(_asyncio.BoundedSemaphore):
    _held = 0

    async def acquire(self):
        self._held += 1
        return True

    def release(self):
        if self._held == 0:
            raise ValueError("BoundedSemaphore released too many times")
        self._held -= 1


class Implementation(Reference):
    asyncio = Reference.asyncio.replace(BoundedSemaphore=UnboundingSemaphore)
