"""A ProcessPoolExecutor whose worker process dies (os._exit) running its first task: the executor is
broken (BrokenProcessPool) and every future of it raises. The claims fail at once."""

import os

from concurrency_spec.reference import Reference
from concurrency_spec.reference.primitives import ProcessPoolExecutor

TARGETS = [
    "futures.process-pool.cpu-task",
    "futures.process-pool.max-workers",
    "futures.process-pool.worker-processes",
]
ARGS = ["--section", "4.2"]
BOUND = 90


def die(*_args):
    os._exit(1)


class DyingExecutor(ProcessPoolExecutor):
    def submit(self, fn, /, *args, **kwargs):
        return super().submit(die, *args)


class Implementation(Reference):
    futures = Reference.futures.replace(ProcessPoolExecutor=DyingExecutor)
