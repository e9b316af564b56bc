"""§3 multiprocessing: the workers the document hands to Process and Pool.

The primitives come from ``impl.multiprocessing.get_context(start_method)``, which offers ``Process``,
``Pool``, ``Queue``, ``Value`` and ``Array`` as the ``multiprocessing`` module does. The workers are
module-level functions, so that spawn and forkserver children can import them.
"""

from __future__ import annotations

import os
from typing import Any, Optional


def process_worker(name: str, report: Optional[Any] = None) -> str:
    """§3.1: print "<name> started", return "<name> done"; put (name, pid) on ``report`` if given."""
    print(f"{name} started")
    if report is not None:
        report.put((name, os.getpid()))
    return f"{name} done"


def square(x: int) -> int:
    """§3.2: x ** 2 (the pool's task)."""
    return x**2


def ipc_producer(q: Any, count: int = 5) -> None:
    """§3.3: put 0, 1, ..., count - 1 on ``q``."""
    for i in range(count):
        q.put(i)


def ipc_consumer(q: Any, report: Optional[Any] = None) -> None:
    """§3.3: get items from ``q`` and print them until None arrives.

    If ``report`` is given, put each item on it too, and None once the consumer stops.
    """
    while True:
        item = q.get()
        if item is None:
            break
        print(f"Got: {item}")
        if report is not None:
            report.put(item)
    if report is not None:
        report.put(None)


def shared_memory_worker(counter: Any, arr: Any) -> None:
    """§3.4: add 1 to the shared ``counter`` Value and set the shared ``arr``'s first item to 100."""
    counter.value += 1
    arr[0] = 100
