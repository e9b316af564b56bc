"""§3.1 a "Process" that is a thread of the parent (multiprocessing.dummy's): no child process.

Its ProcessPoolExecutor is built on the same contexts: for a start method asked by name, the
executor's "worker processes" are such threads too.
"""

import concurrent.futures
import multiprocessing
import multiprocessing.dummy

from concurrency_spec.reference import Reference

TARGETS = [
    "multiprocessing.process.child-process",
    "multiprocessing.main-guard",
    "futures.process-pool.worker-processes",
]
START_METHODS = ["spawn"]  # under fork its bug does not show


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


class ProcessPoolExecutor(concurrent.futures.ProcessPoolExecutor):
    """The reference's executor, on this module's contexts instead of the standard library's."""

    def __init__(self, max_workers=None, *, start_method=None, initializer=None, initargs=()):
        context = get_context(start_method) if start_method else None
        super().__init__(max_workers, mp_context=context, initializer=initializer, initargs=initargs)


class Implementation(Reference):
    multiprocessing = Reference.multiprocessing.replace(get_context=get_context)
    futures = Reference.futures.replace(ProcessPoolExecutor=ProcessPoolExecutor)
