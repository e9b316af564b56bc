"""A consumer that tests the sentinel with ``if not item`` instead of ``if item is None``."""

from concurrency_spec.reference import Reference

TARGETS = ["threads.producer-consumer.exactly-once"]


def consume_items(q, handle):
    while True:
        item = q.get()
        try:
            if not item:
                return  # breaks §8.3: the item 0 stops the consumer and is never handled
            handle(item)
        finally:
            q.task_done()


class Implementation(Reference):
    consume_items = staticmethod(consume_items)
