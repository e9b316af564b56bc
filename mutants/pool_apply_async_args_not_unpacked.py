"""§3.2 a Pool whose apply_async calls func(args) instead of func(*args)."""

import multiprocessing.pool

from concurrency_spec.reference import Reference
from mutants._contexts import multiprocessing_with_pool

TARGETS = [
    "multiprocessing.pool.apply-async",
    "multiprocessing.pool.four-workers",  # its test hands the pool its tasks with apply_async
]


class PackedArgsPool(multiprocessing.pool.Pool):
    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):  # noqa: B006
        return super().apply_async(func, (args,), kwds, callback, error_callback)


class Implementation(Reference):
    multiprocessing = multiprocessing_with_pool(PackedArgsPool)
