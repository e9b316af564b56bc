"""§2.4 a consumer that takes every item (and marks it done) but keeps only the even ones."""

from concurrency_spec.reference import Reference

TARGETS = ["threading.queue.fifo"]


def thread_consumer(q, consumed):
    while True:
        item = q.get()
        if item is None:
            break
        if item % 2 == 0:
            consumed.append(item)
        q.task_done()


class Implementation(Reference):
    thread_consumer = staticmethod(thread_consumer)
