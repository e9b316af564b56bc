"""A Thread whose join() returns at once, without waiting for the thread to finish."""

import threading as _threading

from concurrency_spec.reference import Reference
from mutants._confine import on_reference

TARGETS = ["threading.thread.join-waits"]


class Thread(_threading.Thread):
    def join(self, timeout=None):
        # breaks §2.1: join does not wait, so the caller runs on while the target is unfinished
        return None


class Implementation(Reference):
    threading = Reference.threading.replace(Thread=Thread)
    # The §2 programs keep the reference's Thread: through them, the broken one would make races and
    # hangs, not certain failures (see mutants/_confine.py).
    MyThread = on_reference(Reference.MyThread, "threading.Thread")
    run_workers = on_reference(Reference.run_workers, "threading.Thread")
    locked_counter = on_reference(Reference.locked_counter, "threading.Thread")
    thread_producer_consumer = on_reference(Reference.thread_producer_consumer, "threading.Thread")
