"""A consumer that skips None instead of stopping."""

from concurrency_spec.reference import Reference

TARGETS = ["threads.producer-consumer.sentinel-per-consumer"]


def consume_items(q, handle):
    while True:
        item = q.get()
        try:
            if item is None:
                continue  # breaks §8.3: the sentinel does not stop it
            handle(item)
        finally:
            q.task_done()


class Implementation(Reference):
    consume_items = staticmethod(consume_items)
