"""A threading.Lock that pickles (as a new, unlocked lock), so it seems sendable to other processes."""

import threading as _threading

from concurrency_spec.reference import Reference

TARGETS = ["sharing.pickle.sent-objects", "sharing.pickle.spawn-process-args"]
START_METHODS = ["fork", "spawn"]  # one of its targets is a claim about spawn


class Lock:
    def __init__(self):
        self._lock = _threading.Lock()

    def acquire(self, blocking=True, timeout=-1):
        return self._lock.acquire(blocking, timeout)

    def release(self):
        self._lock.release()

    def locked(self):
        return self._lock.locked()

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc_info):
        self.release()

    def __reduce__(self):
        # breaks §9.5: a lock of one process cannot guard anything in another, yet this one travels
        return (Lock, ())


class Implementation(Reference):
    threading = Reference.threading.replace(Lock=Lock)
