"""§4.2 a ProcessPoolExecutor that starts one worker more than max_workers."""

from concurrency_spec.reference import Reference
from concurrency_spec.reference.primitives import ProcessPoolExecutor

TARGETS = ["futures.process-pool.max-workers"]


class GenerousProcessPoolExecutor(ProcessPoolExecutor):
    def __init__(self, max_workers=None, **kwargs):
        super().__init__(None if max_workers is None else max_workers + 1, **kwargs)


class Implementation(Reference):
    futures = Reference.futures.replace(ProcessPoolExecutor=GenerousProcessPoolExecutor)
