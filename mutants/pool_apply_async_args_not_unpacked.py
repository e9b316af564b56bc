"""§3.2 a Pool whose apply_async calls func(args) instead of func(*args)."""

import multiprocessing
import multiprocessing.pool

from reference import *  # noqa: F401,F403

TARGETS = ["multiprocessing.pool.apply-async"]


class PackedArgsPool(multiprocessing.pool.Pool):
    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):  # noqa: B006
        return super().apply_async(func, (args,), kwds, callback, error_callback)


class _Context:
    def __init__(self, method):
        self._context = multiprocessing.get_context(method)

    def __getattr__(self, name):
        return getattr(self._context, name)

    def Pool(self, processes=None, *args, **kwargs):
        return PackedArgsPool(processes, *args, context=self._context, **kwargs)


def get_context(method=None):
    return _Context(method)
