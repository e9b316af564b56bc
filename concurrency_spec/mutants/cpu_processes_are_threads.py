"""§1.2 a "multiprocessing" program that runs its workers in threads of the calling process."""

from reference import *  # noqa: F401,F403
from reference import cpu_bound_in_threads

TARGETS = ["concurrency.parallelism", "concurrency.table.multiprocessing-cpu-parallel"]


def cpu_bound_in_processes(n, seconds, context=None):
    return cpu_bound_in_threads(n, seconds)
