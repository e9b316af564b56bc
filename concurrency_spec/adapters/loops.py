"""An event loop the project defines itself, to prove that ``--loop`` takes any loop factory.

``counting_loop()`` makes an instrumented subclass of asyncio's own loop: it counts the callbacks it
runs and the threads that ran them, so the suite (and its own tests) can see that the claims really
ran on it. Being an ``asyncio.BaseEventLoop``, it can be given a virtual clock: the virtual-time tests
run on it too.

    concurrency-spec run --loop concurrency_spec.adapters.loops:counting_loop
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any, Set

#: Every counting loop made in this process: how many callbacks they ran, and in which threads.
callbacks_run = 0
threads_used: Set[int] = set()


class CountingEventLoop(asyncio.SelectorEventLoop):  # type: ignore[misc,valid-type]
    """asyncio's selector loop, counting the callbacks it runs."""

    def _run_once(self) -> None:
        global callbacks_run
        callbacks_run += len(self._ready)  # type: ignore[attr-defined]
        threads_used.add(threading.get_ident())
        super()._run_once()  # type: ignore[misc]


def counting_loop() -> Any:
    """A new CountingEventLoop (the factory for ``--loop``)."""
    return CountingEventLoop()
