"""§4 concurrent.futures: the document's tasks for the executors of ``impl.futures``.

Their sleeps are an injectable ``wait``, so that tests can replace a clock by a gate.
"""

from __future__ import annotations

import time
from typing import Callable


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
