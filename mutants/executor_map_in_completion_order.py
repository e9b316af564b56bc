"""§4.1 a ThreadPoolExecutor whose map yields results in the order the tasks finish."""

import concurrent.futures

from concurrency_spec.reference import Reference

TARGETS = ["futures.thread-pool.map-input-order"]


class ThreadPoolExecutor(concurrent.futures.ThreadPoolExecutor):
    def map(self, fn, *iterables, timeout=None, chunksize=1):
        futures = [self.submit(fn, *args) for args in zip(*iterables)]
        return (future.result() for future in concurrent.futures.as_completed(futures, timeout))


class Implementation(Reference):
    futures = Reference.futures.replace(ThreadPoolExecutor=ThreadPoolExecutor)
