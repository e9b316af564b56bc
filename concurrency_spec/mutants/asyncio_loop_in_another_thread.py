"""§1.2 asyncio tasks run by an event loop in a helper thread, not in the thread that asked for them."""

import threading

import reference
from reference import *  # noqa: F401,F403

TARGETS = ["concurrency.table.asyncio-one-thread"]


def interleaved_tasks(names, steps):
    result = []
    helper = threading.Thread(target=lambda: result.extend(reference.interleaved_tasks(names, steps)))
    helper.start()
    helper.join()
    return result
