"""A counter whose threads share one ``range`` iterator instead of counting 100000 each (§2.3)."""

from concurrency_spec.reference import Reference

TARGETS = ["threading.lock.total"]


class Implementation(Reference):
    def locked_counter(impl, lock=None, threads=5, increments=100000):
        lock = impl.threading.Lock() if lock is None else lock
        counter = 0
        shared = iter(range(increments))  # the bug: one iterator for all threads

        def increment():
            nonlocal counter
            for _ in shared:
                with lock:
                    counter += 1

        workers = [impl.threading.Thread(target=increment) for _ in range(threads)]
        for thread in workers:
            thread.start()
        for thread in workers:
            thread.join()
        return counter
