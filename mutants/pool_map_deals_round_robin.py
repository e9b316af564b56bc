"""§3.2 a Pool whose map deals the items round-robin to its workers and concatenates what each
worker returns: every square is there, but not in input order."""

import multiprocessing
import multiprocessing.pool

from reference import *  # noqa: F401,F403

TARGETS = ["multiprocessing.pool.map-input-order"]


class RoundRobinPool(multiprocessing.pool.Pool):
    def map(self, func, iterable, chunksize=None):
        items = list(iterable)
        hands = [items[worker :: self._processes] for worker in range(self._processes)]
        results = []
        for hand in hands:
            results.extend(super().map(func, hand))
        return results


class _Context:
    def __init__(self, method):
        self._context = multiprocessing.get_context(method)

    def __getattr__(self, name):
        return getattr(self._context, name)

    def Pool(self, processes=None, *args, **kwargs):
        return RoundRobinPool(processes, *args, context=self._context, **kwargs)


def get_context(method=None):
    return _Context(method)
