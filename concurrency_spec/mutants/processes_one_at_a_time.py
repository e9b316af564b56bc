"""run_in_processes that starts each process only after the previous one finished."""

from reference import *  # noqa: F401,F403

TARGETS = ["when.processes.cpu-bound-parallel"]


def run_in_processes(context, fn, args, timeout=60.0):
    from reference.s9_questions import run_in_processes as in_parallel

    # breaks §9.2: each call in a process of its own, but one process after the other
    return [in_parallel(context, fn, [arg], timeout)[0] for arg in args]
