"""§3.2 a Pool whose map returns at once, like apply_async, with a list that fetches the results only
when it is read: the squares come out right, but map is no longer synchronous (同步执行), and a task
that cannot be sent fails only when the results are read."""

import multiprocessing.pool
from collections import UserList

from concurrency_spec.mutants._contexts import multiprocessing_with_pool
from concurrency_spec.reference import Reference

TARGETS = [
    "multiprocessing.pool.map-waits",
    "multiprocessing.pool.map-input-order",  # read after the with block: the pool is gone by then
    "multiprocessing.pool.function-must-pickle",
]


class Later(UserList):
    """A list whose items are the pending result's, fetched on first use."""

    def __init__(self, pending):
        self._pending = pending
        self._fetched = None

    @property
    def data(self):
        if self._fetched is None:
            self._fetched = self._pending.get(timeout=2)
        return self._fetched

    @data.setter
    def data(self, value):
        self._fetched = value


class EagerPool(multiprocessing.pool.Pool):
    def map(self, func, iterable, chunksize=None):
        return Later(self.map_async(func, iterable, chunksize))


class Implementation(Reference):
    multiprocessing = multiprocessing_with_pool(EagerPool)
