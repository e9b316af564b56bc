"""add_to_shared without value.get_lock(): a bare ``counter.value += 1``."""

from concurrency_spec.reference import Reference

TARGETS = ["sharing.value.locked-updates-exact"]


def add_to_shared(counter, times):
    for _ in range(times):
        counter.value += 1  # breaks §9.5: the read and the write are two steps another process can split


class Implementation(Reference):
    add_to_shared = staticmethod(add_to_shared)
