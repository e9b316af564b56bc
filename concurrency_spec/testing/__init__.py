"""What spec tests use besides ``impl``: instruments that make concurrency observable without clocks.

- ``not_applicable(reason)``: report the running test as not applicable here, with the reason;
- ``concurrency_spec.testing.counters``: ``InFlight``, how many are inside a section now and at most;
  ``Gate``, a stand-in for ``time.sleep`` that holds its callers until the test opens it;
- ``concurrency_spec.testing.aio``: the same for asyncio (``Gates``, ``eventually``, ``finish``...);
- ``concurrency_spec.testing.background``: run a program in a helper thread while the test acts;
- ``concurrency_spec.testing.servers``: the loopback HTTP server that counts requests in flight;
- ``concurrency_spec.testing.measure``: calibrated CPU-bound work for the performance claims;
- ``concurrency_spec.testing.process_gates``: gates for work in pool processes.

None of these is part of the contract: an implementation never provides them.
"""

from __future__ import annotations

from typing import Any

__all__ = ["not_applicable"]


def __getattr__(name: str) -> Any:
    # imported on first use: a spawned worker that unpickles a gate of process_gates imports this
    # package, and must not import pytest with it (a third of a second per process)
    if name == "not_applicable":
        from concurrency_spec.pytest_plugin.core import not_applicable

        return not_applicable
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
