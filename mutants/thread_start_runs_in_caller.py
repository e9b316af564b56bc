"""A Thread whose start() runs the target in the caller's thread and returns only when it is done (§2.1)."""

import threading as _threading

from concurrency_spec.reference import Reference
from mutants._confine import on_reference

TARGETS = [
    "threading.thread.target-runs",
    "choosing.threads.few-blocking-calls",
    "threading.lock.no-lost-update",
    "threading.lock.one-holder",
    "threading.queue.get-waits",
]


class Thread(_threading.Thread):
    def start(self):
        self.run()

    def join(self, timeout=None):
        pass

    def is_alive(self):
        return False


class Implementation(Reference):
    threading = Reference.threading.replace(Thread=Thread)
    # The §2 programs keep the reference's Thread: through them, the broken one would make races and
    # hangs, not certain failures (see mutants/_confine.py).
    MyThread = on_reference(Reference.MyThread, "threading.Thread")
    run_workers = on_reference(Reference.run_workers, "threading.Thread")
    locked_counter = on_reference(Reference.locked_counter, "threading.Thread")
    thread_producer_consumer = on_reference(Reference.thread_producer_consumer, "threading.Thread")
