"""§3.2 a Pool whose apply_async waits for the call to finish before it returns the handle."""

import multiprocessing.pool

from mutants._contexts import get_context_with_pool
from reference import *  # noqa: F401,F403

TARGETS = ["multiprocessing.pool.apply-async"]


class WaitingPool(multiprocessing.pool.Pool):
    def apply_async(self, *args, **kwargs):
        result = super().apply_async(*args, **kwargs)
        result.wait()  # breaks §3.2: apply_async is no longer 异步 (asynchronous)
        return result


get_context = get_context_with_pool(WaitingPool)
