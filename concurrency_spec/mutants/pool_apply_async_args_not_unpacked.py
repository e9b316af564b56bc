"""§3.2 a Pool whose apply_async calls func(args) instead of func(*args)."""

import multiprocessing.pool

from mutants._contexts import get_context_with_pool
from reference import *  # noqa: F401,F403

TARGETS = ["multiprocessing.pool.apply-async"]


class PackedArgsPool(multiprocessing.pool.Pool):
    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):  # noqa: B006
        return super().apply_async(func, (args,), kwds, callback, error_callback)


get_context = get_context_with_pool(PackedArgsPool)
