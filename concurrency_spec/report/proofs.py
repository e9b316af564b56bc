"""What proves each claim: the spec's tests that name it, read from their files (the report shows their
sources, with file:line), and the last verdicts known, read from results files (the living document,
``concurrency-spec doc``, and ``concurrency-spec explain`` show both).

The tests are found without pytest: each ``spec/test_*.py`` is parsed, and a test function names the
claims of its ``@pytest.mark.claim(...)`` decorators (and of a module-level ``pytestmark``), as the
plugin collects them. A file this interpreter cannot parse (``spec/test_s05_asyncio_taskgroup_py311.py``
before Python 3.11) is left out.

Verdicts come in groups of columns: the interpreters of ``python3 dev.py spec`` (``.results``, or
``.concurrency-spec`` after ``concurrency-spec run``, the newer) and the implementations of
``concurrency-spec matrix`` (``.matrix``), or whatever results are named.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from concurrency_spec import outcomes, spec_dir
from concurrency_spec.report.model import Report, load, result_files

MATRIX_RESULTS = Path(".matrix")


# -------------------------------------------------------------------------------------------- tests


@dataclass(frozen=True)
class SpecTest:
    """One test function of the spec: where it is, its source (decorators included), its claims."""

    path: str  # relative to the spec's parent: "spec/test_s02_threading.py"
    name: str
    line: int  # of its ``def``
    source: str
    claims: Tuple[str, ...]

    @property
    def nodeid(self) -> str:
        return f"{self.path}::{self.name}"

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def first_lines(self, count: int = 4) -> List[str]:
        """Its ``def`` line and the lines after it, blank ones left out (up to ``count`` in all)."""
        lines = [line for line in self.source.splitlines() if line.strip()]
        start = next(i for i, line in enumerate(lines) if line.lstrip().startswith(("def ", "async def ")))
        return lines[start : start + count]


def _claim_marks(decorators: Sequence[ast.expr]) -> Iterator[str]:
    for decorator in decorators:
        if isinstance(decorator, ast.Call) and ast.unparse(decorator.func).endswith("mark.claim"):
            yield from (str(arg.value) for arg in decorator.args if isinstance(arg, ast.Constant))


def _module_marks(tree: ast.Module) -> List[str]:
    found: List[str] = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "pytestmark" for t in node.targets):
            values = node.value.elts if isinstance(node.value, (ast.List, ast.Tuple)) else [node.value]
            found.extend(_claim_marks(values))
    return found


def tests_in(file: Path, relative: str) -> List[SpecTest]:
    """The test functions of one spec file that name claims, in the file's order."""
    text = file.read_text(encoding="utf-8")
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return []
    lines, module_claims = text.splitlines(), _module_marks(tree)
    found = []
    for node in tree.body:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or not node.name.startswith("test"):
            continue
        claims = tuple(dict.fromkeys([*module_claims, *_claim_marks(node.decorator_list)]))
        first = min([d.lineno for d in node.decorator_list] + [node.lineno])
        source = "\n".join(lines[first - 1 : node.end_lineno])
        found.append(SpecTest(relative, node.name, node.lineno, source, claims))
    return [test for test in found if test.claims]


def spec_tests(folder: Optional[Path] = None) -> Tuple[SpecTest, ...]:
    """Every test of the spec that names a claim, file by file."""
    folder = folder or spec_dir()
    return tuple(
        test
        for file in sorted(folder.glob("test_*.py"))
        for test in tests_in(file, f"{folder.name}/{file.name}")
    )


def tests_by_claim(tests: Sequence[SpecTest]) -> Dict[str, List[SpecTest]]:
    found: Dict[str, List[SpecTest]] = {}
    for test in tests:
        for claim in test.claims:
            found.setdefault(claim, []).append(test)
    return found


# ----------------------------------------------------------------------------------------- verdicts


@dataclass(frozen=True)
class Group:
    """One set of results: columns of interpreters (a ``dev.py spec`` run) or of implementations."""

    source: Path
    report: Report

    @property
    def kind(self) -> str:
        ran = self.report.ran
        return "implementations" if len({env.impl for env in ran}) > 1 else "interpreters"

    @property
    def finished(self) -> str:
        """When the last of its runs finished ("2026-12-02 13:02:30 UTC"; "" when no file says)."""
        return max((str(env.facts.get("finished_at") or "") for env in self.report.ran), default="")


@dataclass(frozen=True)
class Verdicts:
    """The columns of a group that came to one verdict on a claim, and the reasons given there."""

    verdict: Optional[str]  # None: the claim did not run there
    labels: Tuple[str, ...]
    reasons: Tuple[str, ...]

    @property
    def label(self) -> str:
        return "not run" if self.verdict is None else outcomes.label(self.verdict)

    @property
    def css(self) -> str:
        return self.verdict or "none"


def verdicts_of(group: Group, claim_id: str) -> List[Verdicts]:
    """A claim's verdicts in a group, the columns that came to each, in the order of the columns."""
    order: List[Optional[str]] = []
    labels: Dict[Optional[str], List[str]] = {}
    reasons: Dict[Optional[str], List[str]] = {}
    for env in group.report.ran:
        cell = group.report.cell(claim_id, env.label)
        if cell.verdict not in labels:
            order.append(cell.verdict)
        labels.setdefault(cell.verdict, []).append(env.label)
        texts = reasons.setdefault(cell.verdict, [])
        for text in (group.report.footnotes[n - 1] for n in cell.notes):
            if text not in texts:
                texts.append(text)
    return [Verdicts(v, tuple(labels[v]), tuple(reasons[v])) for v in order]


def default_paths() -> List[Path]:
    """The results to show when none are named: the latest spec run's, then the matrix's."""
    from concurrency_spec.report import default_results

    matrix = [MATRIX_RESULTS] if MATRIX_RESULTS.is_dir() and any(MATRIX_RESULTS.glob("*.json")) else []
    return default_results() + matrix


def load_groups(paths: Sequence[Path]) -> List[Group]:
    """One group per path (a folder of results files, or one file); a path with nothing is left out.
    Raises OSError or ValueError on a path that is missing or holds something other than results."""
    from concurrency_spec.matrix import COLUMNS

    groups = []
    for path in paths:
        if not result_files([path]):
            continue
        group = Group(path, load([path]))
        if group.kind == "implementations":  # in the matrix's order, the reference first
            group = Group(path, load([path], order=[column.name for column in COLUMNS]))
        if group.report.ran:
            groups.append(group)
    return groups
