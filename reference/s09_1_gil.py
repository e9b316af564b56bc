"""§9.1 GIL 对多线程有什么影响? (what does the GIL do to threads?) Under a GIL only one thread runs
Python bytecode at a time, so CPU-bound threads take turns; a thread blocked in I/O releases it.

The work the answer is checked with: CPU-bound work in Python bytecode (with where and when it ran) and
I/O-bound work that blocks in the kernel.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Any


def sum_of_squares(n: int) -> int:
    """CPU-bound work in Python bytecode: the document's ``cpu_task`` (§4.2)."""
    return sum(i * i for i in range(n))


@dataclass(frozen=True)
class TimedRun:
    """A result with where and when it was computed (``began``/``ended``: ``time.monotonic()``)."""

    value: Any
    pid: int
    cpu_seconds: float  # CPU time of the computing thread
    began: float
    ended: float


def timed_sum_of_squares(n: int) -> TimedRun:
    """:func:`sum_of_squares`, reporting the process, the thread's CPU time and the wall-clock interval."""
    began, cpu = time.monotonic(), time.thread_time()
    value = sum_of_squares(n)
    return TimedRun(value, os.getpid(), time.thread_time() - cpu, began, time.monotonic())


def wait_for_input(fd: int, size: int = 1) -> bytes:
    """I/O-bound work: block in ``os.read`` until ``size`` bytes (or end of file) arrive on ``fd``."""
    return os.read(fd, size)
