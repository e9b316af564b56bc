"""§4.3 an as_completed that waits for the futures one by one, in the order they were submitted."""

import concurrent.futures

from reference import *  # noqa: F401,F403

TARGETS = ["futures.as-completed.completion-order"]


def as_completed(fs, timeout=None):
    for future in list(fs):
        concurrent.futures.wait([future], timeout)
        yield future
