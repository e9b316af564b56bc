"""§2.2 run one thread at a time: each is joined right after it is started."""

import threading

from reference import *  # noqa: F401,F403
from reference import worker

TARGETS = ["threading.many.overlap"]


def run_workers(n=5, delay=2.0, log=None, wait=None):
    for i in range(n):
        thread = threading.Thread(target=worker, args=(f"Thread-{i}", delay, log, wait))
        thread.start()
        thread.join()
