"""A ProcessPoolExecutor that is a ThreadPoolExecutor under another name."""

from concurrent.futures import ThreadPoolExecutor as _ThreadPoolExecutor

from concurrency_spec.reference import Reference

TARGETS = ["summary.futures.one-interface"]


class ProcessPoolExecutor(_ThreadPoolExecutor):
    """breaks §10: the "processes" are threads of this process."""

    def __init__(self, max_workers=None, *, start_method=None, initializer=None, initargs=()):
        super().__init__(max_workers, initializer=initializer, initargs=initargs)


class Implementation(Reference):
    futures = Reference.futures.replace(ProcessPoolExecutor=ProcessPoolExecutor)
