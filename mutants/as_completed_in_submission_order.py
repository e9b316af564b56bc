"""§4.3 an as_completed that waits for the futures one by one, in the order they were submitted."""

import concurrent.futures

from concurrency_spec.reference import Reference

TARGETS = ["futures.as-completed.completion-order"]


def as_completed(fs, timeout=None):
    for future in list(fs):
        concurrent.futures.wait([future], timeout)
        yield future


class Implementation(Reference):
    futures = Reference.futures.replace(as_completed=as_completed)
