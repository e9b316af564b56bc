"""A BoundedSemaphore that allows over-release, like a plain Semaphore."""

import asyncio as _asyncio

from concurrency_spec.reference import Reference

TARGETS = [
    "asyncio.bounded-semaphore.rejects-over-release",
    "asyncio.bounded-semaphore.bounds-concurrency",  # its extra release raises the bound
]


class Implementation(Reference):
    asyncio = Reference.asyncio.replace(BoundedSemaphore=_asyncio.Semaphore)
