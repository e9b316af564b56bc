"""Counting work in flight, from threads: the proof that things happen at the same time.

``InFlight`` counts the callers inside a section now (``now``) and the most there ever were at once
(``peak``); a test holds them inside until the bound it expects is reached, then checks the peak. A
``Gate`` is a stand-in for ``time.sleep``: its callers wait inside until the test opens it.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any, Iterator

from concurrency_spec.testing.waits import TIMEOUT


class InFlight:
    """How many callers are inside a section now, the most there ever were at once, and how many entered."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.now = self.peak = self.entered = 0

    def enter(self) -> None:
        with self.changed:
            self.now += 1
            self.entered += 1
            self.peak = max(self.peak, self.now)
            self.changed.notify_all()

    def leave(self) -> None:
        with self.changed:
            self.now -= 1
            self.changed.notify_all()

    @contextlib.contextmanager
    def inside(self) -> Iterator[None]:
        self.enter()
        try:
            yield
        finally:
            self.leave()

    def wait_for(self, n: int, timeout: float = TIMEOUT) -> bool:
        """True once ``n`` callers are inside at the same time; False if ``timeout`` passes first."""
        with self.changed:
            return self.changed.wait_for(lambda: self.now >= n, timeout=timeout)


class Gate:
    """A stand-in for ``time.sleep``: ``gate.wait(seconds)`` holds its caller until the test opens the
    gate, whatever the seconds. ``inside`` counts the callers held now and at most (an InFlight)."""

    def __init__(self, timeout: float = TIMEOUT) -> None:
        self.inside = InFlight()
        self._open = False
        self._timeout = timeout

    def wait(self, _seconds: Any = None) -> None:
        with self.inside.inside(), self.inside.changed:
            self.inside.changed.wait_for(lambda: self._open, timeout=self._timeout)

    def wait_until_inside(self, n: int) -> bool:
        return self.inside.wait_for(n)

    def open(self) -> None:
        with self.inside.changed:
            self._open = True
            self.inside.changed.notify_all()

    @property
    def peak(self) -> int:
        return self.inside.peak
