"""anyio (https://github.com/agronholm/anyio), structured concurrency over asyncio or trio, for the
asyncio primitives it has a counterpart of: Semaphore, a bounded semaphore, and sleep.

anyio's ``Semaphore(initial_value, max_value=None)`` is the document's Semaphore, and with
``max_value`` set to its initial value, its BoundedSemaphore. ``anyio.sleep`` runs on asyncio's loop
(anyio's asyncio backend). What anyio has no counterpart of, or one that behaves otherwise, stays the
standard library's: its locks and queues need an event loop (no ``with lock:`` from a plain thread),
its memory streams are no Queue (no ``task_done``, no priorities), its ``gather`` and task groups
return tuples and handles, not lists and tasks.

    concurrency-spec run --impl concurrency_spec.adapters.anyio
"""

from __future__ import annotations

from typing import Any

import anyio

from concurrency_spec.reference import Reference


def BoundedSemaphore(value: int = 1) -> Any:  # noqa: N802 - the contract's name
    """anyio's Semaphore that refuses to be released above its initial value."""
    return anyio.Semaphore(value, max_value=value)


class Implementation(Reference):
    asyncio = Reference.asyncio.replace(
        Semaphore=anyio.Semaphore, BoundedSemaphore=BoundedSemaphore, sleep=anyio.sleep
    )
