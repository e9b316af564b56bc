"""§4.2 a cpu_task that sums i * i for i from 1 to n inclusive instead of range(n)."""

from concurrency_spec.reference import Reference

TARGETS = ["futures.process-pool.cpu-task"]


def cpu_task(n):
    return sum(i * i for i in range(1, n + 1))


class Implementation(Reference):
    cpu_task = staticmethod(cpu_task)
