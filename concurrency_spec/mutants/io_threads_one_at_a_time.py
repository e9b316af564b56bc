"""§1.3 blocking calls run in threads, but each thread is joined before the next one starts."""

import threading

from reference import *  # noqa: F401,F403

TARGETS = ["gil.io.threads-overlap", "gil.io.wall-time"]


def blocking_io_in_threads(n, io):
    results = [None] * n

    def run(i):
        results[i] = io(i)

    for i in range(n):
        thread = threading.Thread(target=run, args=(i,))
        thread.start()
        thread.join()
    return results
