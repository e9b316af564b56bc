"""§2.4 a consumer that skips None instead of stopping, so its thread never ends."""

from concurrency_spec.reference import Reference

TARGETS = ["threading.queue.sentinel-stops"]


def thread_consumer(q, consumed):
    while True:
        item = q.get()
        if item is None:
            continue
        consumed.append(item)
        q.task_done()


class Implementation(Reference):
    thread_consumer = staticmethod(thread_consumer)
