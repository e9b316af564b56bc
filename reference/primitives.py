"""The document's primitives, grouped the way the document imports them.

``threading.Thread``, ``queue.Queue``, ``multiprocessing.get_context(method).Pool``,
``futures.ProcessPoolExecutor``, ``asyncio.Semaphore``, ``aiohttp.ClientSession``, ``aiofiles.open``:
each group is a :class:`Namespace`, and ``replace(**changes)`` gives a copy with some members swapped,
which is how an alternate implementation brings its own::

    class Implementation(Reference):
        asyncio = Reference.asyncio.replace(Semaphore=MySemaphore)

aiohttp and aiofiles are imported on first use of one of their members, so that importing the
reference stays cheap (a process started with spawn imports it to find its worker functions).
"""

from __future__ import annotations

import asyncio as _asyncio
import concurrent.futures
import importlib
import multiprocessing as _multiprocessing
import queue as _queue
import sys
import threading as _threading
from typing import Any, Dict, Optional


# pragma: no mutate start (the machinery of alternate implementations, Lazy and Namespace, is not the
# document's: the project's tests check it, the spec does not, so mutation testing leaves it out)
class Lazy:
    """A member imported on first use: ``Lazy("aiohttp", "ClientSession")``."""

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name

    def load(self) -> Any:
        return getattr(importlib.import_module(self.module), self.name)

    def __repr__(self) -> str:
        return f"{self.module}.{self.name}"


class Namespace:
    """Named primitives, read as attributes; ``replace(**changes)`` returns a copy with some swapped."""

    def __init__(self, doc: str = "", **members: Any) -> None:
        self.__doc__ = doc
        self.__dict__.update(members)

    def __getattribute__(self, name: str) -> Any:
        value = object.__getattribute__(self, name)
        if isinstance(value, Lazy):
            value = value.load()
            object.__getattribute__(self, "__dict__")[name] = value
        return value

    def members(self) -> Dict[str, Any]:
        """Every member by name (lazy ones imported)."""
        return {name: getattr(self, name) for name in vars(self) if not name.startswith("_")}

    def replace(self, **changes: Any) -> Namespace:
        unknown = sorted(set(changes) - set(vars(self)))
        if unknown:
            raise AttributeError(f"no primitive(s) named {unknown} to replace; known: {sorted(vars(self))}")
        current = {name: value for name, value in vars(self).items() if not name.startswith("_")}
        return type(self)(self.__doc__ or "", **{**current, **changes})

    def __repr__(self) -> str:
        return f"Namespace({', '.join(sorted(n for n in vars(self) if not n.startswith('_')))})"


# pragma: no mutate end
class ProcessPoolExecutor(concurrent.futures.ProcessPoolExecutor):
    """concurrent.futures.ProcessPoolExecutor, whose start method is chosen by name (``start_method``)."""

    def __init__(
        self,
        max_workers: Optional[int] = None,
        *,
        start_method: Optional[str] = None,
    ) -> None:
        context = _multiprocessing.get_context(start_method) if start_method else None
        super().__init__(max_workers, mp_context=context)

    if not hasattr(concurrent.futures.ProcessPoolExecutor, "_adjust_process_count") and hasattr(
        concurrent.futures.ProcessPoolExecutor, "_adjust_process_count_cpython"
    ):  # pragma: no cover - PyPy 7.3.11 only
        # PyPy 7.3.11 (Python 3.9) renamed ``_adjust_process_count`` to ``_adjust_process_count_cpython``
        # in its stdlib but still calls the old name to start workers under spawn and forkserver, so
        # every submit() raised AttributeError there. Repaired here, for this interpreter only.
        _adjust_process_count = concurrent.futures.ProcessPoolExecutor._adjust_process_count_cpython  # type: ignore[attr-defined]


threading = Namespace(
    "threading (§2): a thread class and a lock", Thread=_threading.Thread, Lock=_threading.Lock
)

queue = Namespace("queue (§2.4, §8.3): the thread-safe FIFO queue", Queue=_queue.Queue)

multiprocessing = Namespace(
    "multiprocessing (§3): get_context(start_method) gives Process, Pool, Queue, Value, Array",
    get_context=_multiprocessing.get_context,
)

futures = Namespace(
    "concurrent.futures (§4): the two executors and as_completed",
    ThreadPoolExecutor=concurrent.futures.ThreadPoolExecutor,
    ProcessPoolExecutor=ProcessPoolExecutor,
    as_completed=concurrent.futures.as_completed,
)

_asyncio_members: Dict[str, Any] = dict(
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
    _asyncio_members["TaskGroup"] = _asyncio.TaskGroup

asyncio = Namespace(
    "asyncio (§5): the document's asyncio primitives (TaskGroup from Python 3.11)", **_asyncio_members
)

aiohttp = Namespace(
    "aiohttp (§6.1, §7, §8.1): the HTTP client session, and its connector for an unlimited pool",
    ClientSession=Lazy("aiohttp", "ClientSession"),
    TCPConnector=Lazy("aiohttp", "TCPConnector"),
)

aiofiles = Namespace(
    "aiofiles (§6.2): open() for files read and written off the loop", open=Lazy("aiofiles", "open")
)

NAMESPACES = ("threading", "queue", "multiprocessing", "futures", "asyncio", "aiohttp", "aiofiles")
