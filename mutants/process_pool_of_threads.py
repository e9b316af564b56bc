"""§4.2 a ProcessPoolExecutor that runs its tasks in threads of the parent."""

import concurrent.futures

from concurrency_spec.reference import Reference

TARGETS = ["futures.process-pool.worker-processes", "futures.process-pool.max-workers"]


class ProcessPoolExecutor(concurrent.futures.ThreadPoolExecutor):
    def __init__(self, max_workers=None, *, start_method=None, initializer=None, initargs=()):
        super().__init__(max_workers, initializer=initializer, initargs=initargs)


class Implementation(Reference):
    futures = Reference.futures.replace(ProcessPoolExecutor=ProcessPoolExecutor)
