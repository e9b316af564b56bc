"""§3.4 a shared-memory worker that does its counter.value += 1 under counter.get_lock(): safe, but no
longer the document's program, whose unlocked update is the risk §9.5 asks about."""

from concurrency_spec.reference import Reference

TARGETS = ["sharing.value.unlocked-update-lost"]


class Implementation(Reference):
    @staticmethod
    def shared_memory_worker(counter, arr):
        with counter.get_lock():
            counter.value += 1
        arr[0] = 100
