"""§1.2 a "threading" program that runs its workers in child processes."""

from concurrency_spec.reference import Reference

TARGETS = [
    "concurrency.table.threading-cpu-not-parallel",
    "concurrency.table.threading-cpu-parallel-without-gil",
]


class Implementation(Reference):
    def cpu_bound_in_threads(impl, n, seconds):
        return impl.cpu_bound_in_processes(n, seconds)
