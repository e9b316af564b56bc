"""The reference implementation: the document's primitives (mapped to the standard library) and its
programs (written on top of them, as functions with parameters). See ``reference/implementation.py``.

An alternate implementation is a module with a class ``Implementation``; the simplest subclasses
:class:`Reference` and swaps what it reimplements::

    from concurrency_spec.reference import Reference

    class Implementation(Reference):
        asyncio = Reference.asyncio.replace(Semaphore=MySemaphore)

``Reference`` is imported on first use, so that a process started with spawn or forkserver, which
imports this package to find a worker function (``concurrency_spec.reference.s03_multiprocessing.square``),
imports only that worker's module.
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {"Reference", "Implementation", "CONTRACT_VERSION"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f"{__name__}.implementation"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
