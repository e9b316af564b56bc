"""A multiprocessing context whose Value and Array live in this process's memory only."""

import threading

from concurrency_spec.reference import Reference

TARGETS = [
    "sharing.copy-not-shared",
    "sharing.value.locked-updates-exact",
    "sharing.value.unlocked-update-lost",  # the parent's counter stays 0
]


class _LocalValue:
    def __init__(self, value, lock):
        self.value = value
        self._lock = lock

    def get_lock(self):
        return self._lock

    def __reduce__(self):
        return (_LocalValue, (self.value, threading.RLock()))


class _Context:
    """The reference's context, except for Value and Array."""

    def __init__(self, real):
        self._real = real

    def __getattr__(self, name):
        return getattr(self._real, name)

    def Value(self, typecode, value=0, lock=True):
        # breaks §9.5: a child process changes its own copy; the parent never sees it
        return _LocalValue(value, threading.RLock() if lock in (True, None) else lock)

    def Array(self, typecode, init, lock=True):
        return list(init)


def get_context(method=None):
    return _Context(Reference.multiprocessing.get_context(method))


class Implementation(Reference):
    multiprocessing = Reference.multiprocessing.replace(get_context=get_context)
