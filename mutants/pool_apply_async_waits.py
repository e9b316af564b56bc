"""§3.2 a Pool whose apply_async waits for the call to finish before it returns the handle."""

import multiprocessing
import multiprocessing.pool

from reference import *  # noqa: F401,F403

TARGETS = ["multiprocessing.pool.apply-async"]


class WaitingPool(multiprocessing.pool.Pool):
    def apply_async(self, *args, **kwargs):
        result = super().apply_async(*args, **kwargs)
        result.wait()  # breaks §3.2: apply_async is no longer 异步 (asynchronous)
        return result


class _Context:
    def __init__(self, method):
        self._context = multiprocessing.get_context(method)

    def __getattr__(self, name):
        return getattr(self._context, name)

    def Pool(self, processes=None, *args, **kwargs):
        return WaitingPool(processes, *args, context=self._context, **kwargs)


def get_context(method=None):
    return _Context(method)
