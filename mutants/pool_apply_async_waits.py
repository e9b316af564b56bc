"""§3.2 a Pool whose apply_async waits for the call to finish before it returns the handle."""

import multiprocessing.pool

from concurrency_spec.reference import Reference
from mutants._contexts import multiprocessing_with_pool

TARGETS = [
    "multiprocessing.pool.apply-async",
    "multiprocessing.pool.four-workers",  # its test hands the pool its tasks with apply_async
]


class WaitingPool(multiprocessing.pool.Pool):
    def apply_async(self, *args, **kwargs):
        result = super().apply_async(*args, **kwargs)
        result.wait()  # breaks §3.2: apply_async is no longer 异步 (asynchronous)
        return result


class Implementation(Reference):
    multiprocessing = multiprocessing_with_pool(WaitingPool)
