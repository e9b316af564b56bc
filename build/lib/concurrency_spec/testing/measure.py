"""Helpers for the claims measured in CPU time (marked ``performance``)."""

from __future__ import annotations

import time
from typing import Any, Callable


def calibrated(work: Callable[[int], Any], seconds: float) -> int:
    """An n for which work(n) takes about ``seconds`` here (measured after a warm-up, for PyPy's JIT)."""
    n = 20_000
    work(n)
    began = time.perf_counter()
    work(n)
    return max(n, int(n * seconds / max(time.perf_counter() - began, 1e-6)))
