"""§3.2 a "process pool" that is a pool of threads (multiprocessing.pool.ThreadPool): nothing is
pickled, so it accepts lambdas and local functions that a real process pool cannot send."""

import multiprocessing
import multiprocessing.pool

from concurrency_spec.reference import Reference

TARGETS = [
    "multiprocessing.pool.function-must-pickle",
    "choosing.processes.numeric-in-pool",
    "multiprocessing.pool.four-workers",  # its tasks run in the parent process
]


class _Context:
    def __init__(self, method):
        self._context = multiprocessing.get_context(method)

    def __getattr__(self, name):
        return getattr(self._context, name)

    def Pool(self, processes=None, initializer=None, initargs=()):
        return multiprocessing.pool.ThreadPool(processes, initializer, initargs)


def get_context(method=None):
    return _Context(method)


class Implementation(Reference):
    multiprocessing = Reference.multiprocessing.replace(get_context=get_context)
