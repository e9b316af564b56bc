"""Where a thread sleeps in the kernel (Linux): proof that it is blocked in its I/O, not waiting for
the GIL (a thread waiting for the GIL sleeps in a futex, one blocked in a pipe read in ``pipe_read``)."""

from __future__ import annotations

import os
import time
from typing import Optional, Sequence

POLL = 0.001


def blocked_in(native_id: int, markers: Sequence[str], timeout: float = 2.0) -> Optional[bool]:
    """True once the thread ``native_id`` sleeps in the kernel at a function whose name contains one of
    ``markers`` (``/proc/self/task/<id>/wchan``); False if it never does within ``timeout``; None
    where the kernel does not tell (no such file, or only "0"). The polling loop is Python code,
    running in the calling thread."""
    wchan = f"/proc/self/task/{native_id}/wchan"
    if not os.path.exists(wchan):
        return None
    deadline, told = time.monotonic() + timeout, False
    while time.monotonic() < deadline:
        try:
            with open(wchan) as file:
                where = file.read().strip()
        except OSError:  # the thread has ended
            return False
        if any(marker in where for marker in markers):
            return True
        told = told or where not in ("", "0")
        time.sleep(POLL)
    return False if told else None
