"""§3.2 a Pool whose map is lazy, like the builtin map: it returns at once, and its tasks run only when
the result is first read. map is no longer synchronous (同步执行), a task that cannot be sent fails only
when the result is read, and a result read after the with block finds the pool gone."""

import multiprocessing.pool
from collections import UserList

from concurrency_spec.reference import Reference
from mutants._contexts import multiprocessing_with_pool

TARGETS = [
    "multiprocessing.pool.map-waits",
    "multiprocessing.pool.map-input-order",  # read after the with block: the pool is gone by then
    "multiprocessing.pool.function-must-pickle",
]


class Later(UserList):
    """A list whose items are computed by ``compute()`` on first use."""

    def __init__(self, compute):
        self._compute = compute
        self._computed = None

    @property
    def data(self):
        if self._computed is None:
            self._computed = self._compute()
        return self._computed

    @data.setter
    def data(self, value):
        self._computed = value


class LazyPool(multiprocessing.pool.Pool):
    def map(self, func, iterable, chunksize=None):
        items = list(iterable)
        return Later(lambda: super(LazyPool, self).map(func, items, chunksize))


class Implementation(Reference):
    multiprocessing = multiprocessing_with_pool(LazyPool)
