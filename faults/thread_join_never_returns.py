"""A Thread whose join() never returns (whatever its timeout): the thread itself runs and ends, but
whoever waits for it waits for ever. pytest-timeout's alarm ends each such test."""

import threading

from concurrency_spec.reference import Reference

TARGETS = [
    "threading.many.join-all",
    "threading.many.overlap",
    "threading.thread.join-waits",
    "threading.thread.subclass-run",
    "threading.thread.target-runs",
]
ARGS = ["--section", "2.1", "--section", "2.2"]
BOUND = 160


class Thread(threading.Thread):
    def join(self, timeout=None):
        threading.Event().wait()  # never set


class Implementation(Reference):
    threading = Reference.threading.replace(Thread=Thread)
