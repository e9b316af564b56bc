"""§8.2 exercise: primes in parallel with multiprocessing (使用 multiprocessing 并行计算质数).

The range [0, n) is cut into chunks; a process pool counts the primes of each chunk with a segmented
sieve; the parent adds up the chunk counts. Each chunk also reports which process counted it and how
much CPU time that took, so that a test can see the work really was split across processes.
"""

from __future__ import annotations

import math
import os
import time
from dataclasses import dataclass
from typing import Any, List, Optional, Sequence, Tuple


@dataclass(frozen=True)
class ChunkCount:
    """What one worker reports for one chunk [start, stop)."""

    start: int
    stop: int
    count: int
    pid: int  # the process that counted this chunk
    cpu_seconds: float  # CPU time the counting thread of that process spent on it
    began: float  # time.monotonic() when counting began (system-wide clock on Linux)
    ended: float


@dataclass(frozen=True)
class PrimeCount:
    """The result of :func:`count_primes_parallel`: the total and the per-chunk reports."""

    total: int
    chunks: Tuple[ChunkCount, ...]


def _small_primes(limit: int) -> List[int]:
    """The primes <= limit (a plain sieve of Eratosthenes)."""
    if limit < 2:
        return []
    sieve = bytearray([1]) * (limit + 1)
    sieve[0:2] = b"\x00\x00"
    for p in range(2, math.isqrt(limit) + 1):
        if sieve[p]:
            sieve[p * p :: p] = bytes(len(range(p * p, limit + 1, p)))
    return [p for p in range(limit + 1) if sieve[p]]


def count_primes_between(start: int, stop: int) -> int:
    """The number of primes p with start <= p < stop (a segmented sieve: memory O(stop - start))."""
    start = max(start, 2)
    if stop <= start:
        return 0
    segment = bytearray([1]) * (stop - start)
    for p in _small_primes(math.isqrt(stop - 1)):
        first = max(p * p, -(-start // p) * p)  # the first multiple of p in the chunk that is not p
        if first < stop:
            segment[first - start :: p] = bytes(len(range(first, stop, p)))
    return segment.count(1)


_gate: Optional[Any] = None  # set in each pool worker by _set_gate


def _set_gate(gate: Optional[Any]) -> None:
    global _gate
    _gate = gate


def _count_chunk(bounds: Tuple[int, int]) -> ChunkCount:
    began, cpu = time.monotonic(), time.thread_time()
    start, stop = bounds
    middle = (start + stop) // 2
    count = count_primes_between(start, middle)
    if _gate is not None:
        _gate.wait()  # halfway through: wait until every worker is in the middle of its chunk
    count += count_primes_between(middle, stop)
    cpu = time.thread_time() - cpu
    return ChunkCount(bounds[0], bounds[1], count, os.getpid(), cpu, began, time.monotonic())


def split(n: int, chunks: int) -> List[Tuple[int, int]]:
    """[0, n) cut into ``chunks`` contiguous ranges of nearly equal length."""
    edges = [n * i // chunks for i in range(chunks + 1)]
    return list(zip(edges[:-1], edges[1:]))


def count_primes_parallel(
    impl: Any,
    n: int,
    context: Any = None,
    processes: int = 2,
    chunks: Optional[int] = None,
    gate: Optional[Any] = None,
) -> PrimeCount:
    """Count the primes below ``n`` with a pool of ``processes`` worker processes made by ``context``
    (by default ``impl.multiprocessing.get_context()``).

    ``gate``, if given, is an object whose ``wait()`` each chunk calls halfway through its counting (for
    example ``context.Barrier(processes)``): with ``chunks == processes``, every worker counts one chunk,
    and all of them are in the middle of their counting at once.
    """
    context = context or impl.multiprocessing.get_context()
    bounds: Sequence[Tuple[int, int]] = split(n, chunks or 2 * processes)
    with context.Pool(processes, initializer=_set_gate, initargs=(gate,)) as pool:
        reports = pool.map(_count_chunk, bounds, chunksize=1)
        pool.close()
        pool.join()
    return PrimeCount(sum(report.count for report in reports), tuple(reports))
