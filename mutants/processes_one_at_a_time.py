"""run_in_processes that starts each process only after the previous one finished."""

from concurrency_spec.reference import Reference

TARGETS = ["when.processes.cpu-bound-parallel"]


class Implementation(Reference):
    def run_in_processes(impl, context, fn, args, timeout=60.0):
        in_parallel = super().run_in_processes
        # breaks §9.2: each call in a process of its own, but one process after the other
        return [in_parallel(context, fn, [arg], timeout)[0] for arg in args]
