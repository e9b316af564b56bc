"""§3.3 a consumer that skips None instead of stopping, so its process never ends."""

from concurrency_spec.reference import Reference

TARGETS = ["multiprocessing.queue.producer-consumer"]


def ipc_consumer(q, report=None):
    while True:
        item = q.get()
        if item is None:
            continue
        print(f"Got: {item}")
        if report is not None:
            report.put(item)


class Implementation(Reference):
    ipc_consumer = staticmethod(ipc_consumer)
