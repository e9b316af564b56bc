"""§9.2 什么时候用线程, 什么时候用进程? (when threads, when processes?) Threads for I/O-bound work,
whose waits overlap; processes for CPU-bound work, which runs in parallel on several cores.

The same calls run both ways: each in its own thread, or each in its own process.
"""

from __future__ import annotations

from typing import Any, Callable, List, Sequence


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


def run_in_processes(
    impl: Any, context: Any, fn: Callable[[Any], Any], args: Sequence[Any], timeout: float = 60.0
) -> List[Any]:
    """Call ``fn(arg)`` for every arg, each in its own process made by ``context`` (by default
    ``impl.multiprocessing.get_context()``), all at once; the results in order. ``fn`` and its results
    must be picklable: they travel between processes."""
    context = context or impl.multiprocessing.get_context()
    results = context.Queue()
    processes = [
        context.Process(target=_call_and_send, args=(fn, index, arg, results))
        for index, arg in enumerate(args)
    ]
    for process in processes:
        process.start()
    received = dict(results.get(timeout=timeout) for _ in processes)  # before join: empty the queue
    for process in processes:
        process.join(timeout)
    return [received[index] for index in range(len(args))]


def _call_and_send(fn: Callable[[Any], Any], index: int, arg: Any, results: Any) -> None:
    results.put((index, fn(arg)))
