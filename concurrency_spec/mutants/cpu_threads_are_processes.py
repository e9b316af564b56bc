"""§1.2 a "threading" program that runs its workers in child processes."""

from reference import *  # noqa: F401,F403
from reference import cpu_bound_in_processes

TARGETS = [
    "concurrency.table.threading-cpu-not-parallel",
    "concurrency.table.threading-cpu-parallel-without-gil",
]


def cpu_bound_in_threads(n, seconds):
    return cpu_bound_in_processes(n, seconds)
