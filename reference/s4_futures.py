"""§4 concurrent.futures: ThreadPoolExecutor, ProcessPoolExecutor, as_completed.

The executors and ``as_completed`` are the standard library's; the tasks are the document's, with
their sleeps as an injectable ``wait`` so that tests can replace a clock by a gate.
"""

from __future__ import annotations

import concurrent.futures
import time
from typing import Callable

__all__ = [
    "ThreadPoolExecutor",
    "ProcessPoolExecutor",
    "as_completed",
    "square_task",
    "cpu_task",
    "sleep_task",
]

ThreadPoolExecutor = concurrent.futures.ThreadPoolExecutor
ProcessPoolExecutor = concurrent.futures.ProcessPoolExecutor
if not hasattr(ProcessPoolExecutor, "_adjust_process_count") and hasattr(
    ProcessPoolExecutor, "_adjust_process_count_cpython"
):  # pragma: no cover - PyPy 7.3.11 only

    class _RepairedProcessPoolExecutor(concurrent.futures.ProcessPoolExecutor):
        """concurrent.futures.ProcessPoolExecutor of PyPy 7.3.11 (Python 3.9), repaired: its stdlib
        renamed ``_adjust_process_count`` to ``_adjust_process_count_cpython`` but still calls the old
        name to start workers under spawn and forkserver, so every submit() raised AttributeError."""

        _adjust_process_count = concurrent.futures.ProcessPoolExecutor._adjust_process_count_cpython  # type: ignore[attr-defined]

    ProcessPoolExecutor = _RepairedProcessPoolExecutor  # type: ignore[misc]
as_completed = concurrent.futures.as_completed


def square_task(n: int, delay: float = 1.0, wait: Callable[[float], object] = time.sleep) -> int:
    """§4.1: block for ``delay`` seconds (``wait(delay)``), then return n * n."""
    wait(delay)
    return n * n


def cpu_task(n: int) -> int:
    """§4.2: the sum of i * i for i in range(n) (pure CPU work)."""
    return sum(i * i for i in range(n))


def sleep_task(n: float, wait: Callable[[float], object] = time.sleep) -> float:
    """§4.3: block for n seconds (``wait(n)``), then return n."""
    wait(n)
    return n
