"""§4.2 a ProcessPoolExecutor that runs its tasks in threads of the parent."""

import concurrent.futures

from reference import *  # noqa: F401,F403

TARGETS = ["futures.process-pool.worker-processes"]


class ProcessPoolExecutor(concurrent.futures.ThreadPoolExecutor):
    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=()):
        super().__init__(max_workers, initializer=initializer, initargs=initargs)
