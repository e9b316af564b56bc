"""§4.3 an as_completed that yields new futures carrying the outcomes, not the submitted ones."""

import concurrent.futures

from reference import *  # noqa: F401,F403

TARGETS = ["futures.as-completed.dict-maps-back"]


def as_completed(fs, timeout=None):
    for future in concurrent.futures.as_completed(fs, timeout):
        copy = concurrent.futures.Future()
        copy.set_result(future.result())
        yield copy
