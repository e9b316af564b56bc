"""§1 并发 vs 并行 (concurrency vs parallelism): the programs behind the table of §1.2 and §1.3.

Each program runs the same kind of work the way one row of the table does (threads, processes,
asyncio tasks) and reports where and when the work ran, so that a test can tell concurrency
(taking turns) from parallelism (running at the same instant).
"""

from __future__ import annotations

import os
import threading
import time
from typing import Any, Awaitable, Callable, List, NamedTuple, Optional, Sequence, Tuple, TypeVar

T = TypeVar("T")


class WorkerReport(NamedTuple):
    """Where a piece of CPU-bound work ran, the CPU time it used, and when it started and ended."""

    pid: int
    thread: int
    cpu_seconds: float
    started: float  # time.monotonic(): one clock for every process of the machine
    ended: float


def burn_cpu(seconds: float, midway: Optional[Any] = None) -> WorkerReport:
    """CPU-bound work: sums of squares (like ``cpu_task``, §4.2) until this thread used ``seconds`` of CPU.

    ``midway``, if given (a barrier), is waited for halfway through: every worker meets there, in the
    middle of its CPU-bound work."""
    started, cpu_start = time.monotonic(), time.thread_time()
    while time.thread_time() - cpu_start < seconds:
        sum(i * i for i in range(1000))
        if midway is not None and time.thread_time() - cpu_start >= seconds / 2:
            midway.wait()
            midway = None
    return WorkerReport(
        os.getpid(), threading.get_ident(), time.thread_time() - cpu_start, started, time.monotonic()
    )


def cpu_bound_in_threads(impl: Any, n: int, seconds: float) -> List[WorkerReport]:
    """§1.2 threading: run ``burn_cpu(seconds)`` in ``n`` threads at once; one report per thread."""
    reports: List[Optional[WorkerReport]] = [None] * n
    all_started = threading.Barrier(n)

    def run(i: int) -> None:
        all_started.wait(timeout=10)  # the workers begin their work together
        reports[i] = burn_cpu(seconds)

    threads = [impl.threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [report for report in reports if report is not None]


def _burn_cpu_and_send(seconds: float, all_started: Any, results: Any, midway: Optional[Any] = None) -> None:
    all_started.wait(timeout=10)  # the workers begin their work together
    results.put(burn_cpu(seconds, midway))


def cpu_bound_in_processes(
    impl: Any, n: int, seconds: float, context: Any = None, midway: Optional[Any] = None
) -> List[WorkerReport]:
    """§1.2 multiprocessing: run ``burn_cpu(seconds, midway)`` in ``n`` processes at once; one report per
    process. ``midway`` (a barrier of ``context``) is where the workers meet halfway through their work."""
    context = context or impl.multiprocessing.get_context()
    results, all_started = context.Queue(), context.Barrier(n)
    processes = [
        context.Process(target=_burn_cpu_and_send, args=(seconds, all_started, results, midway))
        for _ in range(n)
    ]
    for process in processes:
        process.start()
    try:
        return [results.get(timeout=5) for _ in processes]
    finally:
        for process in processes:
            process.join()
        results.close()


def blocking_io_in_threads(impl: Any, n: int, io: Callable[[int], T]) -> List[T]:
    """§1.3: run the blocking call ``io(i)`` (an HTTP request, a query, a read) in ``n`` threads at once."""
    results: List[Any] = [None] * n

    def run(i: int) -> None:
        results[i] = io(i)

    threads = [impl.threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def interleaved_tasks(impl: Any, names: Sequence[str], steps: int) -> List[Tuple[str, int, int]]:
    """§1.1 concurrency: asyncio tasks of ``steps`` steps each, giving way after every step.

    Returns the log of (task name, step, thread id) in the order the steps ran.
    """
    log: List[Tuple[str, int, int]] = []

    async def task(name: str) -> None:
        for step in range(steps):
            log.append((name, step, threading.get_ident()))
            await impl.asyncio.sleep(0)  # a pause: the event loop runs another task meanwhile

    async def main() -> None:
        await impl.asyncio.gather(*(task(name) for name in names))

    impl.asyncio.run(main())
    return log


def cpu_bound_in_tasks(impl: Any, n: int, work: Callable[[int], T]) -> List[Tuple[str, int, int]]:
    """§1.2 asyncio with CPU-bound work: gather ``n`` coroutines that each call ``work(i)`` (no await in
    it). Returns the log of ("start" or "end", i, thread id) in the order it happened."""
    log: List[Tuple[str, int, int]] = []

    async def compute(i: int) -> None:
        log.append(("start", i, threading.get_ident()))
        work(i)
        log.append(("end", i, threading.get_ident()))

    async def main() -> None:
        await impl.asyncio.gather(*(compute(i) for i in range(n)))

    impl.asyncio.run(main())
    return log


def io_bound_in_tasks(impl: Any, n: int, io: Callable[[int], Awaitable[T]]) -> List[T]:
    """§1.2 asyncio: await the I/O ``io(i)`` in ``n`` tasks of one event loop at once (asyncio.gather)."""

    async def main() -> List[T]:
        return list(await impl.asyncio.gather(*(io(i) for i in range(n))))

    result: List[T] = impl.asyncio.run(main())
    return result
