"""A Lock that never makes anyone wait: `with lock:` admits every thread at once.

The §2.3 counter program counts with itertools.count here, so that its total stays exact whatever
the lock does (no lost update left to chance); what breaks is what a lock is for.
"""

import itertools

from concurrency_spec.reference import Reference

TARGETS = ["threading.lock.one-holder", "threading.lock.no-lost-update", "threading.lock.every-increment"]


class OpenLock:
    def acquire(self, blocking=True, timeout=-1):
        return True

    def release(self):
        pass

    def __enter__(self):
        return True

    def __exit__(self, *exc_info):
        return None


class Implementation(Reference):
    threading = Reference.threading.replace(Lock=OpenLock)

    def locked_counter(impl, lock=None, threads=5, increments=100000):
        counter = itertools.count()
        workers = [
            impl.threading.Thread(target=lambda: [next(counter) for _ in range(increments)])
            for _ in range(threads)
        ]
        for thread in workers:
            thread.start()
        for thread in workers:
            thread.join()
        return next(counter)
