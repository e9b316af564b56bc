"""The report's data: environments (those that ran and those that did not), claims, cells, footnotes.

Renderers (``text``, ``html``) only read this model. An environment is one results file of
``pytest --results-json`` (one tox environment, or one implementation of the matrix); environments
that were asked for (``--env-list``) but left no complete results appear too, as *not run* (no
interpreter), or *incomplete* (crashed or killed: its JSON-lines log holds what it did).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from concurrency_spec import outcomes, sections

RAN, INCOMPLETE, NOT_RUN = "ran", "incomplete", "not run"
WATCHED_PACKAGES = (
    "pytest",
    "pytest-asyncio",
    "pytest-timeout",
    "looptime",
    "aiohttp",
    "aioresponses",
    "uvloop",
)


@dataclass
class Environment:
    """One column: the facts of the environment and the outcome of every test it ran."""

    label: str
    status: str = RAN
    reason: str = ""  # why it did not run, or did not finish
    hint: str = ""  # how to get it to run
    source: Optional[Path] = None
    facts: Dict[str, Any] = field(default_factory=dict)
    claims: Dict[str, Dict[str, Any]] = field(default_factory=dict)
    deviations: Dict[str, str] = field(default_factory=dict)
    tests: List[Dict[str, Any]] = field(default_factory=list)
    findings: List[Dict[str, Any]] = field(default_factory=list)  # hygiene findings of an event loop
    reused_from: str = ""  # when the run whose results these are finished (a warm rerun reused them)

    @property
    def ran(self) -> bool:
        return self.status != NOT_RUN

    @property
    def interpreter(self) -> str:
        if not self.facts:
            return ""
        implementation = str(self.facts.get("implementation", ""))
        name = {"cpython": "CPython", "pypy": "PyPy"}.get(implementation, implementation or "Python")
        text = f"{name} {self.facts.get('python', '?')}"
        if self.facts.get("gil") is False:
            text += " (free-threaded)"
        return text

    @property
    def short_version(self) -> str:
        """``3.12.1``, ``pypy-3.9.18``, ``3.13.0t``; empty when it did not run."""
        if not self.facts:
            return ""
        implementation = str(self.facts.get("implementation", ""))
        prefix = "" if implementation == "cpython" else f"{implementation}-"
        suffix = "t" if self.facts.get("gil") is False else ""
        return f"{prefix}{self.facts.get('python', '?')}{suffix}"

    @property
    def impl(self) -> str:
        return str(self.facts.get("impl", "reference"))

    def sort_key(self) -> Tuple[Any, ...]:
        version = tuple(int(p) for p in str(self.facts.get("python", "0")).split(".") if p.isdigit())
        return (not self.ran, self.facts.get("implementation") != "cpython", version, self.label)


@dataclass
class Cell:
    """The verdict of one claim in one environment, with the tests behind it."""

    verdict: Optional[str]
    entries: List[Dict[str, Any]] = field(default_factory=list)
    notes: List[int] = field(default_factory=list)  # footnote numbers of its reasons


@dataclass
class Row:
    """One claim and its cells."""

    claim: Dict[str, Any]
    cells: Dict[str, Cell]

    @property
    def id(self) -> str:
        return str(self.claim["id"])

    @property
    def basis(self) -> str:
        return str(self.claim.get("basis") or "document")

    def verdicts(self, environments: Sequence[Environment]) -> List[Optional[str]]:
        return [self.cells[env.label].verdict for env in environments if env.ran]

    def uniform(self, environments: Sequence[Environment]) -> bool:
        """The same verdict in every environment that ran (claims not run there do not count)."""
        found = {v for v in self.verdicts(environments) if v is not None}
        return len(found) <= 1

    def tests(self) -> List[str]:
        """The test functions (file::name, without parameters) behind the claim, in order."""
        names: List[str] = []
        for cell in self.cells.values():
            for entry in cell.entries:
                name = str(entry.get("test") or "").split("[")[0]
                if name and name not in names:
                    names.append(name)
        return names


@dataclass
class Section:
    number: str
    rows: List[Row]

    @property
    def title(self) -> str:
        return sections.title(self.number)


PARTS = {
    "document": "Claims the document states",
    "stdlib": "Standard-library details the document does not state",
}


@dataclass
class Report:
    environments: List[Environment]  # every column, those that did not run included
    sections: List[Section]  # the document's claims first, then the standard-library details
    footnotes: List[str]  # reasons, numbered from 1
    version_differences: Dict[str, Dict[str, str]]  # package: {environment: version}, where they differ

    def parts(self) -> List[Tuple[str, List[Section]]]:
        """(title, sections) of the document's claims, then of the standard-library details (if any)."""
        found = []
        for basis, title in PARTS.items():
            chosen = [Section(s.number, [r for r in s.rows if r.basis == basis]) for s in self.sections]
            chosen = [s for s in chosen if s.rows]
            if chosen:
                found.append((title, chosen))
        return found

    @property
    def ran(self) -> List[Environment]:
        return [env for env in self.environments if env.ran]

    @property
    def rows(self) -> List[Row]:
        return [row for section in self.sections for row in section.rows]

    @property
    def claims(self) -> List[Dict[str, Any]]:
        return [row.claim for row in self.rows]

    def cell(self, claim_id: str, label: str) -> Cell:
        for row in self.rows:
            if row.id == claim_id:
                return row.cells.get(label, Cell(None))
        return Cell(None)

    def counts(self, label: str) -> Dict[Optional[str], int]:
        counts: Dict[Optional[str], int] = {}
        for row in self.rows:
            verdict = row.cells[label].verdict
            counts[verdict] = counts.get(verdict, 0) + 1
        return counts

    def failures(self) -> List[Tuple[Dict[str, Any], Environment, Dict[str, Any]]]:
        found = []
        for row in self.rows:
            for env in self.ran:
                for entry in row.cells[env.label].entries:
                    if (
                        entry.get("outcome") not in outcomes.OUTCOMES
                        or entry.get("outcome") == outcomes.FAILED
                    ):
                        found.append((row.claim, env, entry))
        return found

    @property
    def failed(self) -> bool:
        return any(cell.verdict == outcomes.FAILED for row in self.rows for cell in row.cells.values())


