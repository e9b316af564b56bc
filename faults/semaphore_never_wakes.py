"""An asyncio.Semaphore whose release() counts the slot but never wakes a waiter: a task waiting in
``async with sem:`` waits for ever, on every loop. The suite's watchdog ends each such test."""

import asyncio

from concurrency_spec.reference import Reference

TARGETS = [
    "asyncio.semaphore.bounds-concurrency",
    "asyncio.semaphore.over-release",
    "exercise.download.all-pages",
    "exercise.download.bounded-concurrency",
]
ARGS = ["--section", "5.7", "--section", "8.1"]
BOUND = 150


class Semaphore(asyncio.Semaphore):
    def _wake_up_next(self):
        return False  # the slot is counted, the waiter never told


class Implementation(Reference):
    asyncio = Reference.asyncio.replace(Semaphore=Semaphore)
