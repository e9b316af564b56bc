"""A Thread whose join() returns at once, without waiting for the thread to finish."""

import threading

from reference import *  # noqa: F401,F403

TARGETS = ["threading.thread.join-waits"]


class Thread(threading.Thread):
    def join(self, timeout=None):
        # breaks §2.1: join does not wait, so the caller runs on while the target is unfinished
        return None
