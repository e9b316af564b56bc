"""A plain Semaphore that behaves like a BoundedSemaphore: releasing beyond the start value fails."""

import asyncio as _asyncio

from concurrency_spec.reference import Reference

TARGETS = ["asyncio.semaphore.over-release"]


class Implementation(Reference):
    asyncio = Reference.asyncio.replace(Semaphore=_asyncio.BoundedSemaphore)
