"""A queue.Queue whose plain get() does not wait on an empty queue: it raises queue.Empty at once;
only get(timeout=...) waits. Its §2.4 consumer asks with a timeout, so the program still works;
a consumer written as the document writes it, ``item = q.get()``, does not."""

import queue

from concurrency_spec.reference import Reference

TARGETS = ["threading.queue.get-waits"]


class ImpatientQueue(queue.Queue):
    def get(self, block=True, timeout=None):
        return super().get(block=timeout is not None, timeout=timeout)


def patient_consumer(q, consumed):
    while True:
        item = q.get(timeout=10)
        if item is None:
            break
        consumed.append(item)
        q.task_done()


class Implementation(Reference):
    queue = Reference.queue.replace(Queue=ImpatientQueue)
    thread_consumer = staticmethod(patient_consumer)
