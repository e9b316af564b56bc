"""Which statements of the document the claims cover: computed from their quotes, never audited by hand.

A claim's quote is looked for in the claim's own section (its subsections included) and, when it is not
there, in the whole document; where it is looked for, it occurs exactly once (``Document.locate``). It
covers every statement it falls within (a comment line and the program around it, for instance; see
``concurrency_spec/document.py``). A statement no quote reaches is either marked *not normative* in
``spec/document/not_normative.toml`` with a one-line reason (a learning aim, advice, a table's header,
the wiki's page furniture), or it is *uncovered*. ``concurrency-spec coverage`` prints the count per
section; it, and the project's tests, fail on an uncovered statement, a quote that is not in the
document or not where its claim says, and a mark that names no statement or a covered one.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - depends on the interpreter
    import tomli as tomllib

from concurrency_spec.claims import Claim, load_catalogue
from concurrency_spec.document import DOCUMENT_DIR, FRONT, Document, Section, Statement, load

MARKS_FILE = DOCUMENT_DIR / "not_normative.toml"
COVERED, NOT_NORMATIVE, UNCOVERED = "covered", "not normative", "uncovered"


@dataclass(frozen=True)
class Found:
    """Where one quote of a claim is (``start`` -1 when it is nowhere, or nowhere unambiguously)."""

    claim: str
    quote: str
    start: int
    problem: str = ""


def find_quote(document: Document, claim: Claim, quote: str) -> Found:
    start, problem = document.locate(quote, claim.section)
    return Found(claim.id, quote, start, f"{claim.id}: {problem}" if problem else "")


def find_quotes(document: Document, claims: Sequence[Claim]) -> List[Found]:
    return [find_quote(document, claim, quote) for claim in claims for quote in claim.quote]


def claim_problems(document: Document, claims: Sequence[Claim]) -> List[str]:
    """Claims without a quote, or with a section the document does not have."""
    problems = [
        f"{c.id}: no quote (quote the words of the document it encodes)" for c in claims if not c.quote
    ]
    sections = {section.number for section in document.sections}
    problems += [
        f"{c.id}: the document has no section {c.section}" for c in claims if c.section not in sections
    ]
    return problems


def load_marks(path: Path = MARKS_FILE) -> Dict[str, str]:
    """{statement anchor: why it is not normative}."""
    with path.open("rb") as handle:
        return {str(anchor): str(reason) for anchor, reason in tomllib.load(handle).items()}


def mark_problems(document: Document, marks: Dict[str, str], claims_of: Dict[str, List[str]]) -> List[str]:
    anchors = {s.anchor for s in document.statements}
    problems = []
    for anchor, reason in marks.items():
        if anchor not in anchors:
            problems.append(f"not-normative mark {anchor}: the document has no such statement")
        elif claims_of.get(anchor):
            problems.append(f"not-normative mark {anchor}: covered by {', '.join(claims_of[anchor])}")
        if not reason.strip() or "\n" in reason.strip():
            problems.append(f"not-normative mark {anchor}: its reason is empty or longer than one line")
    return problems


@dataclass
class Coverage:
    document: Document
    claims_of: Dict[str, List[str]]  # statement anchor -> the claims whose quotes fall within it
    marks: Dict[str, str]
    problems: List[str] = field(default_factory=list)

    def state(self, statement: Statement) -> str:
        if self.claims_of.get(statement.anchor):
            return COVERED
        return NOT_NORMATIVE if statement.anchor in self.marks else UNCOVERED

    def counts(self, statements: Sequence[Statement]) -> Counter:
        return Counter(self.state(s) for s in statements)

    def uncovered(self) -> List[Statement]:
        return [s for s in self.document.statements if self.state(s) == UNCOVERED]


def compute(
    document: Optional[Document] = None,
    claims: Optional[Sequence[Claim]] = None,
    marks: Optional[Dict[str, str]] = None,
) -> Coverage:
    document = document or load()
    claims = list(load_catalogue().values()) if claims is None else list(claims)
    marks = load_marks() if marks is None else marks
    found = find_quotes(document, claims)
    claims_of: Dict[str, List[str]] = {}
    for quote in (f for f in found if f.start >= 0):
        for statement in document.statements_holding(quote.start, quote.start + len(quote.quote)):
            ids = claims_of.setdefault(statement.anchor, [])
            if quote.claim not in ids:
                ids.append(quote.claim)
    problems = claim_problems(document, claims) + [f.problem for f in found if f.problem]
    problems += mark_problems(document, marks, claims_of)
    return Coverage(document, claims_of, marks, problems)


# ------------------------------------------------------------------------------------------ output


def _title(section: Section) -> str:
    return section.title if section.number != FRONT else "(before §1: the page's header, title and aim)"


def table(coverage: Coverage) -> List[str]:
    """One line per section that has statements of its own, in the document's order."""
    rows = [
        f"{'section':<8} {'statements':>10} {'covered':>8} {'not normative':>14} {'uncovered':>10}  title"
    ]
    for section in coverage.document.sections:
        own = [s for s in coverage.document.statements if s.section == section.number]
        if own:
            n = coverage.counts(own)
            rows.append(
                f"{section.number:<8} {len(own):>10} {n[COVERED]:>8} {n[NOT_NORMATIVE]:>14} "
                f"{n[UNCOVERED]:>10}  {_title(section)}"
            )
    return rows


def summary(coverage: Coverage) -> str:
    statements = coverage.document.statements
    n = coverage.counts(statements)
    return (
        f"{len(statements)} statements: {n[COVERED]} covered by claims, {n[NOT_NORMATIVE]} not normative, "
        f"{n[UNCOVERED]} uncovered"
    )


def _first_line(statement: Statement) -> str:
    lines = statement.text.splitlines()
    return lines[0] + (" …" if len(lines) > 1 else "")


def statement_lines(coverage: Coverage) -> List[str]:
    """Every statement: its anchor, its first line, and the claims covering it or why it is not normative."""
    lines = []
    for statement in coverage.document.statements:
        state = coverage.state(statement)
        if state == COVERED:
            why = ", ".join(coverage.claims_of[statement.anchor])
        else:
            why = coverage.marks.get(statement.anchor, "no claim quotes it")
        lines += [
            f"{statement.anchor}  line {statement.line}  {_first_line(statement)}",
            f"    {state}: {why}",
        ]
    return lines


def report(coverage: Coverage, every_statement: bool = False) -> List[str]:
    """What ``concurrency-spec coverage`` prints: it ends with the summary line."""
    lines = statement_lines(coverage) + [""] if every_statement else []
    lines += table(coverage)
    uncovered = coverage.uncovered()
    if uncovered:
        lines += ["", "uncovered (quote them in a claim, or mark them in spec/document/not_normative.toml):"]
        lines += [f"  {s.anchor}  line {s.line}  {_first_line(s)}" for s in uncovered]
    if coverage.problems:
        lines += ["", "problems:"] + [f"  {problem}" for problem in coverage.problems]
    return [*lines, summary(coverage)]


def main(every_statement: bool = False) -> int:
    coverage = compute()
    print("\n".join(report(coverage, every_statement)))
    return 1 if coverage.problems or coverage.uncovered() else 0
