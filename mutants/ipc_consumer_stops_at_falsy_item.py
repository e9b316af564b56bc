"""§3.3 a consumer that tests ``if not item`` instead of ``if item is None``: it stops at 0."""

from concurrency_spec.reference import Reference

TARGETS = ["multiprocessing.queue.producer-consumer"]


def ipc_consumer(q, report=None):
    while True:
        item = q.get()
        if not item:
            break
        print(f"Got: {item}")
        if report is not None:
            report.put(item)
    if report is not None:
        report.put(None)


class Implementation(Reference):
    ipc_consumer = staticmethod(ipc_consumer)
