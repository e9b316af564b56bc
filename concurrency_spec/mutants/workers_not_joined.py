"""§2.2 without the second loop: the threads are started but never joined."""

import threading

from reference import *  # noqa: F401,F403
from reference import worker

TARGETS = ["threading.many.join-all"]


def run_workers(n=5, delay=2.0, log=None, wait=None):
    for i in range(n):
        threading.Thread(target=worker, args=(f"Thread-{i}", delay, log, wait)).start()
