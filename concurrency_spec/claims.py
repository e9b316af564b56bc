"""The claim catalogue: every claim of the document, loaded from ``spec/claims/*.toml``.

Each claim has a stable ``id``, the ``section`` of the document it comes from, a one-line English
paraphrase (``text``), ``quote``: the words of the document it encodes, verbatim (a string or a list of
strings, each found in ``spec/document/week08.txt``), ``requires``: conditions from a closed list under
which the claim applies, and its ``basis``: ``document`` for what the document states (the default),
``stdlib`` for a detail of the standard library's behaviour that the document does not state (that a
lambda cannot be pickled, what a script without the ``__main__`` guard prints). An alternate
implementation is judged first on the document's claims, then, apart, on its compatibility with the
standard library.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple, TypedDict

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - depends on the interpreter
    import tomli as tomllib

from concurrency_spec import spec_dir

CLAIMS_DIR = spec_dir() / "claims"
DOCUMENT = "document"
STDLIB = "stdlib"
BASES = {DOCUMENT: "stated by the document", STDLIB: "a standard-library detail the document does not state"}


@dataclass(frozen=True)
class Claim:
    id: str
    section: str
    text: str
    requires: Tuple[str, ...] = ()
    file: str = ""
    note: str = ""
    basis: str = DOCUMENT
    quote: Tuple[str, ...] = ()

    def unmet(self) -> List[str]:
        """Reasons why this claim does not apply here (empty when it applies)."""
        return [reason for reason in (check_condition(c) for c in self.requires) if reason]

    def as_dict(self) -> ClaimEntry:
        return {
            "id": self.id,
            "section": self.section,
            "text": self.text,
            "requires": list(self.requires),
            "note": self.note,
            "basis": self.basis,
            "quote": list(self.quote),
        }


class ClaimEntry(TypedDict):
    """A claim as results files and the catalogue's JSON carry it."""

    id: str
    section: str
    text: str
    requires: List[str]
    note: str
    basis: str  # "document" or "stdlib"
    quote: List[str]


def _gil_enabled() -> bool:
    is_gil_enabled = getattr(sys, "_is_gil_enabled", None)
    return True if is_gil_enabled is None else bool(is_gil_enabled())


def _shares_cores() -> Optional[str]:
    if os.environ.get("TOX_PARALLEL_ENV"):
        return "other tox environments run on the same cores (tox parallel mode)"
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return "other pytest-xdist workers run on the same cores"
    if os.environ.get("SPEC_FORK_WORKER"):
        return "other workers of the run (--forks) run on the same cores"
    return None


def _python_at_least(version: str) -> Optional[str]:
    wanted = tuple(int(part) for part in version.split("."))
    if sys.version_info[: len(wanted)] >= wanted:
        return None
    return f"needs Python {version} or newer (this is {sys.version_info.major}.{sys.version_info.minor})"


def _python_below(version: str) -> Optional[str]:
    wanted = tuple(int(part) for part in version.split("."))
    if sys.version_info[: len(wanted)] < wanted:
        return None
    return f"holds only before Python {version}"


def _multicore() -> Optional[str]:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if cores < 2:
        return f"needs at least 2 cores; this machine gives the process {cores}"
    return _shares_cores()


def _uvloop() -> Optional[str]:
    try:
        import uvloop  # noqa: F401
    except ImportError:
        return "uvloop is not installed for this interpreter"
    return None


FIXED_CONDITIONS: Dict[str, Callable[[], Optional[str]]] = {
    "gil": lambda: None if _gil_enabled() else "the GIL is disabled on this free-threaded build",
    "no-gil": lambda: None if not _gil_enabled() else "the GIL is enabled on this interpreter",
    "multicore": _multicore,
    "cpython": lambda: (
        None
        if sys.implementation.name == "cpython"
        else f"holds for CPython only (this is {sys.implementation.name})"
    ),
    "uvloop": _uvloop,
    "posix": lambda: None if os.name == "posix" else "needs a POSIX system",
}

CONDITION_HELP = {
    "python>=X.Y": "the interpreter is Python X.Y or newer",
    "python<X.Y": "the interpreter is older than Python X.Y",
    "gil": "the interpreter runs with a GIL",
    "no-gil": "a free-threaded build with the GIL disabled",
    "multicore": "at least two cores, not shared with parallel tox environments or other workers of the run",
    "cpython": "the CPython implementation",
    "uvloop": "uvloop is installed",
    "posix": "a POSIX system",
}


def check_condition(condition: str) -> Optional[str]:
    """Return why ``condition`` fails here, or None when it holds."""
    if condition.startswith("python>="):
        return _python_at_least(condition[len("python>=") :])
    if condition.startswith("python<"):
        return _python_below(condition[len("python<") :])
    if condition in FIXED_CONDITIONS:
        return FIXED_CONDITIONS[condition]()
    raise ValueError(f"unknown condition {condition!r}; known: {', '.join(CONDITION_HELP)}")


def load_catalogue(directory: Path = CLAIMS_DIR) -> Dict[str, Claim]:
    """Load every claim; raise ValueError on a duplicate id or a malformed entry."""
    claims: Dict[str, Claim] = {}
    for path in sorted(directory.glob("*.toml")):
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        for entry in data.get("claim", []):
            claim = _claim_from(entry, path)
            if claim.id in claims:
                first = claims[claim.id].file
                raise ValueError(f"claim id {claim.id!r} appears twice ({first}, {path.name})")
            claims[claim.id] = claim
    return claims


def _claim_from(entry: Dict[str, object], path: Path) -> Claim:
    missing = [key for key in ("id", "section", "text") if key not in entry]
    if missing:
        raise ValueError(f"{path.name}: claim {entry.get('id', '?')!r} lacks {', '.join(missing)}")
    requires = entry.get("requires", [])
    if not isinstance(requires, list):
        raise ValueError(f"{path.name}: claim {entry['id']!r}: requires must be a list")
    for condition in requires:
        check_condition(str(condition))  # raises on an unknown condition
    basis = str(entry.get("basis", DOCUMENT))
    if basis not in BASES:
        raise ValueError(f"{path.name}: claim {entry['id']!r}: basis must be one of {sorted(BASES)}")
    return Claim(
        id=str(entry["id"]),
        quote=_quotes(entry, path),
        section=str(entry["section"]),
        text=str(entry["text"]),
        requires=tuple(str(c) for c in requires),
        file=path.name,
        note=str(entry.get("note", "")),
        basis=basis,
    )


def _quotes(entry: Dict[str, object], path: Path) -> Tuple[str, ...]:
    """``quote`` as a tuple: one string, or a list of strings (none when the entry has no quote)."""
    quote = entry.get("quote", [])
    quotes = [quote] if isinstance(quote, str) else quote
    if not isinstance(quotes, list) or not all(isinstance(q, str) and q for q in quotes):
        raise ValueError(f"{path.name}: claim {entry['id']!r}: quote must be a string or a list of strings")
    return tuple(quotes)


def section_key(section: str) -> Tuple[int, ...]:
    """Sort key for '§5.10' style sections."""
    digits = section.lstrip("§").split(".")
    return tuple(int(d) for d in digits if d.isdigit())


def sorted_claims(claims: Dict[str, Claim]) -> List[Claim]:
    return sorted(claims.values(), key=lambda c: (section_key(c.section), c.id))


@dataclass
class Coverage:
    """Which tests name which claim (filled in during collection)."""

    tests: Dict[str, List[str]] = field(default_factory=dict)

    def add(self, claim_id: str, nodeid: str) -> None:
        self.tests.setdefault(claim_id, []).append(nodeid)
