"""A consumer that handles some items twice."""

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
            handle(item)
            if taken % 7 == 0:
                handle(item)  # breaks §8.3: consumed twice
        finally:
            q.task_done()


class Implementation(Reference):
    consume_items = staticmethod(consume_items)
