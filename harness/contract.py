"""The contract an implementation fulfils: the names the reference exports, section by section.

Each name is expected with the same kind (class, function, coroutine function, other value) as in
the reference. ``python -m harness contract [--impl NAME]`` lists the contract, or what NAME lacks.
"""

from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, Iterator, List, Tuple

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
    # A class can stand where a callable factory is expected, and the reverse (Lock is a factory);
    # a coroutine function can stand for a callable that returns an awaitable (gather).
    callables = {"class", "callable", "coroutine function"}
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
        for name, value in _names_and_members(module):
            doc = (inspect.getdoc(value) or "").strip().splitlines()
            entries.append(Entry(section, name, kind_of(value), doc[0] if doc else ""))
    return entries


def _names_and_members(module: Any) -> Iterator[Tuple[str, Any]]:
    """The module's public names; a namespace (``impl.asyncio``) also contributes its members."""
    for name in module.__all__:
        value = getattr(module, name)
        yield name, value
        if isinstance(value, SimpleNamespace):
            for member, member_value in vars(value).items():
                if not member.startswith("_"):
                    yield f"{name}.{member}", member_value


def _lookup(module: Any, dotted: str) -> Any:
    value = module
    for part in dotted.split("."):
        value = getattr(value, part)
    return value


def problems(module_name: str) -> List[str]:
    """What the module lacks of the contract, or has of the wrong kind (empty when complete)."""
    module = importlib.import_module(module_name)
    found = []
    for entry in contract():
        try:
            value = _lookup(module, entry.name)
        except AttributeError:
            found.append(f"{entry.section} missing {entry.name} ({entry.kind})")
            continue
        actual = kind_of(value)
        if not _compatible(entry.kind, actual):
            found.append(f"{entry.section} {entry.name} is a {actual}, the contract expects a {entry.kind}")
    return found
