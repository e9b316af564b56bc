"""Results files: written whole or not at all, and published only when the run that made them finished.

A spec run writes ``results.json`` at its end (and ``results.jsonl`` as it goes). ``write_atomically``
never leaves a part of a file: a full disk or a kill leaves the file as it was. ``concurrency-spec run``
stages a run's files in a folder of their own inside the results folder (``.run-*``) and publishes
them only when the run finished and ran tests; an interrupted run's files become ``partial/``
(marked incomplete), and a failed or empty run leaves the previous results and report as they were.
"""

import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Union, get_args, get_origin

from concurrency_spec.claims import ClaimEntry
from concurrency_spec.options import UsageError

if sys.version_info >= (3, 11):
    from typing import NotRequired, TypedDict, get_type_hints, is_typeddict
else:  # pragma: no cover - depends on the interpreter
    from typing_extensions import NotRequired, TypedDict, get_type_hints, is_typeddict

RESULTS = "results.json"
PARTIAL = "partial"


# ------------------------------------------------------------------------------------------ schema
# (This module's annotations are evaluated, not postponed: TypedDict sees NotRequired only then.)


class Facts(TypedDict):
    """The environment a run ran in."""

    env: str  # its label: the tox environment, or the implementation for `concurrency-spec run`
    python: str
    implementation: str  # sys.implementation.name: cpython, pypy
    version: str
    gil: bool
    platform: str
    system: str
    cores: Optional[int]
    impl: str  # the implementation under test
    impl_contract: str
    loops: List[str]
    packages: Dict[str, str]
    finished_at: NotRequired[str]  # in results.json, not in the log's header


class TestEntry(TypedDict):
    """One test (one set of parameters): the claims it names and its outcome."""

    test: str  # its pytest node id ("" for a claim reported not applicable without a test)
    claims: List[str]
    params: str
    outcome: str  # one of concurrency_spec.outcomes.OUTCOMES
    reason: str
    duration: float


class FindingEntry(TypedDict):
    """A hygiene finding: a defect of the event loop itself, not of a claim."""

    kind: str
    loop: str
    what: str
    where: str
    count: int


class Results(TypedDict):
    """A results file (``pytest --results-json``)."""

    facts: Facts
    claims: List[ClaimEntry]
    deviations: Dict[str, str]
    tests: List[TestEntry]
    findings: List[FindingEntry]
    complete: bool  # false when the run was interrupted: the tests that finished
    reused_from: NotRequired[str]  # set on results a warm rerun reused: when their run finished


def problems(value: Any, schema: Any = Results, where: str = "results") -> List[str]:
    """How ``value`` (read from JSON) differs from ``schema`` (a TypedDict or a type of its fields)."""
    origin, arguments = get_origin(schema), get_args(schema)
    if is_typeddict(schema):
        return _typeddict_problems(value, schema, where)
    if origin is Union:
        if any(not problems(value, option, where) for option in arguments):
            return []
        return [f"{where}: {value!r} is none of {', '.join(_name(a) for a in arguments)}"]
    if origin is list:
        if not isinstance(value, list):
            return [f"{where}: a list expected, found {type(value).__name__}"]
        return [p for i, item in enumerate(value) for p in problems(item, arguments[0], f"{where}[{i}]")]
    if origin is dict:
        if not isinstance(value, dict):
            return [f"{where}: an object expected, found {type(value).__name__}"]
        return [p for k, item in value.items() for p in problems(item, arguments[1], f"{where}.{k}")]
    expected = {float: (int, float), int: (int,), type(None): (type(None),)}.get(schema, (schema,))
    found_bool = isinstance(value, bool) and schema is not bool
    if not isinstance(value, expected) or found_bool:
        return [f"{where}: {_name(schema)} expected, found {type(value).__name__}"]
    return []


def _typeddict_problems(value: Any, schema: Any, where: str) -> List[str]:
    if not isinstance(value, dict):
        return [f"{where}: an object expected, found {type(value).__name__}"]
    hints = get_type_hints(schema)
    missing = sorted(schema.__required_keys__ - set(value))
    found = [f"{where}: lacks {key}" for key in missing]
    for key, item in value.items():
        if key in hints:
            found += problems(item, hints[key], f"{where}.{key}")
    return found


def _name(schema: Any) -> str:
    return getattr(schema, "__name__", str(schema))


def write_atomically(path: Path, text: str) -> None:
    """``path`` holds ``text`` whole, or what it held before: never a part (a full disk, a kill)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        part.write_text(text, encoding="utf-8")
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)


def read(path: Path) -> Optional[Dict[str, Any]]:
    """The results in ``path``, or None when there are none (missing, not JSON, not results)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and "tests" in data else None


@dataclass
class Staged:
    """A run's own folder inside the results folder, until its files are published or kept as partial."""

    folder: Path
    home: Path

    @property
    def results(self) -> Path:
        return self.folder / RESULTS

    def logged_tests(self) -> int:
        """How many tests the run's log recorded (a run killed before its end leaves only its log)."""
        lines: List[str] = []
        for log in self.folder.rglob("*.jsonl"):  # (a run in phases logs each phase on its own)
            try:
                lines += log.read_text(encoding="utf-8").splitlines()
            except OSError:
                continue
        return sum(1 for line in lines if line.startswith('{"test"'))

    def publish(self) -> None:
        """Move the run's files over the previous ones (each move is atomic)."""
        for name in (RESULTS, Path(RESULTS).with_suffix(".jsonl").name):
            if (self.folder / name).exists():
                os.replace(self.folder / name, self.home / name)
        self.discard()

    def keep_as_partial(self) -> Path:
        """Keep the run's files in ``partial/`` (the previous partial ones go), away from the results."""
        target = self.home / PARTIAL
        shutil.rmtree(target, ignore_errors=True)
        os.replace(self.folder, target)
        return target

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def stage(home: Path) -> Staged:
    """A fresh folder for a run's files inside ``home``, which must be a writable folder (the folders of
    runs that were killed before they could tidy up are removed)."""
    if home.exists() and not home.is_dir():
        raise UsageError(f"--results {home}: exists and is not a directory")
    try:
        home.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(home)
        folder = Path(tempfile.mkdtemp(prefix=f".run-{os.getpid()}-", dir=home))
    except OSError as error:
        raise UsageError(f"--results {home}: cannot write there: {error.strerror or error}") from None
    return Staged(folder, home)


def _remove_abandoned(home: Path) -> None:
    for folder in home.glob(".run-*-*"):
        pid = folder.name.split("-")[1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # not ours to signal, but alive
        return True
    return True
