"""§5 asyncio: the document's asyncio primitives (as the namespace ``asyncio``) and its programs.

The primitives live in one namespace, ``asyncio``, because several of their names (``Queue``,
``Semaphore``, ``wait``, ``sleep``, ``run``) mean something else in other sections (``queue.Queue``,
``threading.Semaphore``...). Tests write ``impl.asyncio.gather(...)`` exactly as the document writes
``asyncio.gather(...)``; an alternate implementation swaps one with
``asyncio = reference.asyncio.replace(Semaphore=MySemaphore)``.

The programs are the document's examples as functions: ``print`` becomes appending to a ``log`` list,
and each ``asyncio.sleep(delay)`` becomes an injectable ``sleep`` (a test passes a gate it controls).
"""

from __future__ import annotations

import asyncio as _asyncio
import sys
from types import SimpleNamespace
from typing import Any, Awaitable, Callable, List, Optional, Sequence, Set, Tuple

__all__ = [
    "Namespace",
    "asyncio",
    "hello",
    "task",
    "echo_after",
    "first_completed",
    "AsyncResource",
    "AsyncRange",
    "fetch_limited",
    "producer",
    "consumer",
    "priority_demo",
    "fetch_or_fail",
]

#: An awaitable pause: ``asyncio.sleep`` or a test's gate with the same signature.
Sleep = Callable[[float], Awaitable[Any]]


class Namespace(SimpleNamespace):
    """Named primitives; ``replace(**changes)`` returns a copy with some of them swapped."""

    def replace(self, **changes: Any) -> Namespace:
        unknown = sorted(set(changes) - set(vars(self)) - {"__doc__"})
        if unknown:
            raise AttributeError(f"no primitive(s) named {unknown} to replace")
        return type(self)(**{**vars(self), **changes})


_primitives = dict(
    run=_asyncio.run,
    sleep=_asyncio.sleep,
    gather=_asyncio.gather,
    create_task=_asyncio.create_task,
    wait=_asyncio.wait,
    FIRST_COMPLETED=_asyncio.FIRST_COMPLETED,
    CancelledError=_asyncio.CancelledError,
    Semaphore=_asyncio.Semaphore,
    BoundedSemaphore=_asyncio.BoundedSemaphore,
    Queue=_asyncio.Queue,
    PriorityQueue=_asyncio.PriorityQueue,
)
if sys.version_info >= (3, 11):
    _primitives["TaskGroup"] = _asyncio.TaskGroup

#: The asyncio primitives the document uses (``TaskGroup`` from Python 3.11 on).
asyncio = Namespace(**_primitives)
asyncio.__doc__ = "The asyncio primitives of the document, as asyncio.<name>: " + ", ".join(_primitives)


async def hello(log: List[str], delay: float = 1.0, sleep: Sleep = _asyncio.sleep) -> None:
    """§5.2: log "Hello", pause ``delay`` seconds without blocking the loop, log "World"."""
    log.append("Hello")
    await sleep(delay)
    log.append("World")


async def task(
    name: str, delay: float, log: Optional[List[str]] = None, sleep: Sleep = _asyncio.sleep
) -> str:
    """§5.3: log "<name> started", pause ``delay`` seconds, log "<name> finished", return "<name> result"."""
    if log is not None:
        log.append(f"{name} started")
    await sleep(delay)
    if log is not None:
        log.append(f"{name} finished")
    return f"{name} result"


async def echo_after(n: float, sleep: Sleep = _asyncio.sleep) -> float:
    """§5.4's ``task(n)``: pause ``n`` seconds, then return ``n``."""
    await sleep(n)
    return n


async def first_completed(
    delays: Sequence[float] = (2, 1, 3), sleep: Sleep = _asyncio.sleep
) -> Tuple[List[float], Set[_asyncio.Task[float]]]:
    """§5.4: wait for the first of ``echo_after(d)`` to finish, cancel the rest.

    Returns the results of the finished tasks and the pending ones (cancellation requested).
    """
    tasks = [_asyncio.create_task(echo_after(d, sleep)) for d in delays]
    done, pending = await _asyncio.wait(tasks, return_when=_asyncio.FIRST_COMPLETED)
    for t in pending:
        t.cancel()
    return [t.result() for t in done], pending


class AsyncResource:
    """§5.5: an async context manager that logs acquiring and releasing around the body."""

    def __init__(self, log: List[str], delay: float = 1.0, sleep: Sleep = _asyncio.sleep) -> None:
        self.log = log
        self.delay = delay
        self.sleep = sleep

    async def __aenter__(self) -> AsyncResource:
        self.log.append("Acquiring resource")
        await self.sleep(self.delay)
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        self.log.append("Releasing resource")
        await self.sleep(self.delay)


class AsyncRange:
    """§5.6: an async iterator over 0 .. n-1, pausing ``delay`` seconds before each value."""

    def __init__(self, n: int, delay: float = 0.1, sleep: Sleep = _asyncio.sleep) -> None:
        self.n = n
        self.i = 0
        self.delay = delay
        self.sleep = sleep

    def __aiter__(self) -> AsyncRange:
        return self

    async def __anext__(self) -> int:
        if self.i >= self.n:
            raise StopAsyncIteration
        await self.sleep(self.delay)
        self.i += 1
        return self.i - 1


async def fetch_limited(session: Any, url: str, semaphore: Any) -> str:
    """§5.7's ``fetch``: GET ``url`` with an aiohttp ``session`` while holding ``semaphore``."""
    async with semaphore:  # noqa: SIM117 (nested as in the document) 限制并发: limits concurrency
        async with session.get(url) as response:
            return await response.text()


async def producer(
    queue: Any, n: int, log: Optional[List[str]] = None, delay: float = 0.1, sleep: Sleep = _asyncio.sleep
) -> None:
    """§5.8: put 0 .. n-1 into ``queue`` (pausing ``delay`` before each), then the stop signal None."""
    for i in range(n):
        await sleep(delay)
        await queue.put(i)
        if log is not None:
            log.append(f"Produced: {i}")
    await queue.put(None)


async def consumer(queue: Any, log: Optional[List[str]] = None) -> List[int]:
    """§5.8: take items from ``queue`` until the stop signal None; return them in the order taken."""
    consumed = []
    while True:
        item = await queue.get()
        if item is None:
            break
        consumed.append(item)
        if log is not None:
            log.append(f"Consumed: {item}")
        queue.task_done()
    return consumed


async def priority_demo(pq: Any) -> List[Tuple[int, str]]:
    """§5.8: put (2, medium), (1, high), (3, low) into ``pq``, then take everything out."""
    await pq.put((2, "medium"))
    await pq.put((1, "high"))
    await pq.put((3, "low"))
    taken = []
    while not pq.empty():
        taken.append(await pq.get())
    return taken


async def fetch_or_fail(url: str, delay: float = 1.0, sleep: Sleep = _asyncio.sleep) -> str:
    """§5.9's ``fetch``: pause ``delay``, raise ValueError for a URL containing "error", else a result."""
    await sleep(delay)
    if "error" in url:
        raise ValueError(f"Error fetching {url}")
    return f"Result from {url}"
