"""A plain Semaphore that behaves like a BoundedSemaphore: releasing beyond the start value fails."""

import asyncio as _asyncio

import reference
from reference import *  # noqa: F401,F403

TARGETS = ["asyncio.semaphore.over-release"]

asyncio = reference.asyncio.replace(Semaphore=_asyncio.BoundedSemaphore)
