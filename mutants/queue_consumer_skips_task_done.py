"""§2.4 a consumer that never calls task_done()."""

from concurrency_spec.reference import Reference

TARGETS = ["threading.queue.task-done"]


def thread_consumer(q, consumed):
    while True:
        item = q.get()
        if item is None:
            break
        consumed.append(item)


class Implementation(Reference):
    thread_consumer = staticmethod(thread_consumer)
