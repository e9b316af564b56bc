"""A PriorityQueue that hands items out in the order they were put in (a plain FIFO Queue)."""

import asyncio as _asyncio

from concurrency_spec.reference import Reference

TARGETS = ["asyncio.priority-queue.smallest-first"]


class Implementation(Reference):
    asyncio = Reference.asyncio.replace(PriorityQueue=_asyncio.Queue)
