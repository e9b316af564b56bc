"""§9 questions answered: 9.1 the GIL and threads, 9.2 threads or processes, 9.5 sharing between processes.

The answers are facts the spec checks; the functions here are the small programs it runs to check
them (CPU-bound work, a blocking read, the same calls run in threads or in processes, workers that
update shared memory).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Any, Callable, List, Sequence


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


def run_in_threads(impl: Any, fn: Callable[[Any], Any], args: Sequence[Any]) -> List[Any]:
    """Call ``fn(arg)`` for every arg, each in its own thread, all at once; the results in order."""
    results: List[Any] = [None] * len(args)

    def call(index: int) -> None:
        results[index] = fn(args[index])

    threads = [impl.threading.Thread(target=call, args=(i,)) for i in range(len(args))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def run_in_processes(impl: Any, context: Any, fn: Callable[[Any], Any], args: Sequence[Any],
                     timeout: float = 60.0) -> List[Any]:
    """Call ``fn(arg)`` for every arg, each in its own process made by ``context`` (by default
    ``impl.multiprocessing.get_context()``), all at once; the results in order. ``fn`` and its results
    must be picklable: they travel between processes."""
    context = context or impl.multiprocessing.get_context()
    results = context.Queue()
    processes = [context.Process(target=_call_and_send, args=(fn, index, arg, results))
                 for index, arg in enumerate(args)]
    for process in processes:
        process.start()
    received = dict(results.get(timeout=timeout) for _ in processes)  # before join: empty the queue
    for process in processes:
        process.join(timeout)
    return [received[index] for index in range(len(args))]


def _call_and_send(fn: Callable[[Any], Any], index: int, arg: Any, results: Any) -> None:
    results.put((index, fn(arg)))


def add_to_shared(counter: Any, times: int) -> None:
    """Add 1 to a shared ``Value`` ``times`` times, each read-modify-write under the value's lock.

    ``counter.value += 1`` alone reads and then writes: two processes can read the same value and
    one update is lost. ``with counter.get_lock()`` makes the pair one step.
    """
    for _ in range(times):
        with counter.get_lock():
            counter.value += 1


def change_in_child(items: List[Any], counter: Any, array: Any) -> None:
    """The document's §3.4 worker, plus a plain list: change all three (run it in a child process)."""
    items.append("changed in the child")
    counter.value += 1
    array[0] = 100
