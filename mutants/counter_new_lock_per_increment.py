"""A counter that takes a new Lock for each increment when it is not given one (§2.3): every increment
is "under a lock", but no two threads ever contend for the same one, so nothing is excluded.

Its increments stay exact only because it counts with ``next()`` on one shared ``itertools.count``
(no lost update left to chance); the claim that watches the program's own lock sees the bug.
"""

import itertools

from concurrency_spec.reference import Reference

TARGETS = ["threading.lock.every-increment"]


class Implementation(Reference):
    def locked_counter(impl, lock=None, threads=5, increments=100000):
        counter = itertools.count()

        def increment():
            for _ in range(increments):
                with lock if lock is not None else impl.threading.Lock():  # the mistake: a lock each time
                    next(counter)

        workers = [impl.threading.Thread(target=increment) for _ in range(threads)]
        for thread in workers:
            thread.start()
        for thread in workers:
            thread.join()
        return next(counter)
