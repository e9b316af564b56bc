"""A Lock whose release never happens (its ``__exit__`` does nothing): the second thread to take it
waits for ever. The §2.3 claims fail; the threads stuck in the lock outlive their tests, and the run
must still end, report them once, and exit with the suite's status."""

import threading

from concurrency_spec.reference import Reference

TARGETS = [
    "threading.lock.every-increment",
    "threading.lock.no-lost-update",
    "threading.lock.one-holder",
    "threading.lock.total",
]
ARGS = ["--section", "2.3"]
BOUND = 240  # the five-thread count waits 120 s: a slow lock is not a wrong lock


class Lock:
    def __init__(self):
        self._lock = threading.Lock()

    def __enter__(self):
        self._lock.acquire()
        return self

    def __exit__(self, *exc_info):
        return None  # never released


class Implementation(Reference):
    threading = Reference.threading.replace(Lock=Lock)
