"""§4.3 an as_completed that yields new futures carrying the outcomes, not the submitted ones."""

import concurrent.futures

from concurrency_spec.reference import Reference

TARGETS = ["futures.as-completed.dict-maps-back"]


def as_completed(fs, timeout=None):
    for future in concurrent.futures.as_completed(fs, timeout):
        copy = concurrent.futures.Future()
        copy.set_result(future.result())
        yield copy


class Implementation(Reference):
    futures = Reference.futures.replace(as_completed=as_completed)
