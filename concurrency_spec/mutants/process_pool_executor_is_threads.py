"""A ProcessPoolExecutor that is a ThreadPoolExecutor under another name."""

from concurrent.futures import ThreadPoolExecutor as _ThreadPoolExecutor

from reference import *  # noqa: F401,F403

TARGETS = ["summary.futures.one-interface"]


class ProcessPoolExecutor(_ThreadPoolExecutor):
    """breaks §10: the "processes" are threads of this process."""

    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=()):
        super().__init__(max_workers, initializer=initializer, initargs=initargs)
