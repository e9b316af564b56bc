"""§3.2 a Pool that, asked for several worker processes, starts one more."""

import multiprocessing.pool

from concurrency_spec.reference import Reference
from mutants._contexts import multiprocessing_with_pool

TARGETS = ["multiprocessing.pool.four-workers"]


class GenerousPool(multiprocessing.pool.Pool):
    def __init__(self, processes=None, *args, **kwargs):
        super().__init__(processes + 1 if processes and processes > 1 else processes, *args, **kwargs)


class Implementation(Reference):
    multiprocessing = multiprocessing_with_pool(GenerousPool)
