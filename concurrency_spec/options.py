"""The options of a spec run, checked before anything runs: each mistake is one sentence.

Both the command line (``concurrency-spec run``, before it starts pytest) and the pytest plugin (at
configuration, before collection) call these checks, so a typo never reaches the tests: a loop that
does not import, a start method the platform lacks, a claim pattern or a section that selects
nothing, a deviation declared for a claim that does not exist. Each raises ``UsageError`` with the
sentence; the plugin turns it into a pytest usage error, the command line into one line and exit 2.
"""

from __future__ import annotations

import fnmatch
import importlib
import multiprocessing
from typing import Any, Callable, Dict, Iterable, List, Sequence, Tuple

KNOWN_LOOPS = {"asyncio": "asyncio:new_event_loop", "uvloop": "uvloop:new_event_loop"}
DEFAULT_LOOPS = ("asyncio", "uvloop")


class UsageError(ValueError):
    """An option that cannot work: a one-line reason (the command line prints it and exits with 2)."""


# --------------------------------------------------------------------------------------------- loops


def parse_loop(text: str) -> Tuple[str, str]:
    """``(name, "module:callable")`` for ``asyncio``, ``uvloop``, ``module:callable`` or
    ``NAME=module:callable``."""
    text = text.strip()
    name, equals, target = text.partition("=")
    if not equals:
        name, target = "", text
    if not target:
        raise UsageError(f"--loop {text!r}: give a loop name, module:callable or NAME=module:callable")
    if target in KNOWN_LOOPS:
        return name or target, KNOWN_LOOPS[target]
    module, colon, attribute = target.partition(":")
    if not colon or not module or not attribute:
        raise UsageError(
            f"--loop {text!r}: unknown loop; known: {', '.join(KNOWN_LOOPS)}, "
            "or an importable factory as module:callable"
        )
    return name or attribute.rsplit(".", 1)[-1], target


def import_factory(target: str) -> Callable[..., Any]:
    """The callable ``module:callable`` names (ImportError or AttributeError when it cannot)."""
    module, _, attribute = target.partition(":")
    value: Any = importlib.import_module(module)
    for part in attribute.split("."):
        value = getattr(value, part)
    return value  # type: ignore[no-any-return]


def loops(wanted: Iterable[str]) -> List[Tuple[str, str]]:
    """The loops asked for (the default pair when none), as (test id, "module:callable"), in order.

    A factory named by the user must import (a typo is a mistake, not a loop that is absent here, as
    uvloop on PyPy is). Two loops never share a test id: ``a:new_event_loop`` and
    ``b:new_event_loop`` would both be ``[new_event_loop]``, and a known name (``asyncio``) means
    that loop only.
    """
    texts = [text.strip() for text in wanted if text.strip()] or list(DEFAULT_LOOPS)
    by_name: Dict[str, str] = {}
    given: Dict[str, str] = {}
    for text in texts:
        name, target = parse_loop(text)
        if name in KNOWN_LOOPS and target != KNOWN_LOOPS[name]:
            raise UsageError(f"--loop {text}: {name!r} names {KNOWN_LOOPS[name]}; choose another name")
        if by_name.get(name, target) != target:
            raise UsageError(
                f"--loop {given[name]} and --loop {text} would both be [{name}]: name them, "
                f"as --loop NAME={target}"
            )
        by_name[name], given[name] = target, text
        if target not in KNOWN_LOOPS.values():
            try:
                import_factory(target)
            except (ImportError, AttributeError) as error:
                raise UsageError(f"--loop {text}: cannot load the loop factory: {error}") from None
    return list(by_name.items())


# ------------------------------------------------------------------------------------- start methods


def start_methods(wanted: Iterable[str]) -> List[str]:
    """The start methods asked for (every one the platform offers when none)."""
    offered = multiprocessing.get_all_start_methods()
    chosen = [m.strip() for m in wanted if m.strip()]
    unknown = [m for m in chosen if m not in offered]
    if unknown:
        raise UsageError(
            f"--start-method {', '.join(unknown)}: not offered here; "
            f"this platform offers {', '.join(offered)}"
        )
    return list(dict.fromkeys(chosen)) or offered


# ------------------------------------------------------------------------------------------ selection


def in_sections(claim_sections: Iterable[str], wanted: Sequence[str]) -> bool:
    """Whether one of ``claim_sections`` is one of ``wanted`` (``5`` takes ``5.7``; ``§`` optional)."""
    found = [s.lstrip("§") for s in claim_sections]
    return any(s == w or s.startswith(w + ".") for s in found for w in (x.lstrip("§") for x in wanted))


def matches(claim_ids: Iterable[str], patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(c, p) for c in claim_ids for p in patterns)


def check_selection(sections_of: Dict[str, str], patterns: Sequence[str], sections: Sequence[str]) -> None:
    """Each ``--claim`` pattern and each ``--section`` selects a claim of the catalogue
    (``sections_of``: claim id -> section)."""
    for pattern in patterns:
        if not matches(sections_of, [pattern]):
            raise UsageError(
                f"--claim {pattern}: no claim matches (fnmatch patterns, e.g. 'asyncio.queue.*'; "
                "`concurrency-spec catalogue` lists the ids)"
            )
    known = sorted(set(sections_of.values()), key=_section_key)
    for section in sections:
        if not any(in_sections([s], [section]) for s in known):
            raise UsageError(
                f"--section {section}: no such section; the claims' sections are "
                f"{', '.join(s.lstrip('§') for s in known)}"
            )


def _section_key(section: str) -> Tuple[int, ...]:
    return tuple(int(part) for part in section.lstrip("§").split(".") if part.isdigit())


def check_deviations(deviations: Dict[str, Any], catalogue: Iterable[str], owner: str) -> None:
    unknown = sorted(set(deviations) - set(catalogue))
    if unknown:
        raise UsageError(
            f"{owner}: DEVIATIONS names claims the catalogue does not have: {', '.join(unknown)} "
            "(`concurrency-spec catalogue` lists the ids)"
        )
