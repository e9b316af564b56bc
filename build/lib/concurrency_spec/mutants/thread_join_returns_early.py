"""A Thread whose join() returns at once, without waiting for the thread to finish."""

import threading as _threading

from concurrency_spec.reference import Reference

TARGETS = ["threading.thread.join-waits"]


class Thread(_threading.Thread):
    def join(self, timeout=None):
        # breaks §2.1: join does not wait, so the caller runs on while the target is unfinished
        return None


class Implementation(Reference):
    threading = Reference.threading.replace(Thread=Thread)
