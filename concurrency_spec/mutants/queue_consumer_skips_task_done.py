"""§2.4 a consumer that never calls task_done()."""

from reference import *  # noqa: F401,F403

TARGETS = ["threading.queue.task-done"]


def thread_consumer(q, consumed):
    while True:
        item = q.get()
        if item is None:
            break
        consumed.append(item)
