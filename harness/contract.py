"""The contract an implementation fulfils: the names the reference exports, section by section.

Each name is expected with the same kind (class, function, coroutine function, other value) as in
the reference. ``python -m harness contract [--impl NAME]`` lists the contract, or what NAME lacks.
"""

from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass
from typing import Any, List

REFERENCE = "reference"


def kind_of(value: Any) -> str:
    if inspect.isclass(value):
        return "class"
    if inspect.iscoroutinefunction(value):
        return "coroutine function"
    if inspect.isasyncgenfunction(value):
        return "async generator function"
    if callable(value):
        return "callable"
    return "value"


def _compatible(expected: str, actual: str) -> bool:
    # A class can stand where a callable factory is expected, and the reverse (Lock is a factory).
    callables = {"class", "callable"}
    return expected == actual or (expected in callables and actual in callables)


@dataclass(frozen=True)
class Entry:
    section: str
    name: str
    kind: str
    summary: str


def contract() -> List[Entry]:
    reference = importlib.import_module(REFERENCE)
    entries = []
    for module_name in reference.SECTION_MODULES:
        module = importlib.import_module(module_name)
        section = (module.__doc__ or module_name).strip().splitlines()[0].split(" ")[0]
        for name in module.__all__:
            value = getattr(module, name)
            doc = (inspect.getdoc(value) or "").strip().splitlines()
            entries.append(Entry(section, name, kind_of(value), doc[0] if doc else ""))
    return entries


def problems(module_name: str) -> List[str]:
    """What the module lacks of the contract, or has of the wrong kind (empty when complete)."""
    module = importlib.import_module(module_name)
    found = []
    for entry in contract():
        if not hasattr(module, entry.name):
            found.append(f"{entry.section} missing {entry.name} ({entry.kind})")
            continue
        actual = kind_of(getattr(module, entry.name))
        if not _compatible(entry.kind, actual):
            found.append(f"{entry.section} {entry.name} is a {actual}, the contract expects a {entry.kind}")
    return found
