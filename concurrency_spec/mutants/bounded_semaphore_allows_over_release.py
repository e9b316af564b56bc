"""A BoundedSemaphore that allows over-release, like a plain Semaphore."""

import asyncio as _asyncio

import reference
from reference import *  # noqa: F401,F403

TARGETS = ["asyncio.bounded-semaphore.rejects-over-release"]

asyncio = reference.asyncio.replace(BoundedSemaphore=_asyncio.Semaphore)
