"""run_in_threads that starts each thread only after the previous one finished."""

import threading

from reference import *  # noqa: F401,F403

TARGETS = ["when.threads.io-bound-overlap"]


def run_in_threads(fn, args):
    results = [None] * len(args)

    def call(index):
        results[index] = fn(args[index])

    for index in range(len(args)):
        thread = threading.Thread(target=call, args=(index,))
        thread.start()
        thread.join()  # breaks §9.2: the I/O waits never overlap
    return results
