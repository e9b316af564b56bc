"""A Thread whose start() runs the target in the caller's thread and returns only when it is done (§2.1)."""

import threading as _threading

from concurrency_spec.reference import Reference

TARGETS = ["threading.thread.target-runs"]


class Thread(_threading.Thread):
    def start(self):
        self.run()

    def join(self, timeout=None):
        pass

    def is_alive(self):
        return False


class Implementation(Reference):
    threading = Reference.threading.replace(Thread=Thread)
