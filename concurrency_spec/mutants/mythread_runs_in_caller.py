"""A Thread subclass whose start() calls run() in the caller's thread instead of a new one (§2.1)."""

import reference
from reference import *  # noqa: F401,F403

TARGETS = ["threading.thread.subclass-run"]


class MyThread(reference.MyThread):
    def start(self):
        self.run()
