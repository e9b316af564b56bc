"""§3.2 a Pool whose map deals the items round-robin to its workers and concatenates what each
worker returns: every square is there, but not in input order."""

import multiprocessing.pool

from concurrency_spec.reference import Reference
from mutants._contexts import multiprocessing_with_pool

TARGETS = ["multiprocessing.pool.map-input-order"]


class RoundRobinPool(multiprocessing.pool.Pool):
    def map(self, func, iterable, chunksize=None):
        items = list(iterable)
        hands = [items[worker :: self._processes] for worker in range(self._processes)]
        results = []
        for hand in hands:
            results.extend(super().map(func, hand))
        return results


class Implementation(Reference):
    multiprocessing = multiprocessing_with_pool(RoundRobinPool)
