"""An asyncio.Queue that counts itself full one item early: a put into a queue with room left waits
for a get that nobody will do, so the awaits of the §5.8 tests never complete (on every loop)."""

import asyncio

from concurrency_spec.reference import Reference

TARGETS = ["asyncio.queue.bounded-put-waits"]
ARGS = ["--section", "5.8"]
BOUND = 90


class Queue(asyncio.Queue):
    def full(self):
        return self.maxsize > 0 and self.qsize() >= self.maxsize - 1


class Implementation(Reference):
    asyncio = Reference.asyncio.replace(Queue=Queue)
