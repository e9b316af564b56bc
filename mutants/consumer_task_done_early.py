"""A consumer that calls task_done() as soon as it takes an item, before handling it."""

from concurrency_spec.reference import Reference

TARGETS = ["threads.producer-consumer.join-waits-for-task-done"]


def consume_items(q, handle):
    while True:
        item = q.get()
        q.task_done()  # breaks §8.3: queue.join() may return while the item is still being handled
        if item is None:
            return
        handle(item)


class Implementation(Reference):
    consume_items = staticmethod(consume_items)
