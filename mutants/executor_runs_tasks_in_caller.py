"""§4.1 a ThreadPoolExecutor whose submit runs the task at once in the caller's thread."""

import concurrent.futures

from concurrency_spec.reference import Reference

TARGETS = [
    "futures.thread-pool.submit-result",
    "futures.thread-pool.map-input-order",
    "futures.thread-pool.max-workers",
    "futures.as-completed.completion-order",  # tasks run one by one, so they finish in submission order
]


class ThreadPoolExecutor(concurrent.futures.ThreadPoolExecutor):
    def submit(self, fn, *args, **kwargs):
        future = concurrent.futures.Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:
            future.set_exception(error)
        return future


class Implementation(Reference):
    futures = Reference.futures.replace(ThreadPoolExecutor=ThreadPoolExecutor)
