"""§4.2 a cpu_task that sums i * i for i from 1 to n inclusive instead of range(n)."""

from reference import *  # noqa: F401,F403

TARGETS = ["futures.process-pool.cpu-task"]


def cpu_task(n):
    return sum(i * i for i in range(1, n + 1))
