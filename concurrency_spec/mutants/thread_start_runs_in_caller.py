"""A Thread whose start() runs the target in the caller's thread and returns only when it is done (§2.1)."""

import threading

from reference import *  # noqa: F401,F403

TARGETS = ["threading.thread.target-runs"]


class Thread(threading.Thread):
    def start(self):
        self.run()

    def join(self, timeout=None):
        pass

    def is_alive(self):
        return False
