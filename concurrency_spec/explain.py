"""``concurrency-spec explain <claim id | §N.N>``: one claim, or one section, in the terminal.

For a claim: the document's words it quotes (with their lines), its English sentence, its tests with
file:line and their first lines, and the last verdicts known (the results ``concurrency-spec doc``
shows: ``.results`` and ``.matrix`` by default). For a section (``§2.3``, ``2.3``; ``§2`` takes its
subsections too): its statements, each with the claims that quote it or why it is not normative, then
every claim of the section with its tests and verdicts. An unknown id or section is a usage error.
"""

from __future__ import annotations

import argparse
import difflib
from pathlib import Path
from typing import Iterable, List

from concurrency_spec import options, sections
from concurrency_spec.claims import BASES, Claim, load_catalogue, sorted_claims
from concurrency_spec.coverage import Coverage, compute
from concurrency_spec.document import Document
from concurrency_spec.options import UsageError
from concurrency_spec.report.living import KIND_NAMES, groups_from
from concurrency_spec.report.proofs import Group, SpecTest, spec_tests, tests_by_claim, verdicts_of

PROG = "concurrency-spec explain"
INDENT = "    "


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("target", metavar="CLAIM|§N.N", help="a claim id, or a section (§2.3, 2.3, §5)")
    parser.add_argument(
        "--results",
        action="append",
        type=Path,
        default=[],
        metavar="PATH",
        help="results to take the verdicts from (repeatable; default: .results and .matrix when present)",
    )


def run(args: argparse.Namespace) -> int:
    print("\n".join(explain(args.target, groups_from(args.results))))
    return 0


def explain(target: str, groups: List[Group]) -> List[str]:
    catalogue, coverage = load_catalogue(), compute()
    if target in catalogue:
        return claim_lines(catalogue[target], coverage.document, groups)
    number = "§" + target.strip().lstrip("§")
    if any(section.number == number for section in coverage.document.sections):
        return section_lines(coverage, number, groups)
    raise UsageError(f"{PROG}: no claim or section {target!r}{_did_you_mean(target, catalogue)}")


def _did_you_mean(target: str, claim_ids: Iterable[str]) -> str:
    close = difflib.get_close_matches(target, list(claim_ids), n=1)
    hint = f"did you mean {close[0]}? " if close else ""
    return f" ({hint}`concurrency-spec catalogue` lists the claims; sections are §1 to §10, e.g. §2.3)"


# ------------------------------------------------------------------------------------------ a claim


def claim_lines(claim: Claim, document: Document, groups: List[Group]) -> List[str]:
    lines = [f"{claim.id}  {sections.title(claim.section)}", "", "the document says:"]
    lines += quote_lines(claim, document)
    lines += ["", "the claim:", f"{INDENT}{claim.text}"]
    where = f"; applies where {', '.join(claim.requires)}" if claim.requires else ""
    lines.append(f"{INDENT}({BASES[claim.basis]}{where})")
    tests = tests_by_claim(spec_tests()).get(claim.id, [])
    lines += ["", f"its tests ({len(tests)}):"] + [line for test in tests for line in test_lines(test)]
    lines += ["", "the last verdicts known:"] + verdict_lines(claim.id, groups)
    return lines


def quote_lines(claim: Claim, document: Document) -> List[str]:
    """Each quote with the line it starts on."""
    lines = []
    for quote in claim.quote:
        start, problem = document.locate(quote, claim.section)
        where = f"line {document.text.count(chr(10), 0, start) + 1}" if start >= 0 else problem
        first, *rest = quote.splitlines() or [""]
        lines.append(f"{INDENT}{where}: {first}")
        lines += [f"{INDENT}{' ' * (len(where) + 2)}{line}" for line in rest]
    return lines


def test_lines(test: SpecTest, count: int = 4) -> List[str]:
    lines = [f"{INDENT}{test.where}  {test.name}"]
    return lines + [f"{INDENT * 2}{line}" for line in test.first_lines(count)]


def verdict_lines(claim_id: str, groups: List[Group]) -> List[str]:
    if not groups:
        return [f"{INDENT}not run yet (python3 dev.py spec, concurrency-spec matrix)"]
    return [f"{INDENT}{_source(group)}: {verdict_text(group, claim_id)}" for group in groups]


def _source(group: Group) -> str:
    when = f", finished {group.finished}" if group.finished else ""
    return f"{group.kind} ({group.source}{when})"


def verdict_text(group: Group, claim_id: str) -> str:
    """``pass on all 6``, or ``pass py39 py311; FAIL py310 (its reason)``."""
    found = verdicts_of(group, claim_id)
    if len(found) == 1 and not found[0].reasons:
        return f"{found[0].label} on all {len(found[0].labels)}"
    parts = []
    for verdicts in found:
        why = f" ({'; '.join(verdicts.reasons)})" if verdicts.reasons else ""
        parts.append(f"{verdicts.label} {' '.join(verdicts.labels)}{why}")
    return "; ".join(parts)


# ---------------------------------------------------------------------------------------- a section


def section_lines(coverage: Coverage, number: str, groups: List[Group]) -> List[str]:
    claims = [c for c in sorted_claims(load_catalogue()) if options.in_sections([c.section], [number])]
    lines = [sections.title(number), ""]
    lines += statement_lines(coverage, number)
    lines += ["", f"its claims ({len(claims)}):"]
    tests = tests_by_claim(spec_tests())
    for claim in claims:
        lines += ["", f"{claim.id}: {claim.text}"]
        lines += [f"{INDENT}{test.where}  {test.name}" for test in tests.get(claim.id, [])]
        lines += verdict_lines(claim.id, groups)
    return lines


def statement_lines(coverage: Coverage, number: str) -> List[str]:
    """Each statement of the section (its subsections included): line, kind, first line, and the claims
    quoting it or why it is not normative."""
    lines = []
    for statement in coverage.document.statements:
        if not options.in_sections([statement.section], [number]) or statement.kind == "comment":
            continue
        text = statement.text.splitlines()
        more = " …" if len(text) > 1 else ""
        lines.append(
            f"line {statement.line:<4} {KIND_NAMES.get(statement.kind, statement.kind):<12} {text[0]}{more}"
        )
        ids = coverage.claims_of.get(statement.anchor, [])
        reason = coverage.marks.get(statement.anchor, "no claim quotes it")
        lines.append(f"{INDENT}{'claims: ' + ', '.join(ids) if ids else 'not normative: ' + reason}")
    return lines
