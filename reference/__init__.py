"""The reference implementation: the document's primitives (mapped to the standard library) and its
programs (written on top of them, as functions with parameters).

An alternate implementation is any importable module exposing the same names (see
``python -m harness contract``); the simplest one imports this package and overrides a few names.

Section modules are imported on first use of one of their names, so that a process started with
``spawn`` or ``forkserver`` imports only the section whose worker it runs (not asyncio and aiohttp).
"""

from __future__ import annotations

import importlib
from typing import Any, Dict, List

CONTRACT_VERSION = "1.0"

#: Claims this implementation knowingly does not meet, as {claim id: reason}. They run as strict
#: expected failures. The reference meets every claim.
DEVIATIONS: Dict[str, str] = {}

SECTION_MODULES = (
    "reference.s1_concurrency",
    "reference.s2_threads",
    "reference.s3_processes",
    "reference.s4_futures",
    "reference.s5_asyncio",
    "reference.s6_async_io",
    "reference.s7_choosing",
    "reference.s8_1_download",
    "reference.s8_2_primes",
    "reference.s8_3_producer_consumer",
    "reference.s9_questions",
    "reference.s9_async_questions",
)


def _public_names() -> Dict[str, str]:
    """{name: section module} for every name of the contract (imports every section)."""
    names: Dict[str, str] = {}
    for module_name in SECTION_MODULES:
        for name in importlib.import_module(module_name).__all__:
            names.setdefault(name, module_name)
    return names


def __getattr__(name: str) -> Any:
    if name.startswith("__") and name != "__all__":
        raise AttributeError(name)
    names = _public_names()
    if name == "__all__":
        every: List[str] = list(names)
        return every
    if name not in names:
        raise AttributeError(f"module 'reference' has no attribute {name!r}")
    value = getattr(importlib.import_module(names[name]), name)
    globals()[name] = value
    return value


def __dir__() -> List[str]:
    return sorted(set(globals()) | set(_public_names()))
