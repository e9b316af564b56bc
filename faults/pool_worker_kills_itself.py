"""A Pool whose worker process kills itself (os._exit) on the item 3 of a map: the pool loses that
task, and map waits for it for ever. The test's timeout ends it; leaving ``with Pool`` terminates the
pool's other workers."""

import multiprocessing.pool
import os

from concurrency_spec.reference import Reference
from mutants._contexts import multiprocessing_with_pool

TARGETS = [
    "multiprocessing.pool.map-input-order",
    "multiprocessing.pool.map-waits",
]
ARGS = ["--section", "3.2"]
BOUND = 150


class DiesOnThree:
    def __init__(self, function):
        self.function = function

    def __call__(self, item):
        if item == 3:
            os._exit(1)
        return self.function(item)


class KillingPool(multiprocessing.pool.Pool):
    def map(self, func, iterable, chunksize=None):
        return super().map(DiesOnThree(func), iterable, chunksize)


class Implementation(Reference):
    multiprocessing = multiprocessing_with_pool(KillingPool)
