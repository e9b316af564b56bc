"""Helpers for asyncio tests: pauses the test ends, and waiting for a condition without a clock."""

from __future__ import annotations

import asyncio
from typing import Any, Dict

from concurrency_spec.testing.waits import TIMEOUT


class Gates:
    """An injectable ``sleep(delay)`` whose pauses end when the test opens the gate of that delay.

    ``impl.task("A", 2, sleep=gates)`` pauses until ``gates.open(2)``: the test, not a clock,
    decides when a "two second" pause is over, and in which order pauses end.
    """

    def __init__(self) -> None:
        self._events: Dict[float, asyncio.Event] = {}

    def _event(self, delay: float) -> asyncio.Event:
        if delay not in self._events:
            self._events[delay] = asyncio.Event()
        return self._events[delay]

    async def __call__(self, delay: float) -> None:
        await self._event(delay).wait()

    def open(self, *delays: float) -> None:
        for delay in delays:
            self._event(delay).set()

    def open_all(self) -> None:
        for event in self._events.values():
            event.set()


async def yield_once(_delay: float = 0.0) -> None:
    """An injectable ``sleep`` that pauses for exactly one loop iteration, whatever the delay."""
    await asyncio.sleep(0)


async def no_pause(_delay: float = 0.0) -> None:
    """An injectable ``sleep`` that does not pause at all."""


async def loop_iterations(count: int) -> None:
    """Let the event loop run ``count`` iterations (every ready task takes ``count`` steps)."""
    for _ in range(count):
        await asyncio.sleep(0)


async def finish(*tasks: Any) -> None:
    """Cancel whatever of ``tasks`` still runs, and wait until all have stopped (a test's cleanup)."""
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def eventually(condition: Any, what: str, timeout: float = TIMEOUT) -> None:
    """Wait until ``condition()`` holds; fail after ``timeout`` seconds of the loop's clock.

    The first checks come one loop iteration apart, later ones a millisecond apart. The timeout
    only ends a wait that would otherwise never end (a broken implementation); a correct one meets
    the condition within a few iterations.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    attempt = 0
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"never happened within {timeout} s: {what}")
        await asyncio.sleep(0 if attempt < 100 else 0.001)
        attempt += 1
