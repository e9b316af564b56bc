"""A Lock that admits two holders at once (a semaphore of two, not one).

The §2.3 counter program counts with itertools.count here, so that its total stays exact whatever
the lock does (no lost update left to chance); what breaks is that a second thread gets in.
"""

import itertools
import threading

from concurrency_spec.reference import Reference

TARGETS = ["threading.lock.one-holder", "threading.lock.no-lost-update", "threading.lock.every-increment"]


class LockOfTwo:
    def __init__(self):
        self._slots = threading.BoundedSemaphore(2)

    def acquire(self, blocking=True, timeout=-1):
        return self._slots.acquire(blocking, None if timeout == -1 else timeout)

    def release(self):
        self._slots.release()

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc_info):
        self.release()


class Implementation(Reference):
    threading = Reference.threading.replace(Lock=LockOfTwo)

    def locked_counter(impl, lock=None, threads=5, increments=100000):
        lock = impl.threading.Lock() if lock is None else lock
        counter = itertools.count()

        def increment():
            for _ in range(increments):
                with lock:
                    next(counter)

        workers = [impl.threading.Thread(target=increment) for _ in range(threads)]
        for thread in workers:
            thread.start()
        for thread in workers:
            thread.join()
        return next(counter)
