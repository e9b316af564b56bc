"""A counter that never takes its lock (§2.3).

Its increments stay exact only because it counts with ``next()`` on one shared ``itertools.count``,
which the GIL happens to make atomic; so only the claim that watches the lock can see the bug, and
no test has to wait for a lost update.
"""

import itertools

from concurrency_spec.reference import Reference

TARGETS = ["threading.lock.every-increment"]


class Implementation(Reference):
    def locked_counter(impl, lock=None, threads=5, increments=100000):
        counter = itertools.count()

        def increment():
            for _ in range(increments):
                next(counter)  # no `with lock:`

        workers = [impl.threading.Thread(target=increment) for _ in range(threads)]
        for thread in workers:
            thread.start()
        for thread in workers:
            thread.join()
        return next(counter)
