"""Making the GIL's effect visible without a clock (a test instrument, not part of the contract).

Under a GIL a thread hands the interpreter over when it blocks, or when another thread has waited
``sys.getswitchinterval()`` seconds for it. With an interval far longer than the work, a thread that
computes keeps the interpreter until it is done: CPU-bound threads then run one after the other,
and their intervals never overlap. Without a GIL (free-threaded builds) or in separate processes,
they overlap whatever the interval.
"""

from __future__ import annotations

import contextlib
import gc
import sys
from typing import Iterator, Sequence, Tuple

#: Far longer than the work under it (tens of milliseconds), shorter than a test's timeout (10 s): a
#: thread that never ends still lets pytest-timeout's handler run in time.
SWITCH_INTERVAL = 5.0  # seconds


@contextlib.contextmanager
def no_forced_switches() -> Iterator[None]:
    """While inside, a thread running Python code keeps the GIL until it blocks or ends."""
    gc.collect()  # no garbage left whose finalizer could block, and so hand the GIL over, meanwhile
    previous = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    try:
        yield
    finally:
        sys.setswitchinterval(previous)


def overlapping(intervals: Sequence[Tuple[float, float]]) -> bool:
    """True if one of the (start, end) intervals begins before another has ended; intervals that only
    touch (one ends at the instant the next begins, as a coarse clock may report a hand-over) do not."""
    ordered = sorted(intervals)
    return any(later[0] < earlier[1] for earlier, later in zip(ordered, ordered[1:]))
