"""A consumer that drops every third item it takes (and still marks it task_done)."""

from concurrency_spec.reference import Reference

TARGETS = ["threads.producer-consumer.exactly-once"]


def consume_items(q, handle):
    taken = 0
    while True:
        item = q.get()
        taken += 1
        try:
            if item is None:
                return
            if taken % 3 == 0:
                continue  # breaks §8.3: the item is lost
            handle(item)
        finally:
            q.task_done()


class Implementation(Reference):
    consume_items = staticmethod(consume_items)