# ---------------------------------------------------------------------------------------- loading


def result_files(paths: Sequence[Path]) -> List[Path]:
    """The results of each environment: ``NAME.json``, or ``NAME.jsonl`` where the run did not finish."""
    files: List[Path] = []
    for path in paths:
        if path.is_dir():
            complete = sorted(path.glob("*.json"))
            logs = [log for log in sorted(path.glob("*.jsonl")) if not log.with_suffix(".json").exists()]
            files.extend(sorted(complete + logs))
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"no such results directory or file: {path}")
    return files


def load_environment(path: Path) -> Environment:
    if path.suffix == ".jsonl":
        return _load_log(path)
    data = _json(path, path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "tests" not in data or "facts" not in data:
        raise ValueError(f"{path}: not a results file of `pytest --results-json` (no facts/tests)")
    facts = dict(data.get("facts") or {})
    tests = list(data.get("tests") or [])
    finished = data.get("complete", True) is not False
    return Environment(
        label=str(facts.get("env") or path.stem),
        status=RAN if finished else INCOMPLETE,
        reason=""
        if finished
        else f"interrupted after {len(tests)} test(s): these are the tests that finished",
        source=path,
        facts=facts,
        claims={str(c["id"]): c for c in data.get("claims", []) if "id" in c},
        deviations=dict(data.get("deviations") or {}),
        tests=tests,
        findings=list(data.get("findings") or []),
        reused_from=str(data.get("reused_from") or ""),
    )


def _whole(line: str) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


def _json(path: Path, text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as error:
        raise ValueError(
            f"{path}: not a results file of `pytest --results-json` (not JSON: {error})"
        ) from None


def _load_log(path: Path) -> Environment:
    """An environment that did not finish: the facts and the tests its JSON-lines log recorded."""
    texts = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if texts and not _whole(texts[-1]):
        texts.pop()  # the line being written when the run was killed
    lines = [_json(path, text) for text in texts]
    if not lines or "facts" not in lines[0]:
        raise ValueError(f"{path}: not a results log of `pytest --results-json` (no facts)")
    header, tests = lines[0], [line["test"] for line in lines[1:] if "test" in line]
    facts = dict(header.get("facts") or {})
    return Environment(
        label=str(facts.get("env") or path.stem),
        status=INCOMPLETE,
        reason=f"crashed or was killed after {len(tests)} test(s): these are the tests that finished",
        source=path,
        facts=facts,
        claims={str(c["id"]): c for c in header.get("claims", []) if "id" in c},
        deviations=dict(header.get("deviations") or {}),
        tests=tests,
    )


def not_run(label: str) -> Environment:
    """A requested environment without results: why, and how to get its interpreter when it is missing."""
    executable, hint = interpreter_wanted(label)
    if executable and not find_interpreter(executable):
        reason = f"interpreter not found: no {executable} on PATH or in pyenv"
    elif executable:
        reason = (
            f"no results: {executable} exists, but the environment did not run or failed before its tests"
        )
        hint = ""  # the interpreter is there: how to install it would mislead
    else:
        reason = "no results"
    return Environment(label=label, status=NOT_RUN, reason=reason, hint=hint)


def interpreter_wanted(label: str) -> Tuple[str, str]:
    """The executable a tox environment name asks for, and a one-line hint to install it."""
    match = re.fullmatch(r"py3(\d+)(t?)", label)
    if match:
        minor, threaded = match.groups()
        version = f"3.{minor}{threaded}"
        if threaded:
            return f"python{version}", (
                f"a free-threaded build: `pyenv install {version}`, or python.org's "
                f"installer with the free-threaded option"
            )
        return f"python{version}", f"`pyenv install {version}`, or the python{version} package of your system"
    if label.startswith("pypy3"):
        return "pypy3", "`apt install pypy3 pypy3-venv` (Debian, Ubuntu), or `pyenv install pypy3`"
    return "", ""


def find_interpreter(executable: str) -> Optional[str]:
    found = shutil.which(executable)
    if found:
        return found
    root = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    for candidate in sorted(root.glob(f"versions/*/bin/{executable}")):
        return str(candidate)
    return None


def build(
    environments: List[Environment], order: Optional[Sequence[str]] = None, requested: Sequence[str] = ()
) -> Report:
    """The report of these environments, plus a not-run column for each requested one without results.

    Columns come in ``order`` (of labels) when given, else by interpreter; not-run columns last.
    """
    _unique_labels(environments)
    have = {env.label for env in environments}
    environments = environments + [not_run(label) for label in requested if label not in have]
    if order is not None:
        rank = {label: i for i, label in enumerate(order)}
        environments.sort(key=lambda env: rank.get(env.label, len(rank)))
    elif requested:
        rank = {label: i for i, label in enumerate(requested)}
        environments.sort(key=lambda env: (rank.get(env.label, len(rank)), env.sort_key()))
    else:
        environments.sort(key=Environment.sort_key)
    catalogue: Dict[str, Dict[str, Any]] = {}
    for env in environments:
        catalogue.update(env.claims)
    entries: Dict[Tuple[str, str], List[Dict[str, Any]]] = {}
    for env in environments:
        for entry in env.tests:
            for claim_id in entry.get("claims", []):
                catalogue.setdefault(
                    claim_id, {"id": claim_id, "section": "?", "text": "(not in the catalogue)"}
                )
                entries.setdefault((claim_id, env.label), []).append(entry)
    footnotes: List[str] = []
    rows: List[Row] = []
    for claim in sorted(
        catalogue.values(), key=lambda c: (sections.key(str(c.get("section", ""))), str(c["id"]))
    ):
        cells = {}
        for env in environments:
            found = entries.get((claim["id"], env.label), [])
            cell = Cell(outcomes.verdict(str(e.get("outcome")) for e in found), found)
            cell.notes = _footnotes(cell, claim, env, footnotes)
            cells[env.label] = cell
        rows.append(Row(claim, cells))
    grouped: List[Section] = []
    for row in rows:
        number = str(row.claim.get("section", "?"))
        if not grouped or grouped[-1].number != number:
            grouped.append(Section(number, []))
        grouped[-1].rows.append(row)
    return Report(environments, grouped, footnotes, _version_differences(environments))


def _footnotes(cell: Cell, claim: Dict[str, Any], env: Environment, footnotes: List[str]) -> List[int]:
    """Number the reasons behind a cell that is not a plain pass (a failure, n/a, a deviation)."""
    if cell.verdict in (None, outcomes.PASSED):
        return []
    found = []  # (params, reason)
    for entry in cell.entries:
        if outcomes.verdict([str(entry.get("outcome"))]) == cell.verdict:
            text = reason(entry)
            if cell.verdict == outcomes.DEVIATION and claim["id"] in env.deviations:
                text = f"declared deviation: {env.deviations[claim['id']]}"
            if text:
                found.append((str(entry.get("params") or ""), text))
    same = len({text for _, text in found}) == 1
    reasons = [text if same or not params else f"[{params}] {text}" for params, text in found]
    numbers = []
    for text in dict.fromkeys(reasons):
        if text not in footnotes:
            footnotes.append(text)
        numbers.append(footnotes.index(text) + 1)
    return numbers


def reason(entry: Dict[str, Any], limit: int = 300) -> str:
    """The first line of an entry's reason, without the "not applicable: " prefix."""
    text = str(entry.get("reason") or "").strip()
    for prefix in (outcomes.NOT_APPLICABLE_PREFIX, "Skipped: "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    text = text.splitlines()[0] if text else ""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _unique_labels(environments: List[Environment]) -> None:
    seen: Dict[str, int] = {}
    for env in environments:
        seen[env.label] = seen.get(env.label, 0) + 1
    for env in environments:
        if seen[env.label] > 1 and env.source is not None:
            env.label = f"{env.label} ({env.source.stem})"


def _version_differences(environments: Iterable[Environment]) -> Dict[str, Dict[str, str]]:
    """The watched packages whose version is not the same in every environment that ran."""
    found: Dict[str, Dict[str, str]] = {}
    ran = [env for env in environments if env.ran]
    for package in WATCHED_PACKAGES:
        versions = {env.label: str((env.facts.get("packages") or {}).get(package, "absent")) for env in ran}
        if len(set(versions.values())) > 1:
            found[package] = versions
    return found


def load(
    paths: Sequence[Path], order: Optional[Sequence[str]] = None, requested: Sequence[str] = ()
) -> Report:
    return build([load_environment(path) for path in result_files(paths)], order, requested)


def parse_env_list(text: str) -> List[str]:
    """tox's env_list ("py39, py310,\\n pypy3, report"), without the report environment itself."""
    names = [name.strip() for name in re.split(r"[,\s]+", text) if name.strip()]
    return [name for name in names if name != "report"]
