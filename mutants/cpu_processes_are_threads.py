"""§1.2 a "multiprocessing" program that runs its workers in threads of the calling process."""

from concurrency_spec.reference import Reference

TARGETS = ["concurrency.parallelism", "concurrency.table.multiprocessing-cpu-parallel"]


class Implementation(Reference):
    def cpu_bound_in_processes(impl, n, seconds, context=None):
        return impl.cpu_bound_in_threads(n, seconds)
