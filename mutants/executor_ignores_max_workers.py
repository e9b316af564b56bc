"""§4.1 a ThreadPoolExecutor that ignores max_workers: each task gets a new thread at once."""

import concurrent.futures
import threading

from concurrency_spec.reference import Reference

TARGETS = ["futures.thread-pool.max-workers"]


class ThreadPoolExecutor(concurrent.futures.ThreadPoolExecutor):
    def __init__(self, max_workers=None, *args, **kwargs):
        super().__init__(max_workers, *args, **kwargs)
        self._extra_threads = []

    def submit(self, fn, *args, **kwargs):
        future = concurrent.futures.Future()

        def run():
            try:
                future.set_result(fn(*args, **kwargs))
            except BaseException as error:
                future.set_exception(error)

        thread = threading.Thread(target=run)
        self._extra_threads.append(thread)
        thread.start()
        return future

    def shutdown(self, wait=True, **kwargs):
        super().shutdown(wait, **kwargs)
        if wait:
            for thread in self._extra_threads:
                thread.join()


class Implementation(Reference):
    futures = Reference.futures.replace(ThreadPoolExecutor=ThreadPoolExecutor)
