"""A PriorityQueue that hands items out in the order they were put in (a plain FIFO Queue)."""

import asyncio as _asyncio

import reference
from reference import *  # noqa: F401,F403

TARGETS = ["asyncio.priority-queue.smallest-first"]

asyncio = reference.asyncio.replace(PriorityQueue=_asyncio.Queue)
