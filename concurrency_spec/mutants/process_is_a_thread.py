"""§3.1 a "Process" that is a thread of the parent (multiprocessing.dummy's): no child process."""

import multiprocessing
import multiprocessing.dummy

from reference import *  # noqa: F401,F403

TARGETS = [
    "multiprocessing.process.child-process",
    "multiprocessing.main-guard",
    "futures.process-pool.worker-processes",
]


class ThreadProcess(multiprocessing.dummy.Process):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.daemon = True  # what it leaves blocked must not keep the interpreter alive


class _Context:
    def __init__(self, method):
        self._context = multiprocessing.get_context(method)

    def __getattr__(self, name):
        return getattr(self._context, name)

    Process = ThreadProcess


def get_context(method=None):
    return _Context(method)
