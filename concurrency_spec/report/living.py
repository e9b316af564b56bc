"""The living document: the tutorial as one self-contained HTML page, every statement beside what it
claims and how that is proven.

    concurrency-spec doc [RESULTS ...] [-o FILE]

Section by section, the document's own text (``spec/document/week08.txt``, as parsed by
``concurrency_spec.document``) stands on the left; beside each statement, on the right, the claims
whose quotes fall within it: the claim's id, its English sentence, the document's words it quotes, its
verdicts in every environment and implementation of the results given, and the sources of its tests
(folded, with file:line). A statement marked not normative says so, with the reason. In a program, the
lines a claim quotes carry the claim's number. A claim quoting several statements is shown whole
beside the first one of its own section, and named beside the others.

Without RESULTS, the verdicts are the latest known: the interpreters of ``python3 dev.py spec``
(``.results``) and the implementations of ``concurrency-spec matrix`` (``.matrix``); with none, every
claim says "not run yet".
"""

from __future__ import annotations

import argparse
import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Set

from concurrency_spec import outcomes, sections
from concurrency_spec.claims import BASES, STDLIB, Claim, load_catalogue
from concurrency_spec.coverage import Coverage, compute, summary
from concurrency_spec.document import FRONT, Document, Section, Statement
from concurrency_spec.options import UsageError
from concurrency_spec.report.model import INCOMPLETE, Environment
from concurrency_spec.report.page import breakable, render, with_code
from concurrency_spec.report.page import escape as _e
from concurrency_spec.report.proofs import (
    Group,
    SpecTest,
    Verdicts,
    default_paths,
    load_groups,
    spec_tests,
    tests_by_claim,
    verdicts_of,
)
from concurrency_spec.results import write_atomically

PROG = "concurrency-spec doc"
DEFAULT_OUTPUT = Path("document.html")
TITLE = "Week 08: 并发编程 — the living document"
HEADING = "heading "  # a place that is a section's heading: "heading §5.9"
LEGEND = (outcomes.PASSED, outcomes.FAILED, outcomes.DEVIATION, outcomes.NOT_APPLICABLE, outcomes.SKIPPED)
KIND_NAMES = {
    "paragraph": "paragraph",
    "item": "list item",
    "header": "table header",
    "row": "table row",
    "diagram": "diagram",
    "code": "program",
}


# ------------------------------------------------------------------------------------- placement


@dataclass
class Placement:
    """Where each claim sits: the statements and headings its quotes fall within, the lines they are on."""

    by_statement: Dict[str, List[str]]  # statement anchor -> claim ids
    by_heading: Dict[str, List[str]] = field(default_factory=dict)  # section number -> claim ids
    lines: Dict[str, Set[int]] = field(default_factory=dict)  # claim id -> lines of the document


def place(document: Document, claims: Sequence[Claim], by_statement: Dict[str, List[str]]) -> Placement:
    placement = Placement(by_statement)
    for claim in claims:
        for quote in claim.quote:
            start, _ = document.locate(quote, claim.section)
            if start < 0:
                continue
            end = start + len(quote)
            first = document.text.count("\n", 0, start) + 1
            placement.lines.setdefault(claim.id, set()).update(
                range(first, first + document.text.count("\n", start, end) + 1)
            )
            heading = document.heading_holding(start, end)
            if heading is not None and claim.id not in placement.by_heading.get(heading.number, []):
                placement.by_heading.setdefault(heading.number, []).append(claim.id)
    return placement


def home_of(claim: Claim, document: Document, placement: Placement) -> str:
    """Where a claim is shown whole: the first statement (or heading) of its own section it quotes,
    else the first it quotes anywhere."""
    places = [s.anchor for s in document.statements if claim.id in placement.by_statement.get(s.anchor, [])]
    places += [HEADING + number for number, ids in placement.by_heading.items() if claim.id in ids]
    own = [p for p in places if _section_of(p) == claim.section]
    return (own or places or [""])[0]


def _section_of(place: str) -> str:
    """The section of a place: ``§2.3`` of ``§2.3/code-8efa5c`` and of ``heading §2.3``."""
    return place.split("/")[0].replace(HEADING, "")


# ------------------------------------------------------------------------------------------ page


@dataclass
class Page:
    """Everything the page is rendered from. A place is a statement's anchor, or ``heading §N.N``."""

    coverage: Coverage
    catalogue: Dict[str, Claim]
    placement: Placement
    tests: Dict[str, List[SpecTest]]
    groups: List[Group]
    homes: Dict[str, str] = field(default_factory=dict)  # claim id -> the place it is shown whole

    @property
    def document(self) -> Document:
        return self.coverage.document

    def claims_at(self, place: str) -> List[Claim]:
        if place.startswith(HEADING):
            ids = self.placement.by_heading.get(place[len(HEADING) :], [])
        else:
            ids = self.placement.by_statement.get(place, [])
        return [self.catalogue[i] for i in ids if i in self.catalogue]


def build_page(groups: List[Group]) -> Page:
    coverage = compute()
    catalogue = load_catalogue()
    placement = place(coverage.document, list(catalogue.values()), coverage.claims_of)
    page = Page(coverage, catalogue, placement, tests_by_claim(spec_tests()), groups)
    page.homes = {c.id: home_of(c, coverage.document, placement) for c in catalogue.values()}
    return page


def html_document(groups: List[Group], generated: Optional[str] = None) -> str:
    page = build_page(groups)
    generated = generated or datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return render(
        "document",
        TITLE,
        subtitle=_e(f"{summary(page.coverage)} · generated {generated}"),
        sources=_sources(groups),
        legend=_legend(),
        toc=_toc(page.document),
        sections="\n".join(_section(page, s) for s in page.document.sections),
    )


def _sources(groups: List[Group]) -> str:
    if not groups:
        return (
            '<p class="not-yet">No results yet: every claim below says <em>not run yet</em>. '
            "<code>python3 dev.py spec</code> runs the spec on every interpreter, "
            "<code>concurrency-spec matrix</code> against every implementation; then "
            "<code>concurrency-spec doc</code> again.</p>"
        )
    items = []
    for group in groups:
        columns = ", ".join(_column(env) for env in group.report.ran)
        when = f", finished {_e(group.finished)}" if group.finished else ""
        items.append(
            f"<li><strong>{_e(group.kind)}</strong> (<code>{_e(group.source)}</code>{when}): {columns}</li>"
        )
    return f'<p>The verdicts are those of these results:</p><ul class="sources">{"".join(items)}</ul>'


def _column(env: Environment) -> str:
    """A column's label, its interpreter when hovered; one that did not finish says so."""
    label = f'<span title="{_e(env.interpreter)}">{_e(env.label)}</span>'
    return label if env.status != INCOMPLETE else f"{label} <em>({_e(env.reason)})</em>"


def _legend() -> str:
    items = [
        f'<span><span class="pill {v}">{_e(outcomes.label(v))}</span> {_e(outcomes.OUTCOMES[v].meaning)}'
        "</span>"
        for v in LEGEND
    ]
    return '<div class="legend">' + "".join(items) + "</div>"


def _toc(document: Document) -> str:
    links = []
    for section in document.sections:
        if section.number == FRONT:
            continue
        css = ' class="subsection"' if "." in section.number else ""
        links.append(f'<a{css} href="#{_id(section.number)}">{_e(sections.title(section.number))}</a>')
    return "".join(links)


def _id(section: str) -> str:
    return "s" + section.lstrip("§").replace(".", "-")


def _heading_text(section: Section) -> str:
    if section.number == FRONT:
        return "Before §1: the page's header, the title and the aim"
    gloss = sections.TITLES.get(section.number, ("", ""))[1]
    words = f"{section.number.lstrip('§')} {section.title}" if section.heading else section.number
    return f'<span lang="zh-Hans">{_e(words)}</span><span class="gloss">{_e(gloss)}</span>'


def _section(page: Page, section: Section) -> str:
    level = "h3" if "." in section.number else "h2"
    heading = f'<{level} id="{_id(section.number)}">{_heading_text(section)}</{level}>'
    heading_claims = page.claims_at(HEADING + section.number)
    if heading_claims:
        heading = _statement_row(page, heading, HEADING + section.number, heading_claims, "heading")
    own = [s for s in page.document.statements if s.section == section.number and s.kind != "comment"]
    rows = [heading] + [_statement(page, statement) for statement in own]
    opening = '<section class="part">' if level == "h2" else ""
    closing = "</section>" if _last_of_part(page.document, section) else ""
    return opening + "\n".join(rows) + closing


def _last_of_part(document: Document, section: Section) -> bool:
    index = document.sections.index(section)
    later = document.sections[index + 1 :]
    return not later or "." not in later[0].number


def _statement(page: Page, statement: Statement) -> str:
    claims = page.claims_at(statement.anchor)
    if statement.kind == "code":
        claims = sorted(claims, key=lambda c: min(page.placement.lines.get(c.id, {0})))
        words = _program(page, statement, claims)
    else:
        words = _words(statement)
    return _statement_row(page, words, statement.anchor, claims, statement.kind)


def _statement_row(page: Page, words: str, place: str, claims: List[Claim], kind: str) -> str:
    anchor = "" if place.startswith(HEADING) else f' id="{_e(place)}"'
    return (
        f'<div class="stmt"{anchor}><div class="words {kind}">{words}</div>'
        f'<div class="proof">{_proof(page, place, claims, numbered=kind == "code")}</div></div>'
    )


def _words(statement: Statement) -> str:
    kind = KIND_NAMES.get(statement.kind, statement.kind)
    label = f'<span class="kind">{_e(kind)} · line {statement.line}</span>'
    if statement.kind == "diagram":
        lines = "".join(f'<span class="line">{_e(line)}</span>' for line in statement.text.splitlines())
        return f'{label}<pre lang="zh-Hans">{lines}</pre>'
    return f'{label}<p lang="zh-Hans">{_e(statement.text)}</p>'


def _program(page: Page, statement: Statement, claims: List[Claim]) -> str:
    """The program, line by line with the document's line numbers; the lines a claim quotes carry its
    number, the commented lines (statements of their own) their anchor."""
    comments = {
        s.line: s.anchor
        for s in page.document.statements
        if s.kind == "comment" and statement.span.holds(s.span.start, s.span.end)
    }
    out = []
    for number, text in enumerate(statement.text.splitlines(), start=statement.line):
        badges = "".join(
            f'<a class="badge" href="#{_claim_id(c.id, statement.anchor)}" title="{_e(c.id)}">{i}</a>'
            for i, c in enumerate(claims, 1)
            if number in page.placement.lines.get(c.id, set())
        )
        anchor = f' id="{_e(comments[number])}"' if number in comments else ""
        css = "line stated" if number in comments else "line"
        out.append(f'<span class="{css}"{anchor}><span class="n">{number}</span>{_e(text)}{badges}</span>')
    label = f'<span class="kind">program · lines {statement.line}–{statement.line + len(out) - 1}</span>'
    return f'{label}<pre lang="zh-Hans">{"".join(out)}</pre>'


def _claim_id(claim_id: str, place: str) -> str:
    return f"claim-{claim_id}@{place}"


def _proof(page: Page, place: str, claims: List[Claim], numbered: bool) -> str:
    if not claims:
        reason = page.coverage.marks.get(place)
        if reason:
            return f'<p class="not-normative"><strong>Not normative:</strong> {_e(reason)}</p>'
        return '<p class="uncovered">No claim quotes this statement (uncovered).</p>'
    return "".join(_claim(page, claim, place, i if numbered else 0) for i, claim in enumerate(claims, 1))


def _claim(page: Page, claim: Claim, place: str, number: int) -> str:
    badge = f'<span class="badge">{number}</span> ' if number else ""
    tags = "".join(f'<span class="tag">{_e(r)}</span>' for r in claim.requires)
    if claim.basis == STDLIB:
        tags = f'<span class="tag" title="{_e(BASES[STDLIB])}">standard-library detail</span>' + tags
    head = f'<header>{badge}<code class="id">{_e(claim.id)}</code>{tags}</header>'
    text = f'<p class="text">{with_code(claim.text)}</p>'
    home = page.homes.get(claim.id, place)
    if home != place:
        link = f'<a href="#{_claim_id(claim.id, home)}">{_e(_describe(page, home))}</a>'
        seen = f'<p class="seen">Its quotes, verdicts and tests: beside {link}.</p>'
        return f'<article class="claim" id="{_claim_id(claim.id, place)}">{head}{text}{seen}</article>'
    verdicts = [v for group in page.groups for v in verdicts_of(group, claim.id)]
    css = _standing([v.verdict for v in verdicts])
    return (
        f'<article class="claim{css}" id="{_claim_id(claim.id, place)}">{head}{text}{_quotes(claim)}'
        f"{_verdicts(page, claim)}{_tests(page.tests.get(claim.id, []))}</article>"
    )


def _describe(page: Page, place: str) -> str:
    """``the program on line 78 (§2.3)``, ``the heading of §5.9``."""
    if place.startswith(HEADING):
        return f"the heading of {place[len(HEADING) :]}"
    statement = page.document.statement(place)
    kind = KIND_NAMES.get(statement.kind, statement.kind)
    return f"the {kind} on line {statement.line} ({statement.section})"


def _standing(verdicts: List[Optional[str]]) -> str:
    if outcomes.FAILED in verdicts:
        return " failing"
    return " deviating" if outcomes.DEVIATION in verdicts else ""


def _quotes(claim: Claim) -> str:
    quotes = " ".join(f'<q lang="zh-Hans">{_e(q)}</q>' for q in claim.quote)
    return f'<p class="quote">the document’s words: {quotes}</p>'


def _verdicts(page: Page, claim: Claim) -> str:
    if not page.groups:
        return '<p class="verdicts"><span class="not-yet">not run yet</span></p>'
    return '<div class="verdicts">' + "".join(_group_verdicts(g, claim.id) for g in page.groups) + "</div>"


def _group_verdicts(group: Group, claim_id: str) -> str:
    """``pass on all 9 interpreters``, or each verdict with the columns that came to it and its reasons."""
    found = verdicts_of(group, claim_id)
    if len(found) == 1:
        labels = " ".join(found[0].labels)
        where = f'on all {len(group.report.ran)} <span title="{_e(labels)}">{_e(group.kind)}</span>'
        return f'<span class="group">{_pill(found[0])} {where}{_why(found[0])}</span>'
    parts = [f'{_pill(v)} <span class="labels">{_e(" ".join(v.labels))}</span>{_why(v)}' for v in found]
    return f'<span class="group"><span class="what">{_e(group.kind)}:</span> {" ".join(parts)}</span>'


def _pill(verdicts: Verdicts) -> str:
    return f'<span class="pill {verdicts.css}">{_e(verdicts.label)}</span>'


def _why(verdicts: Verdicts) -> str:
    css = "why bad" if verdicts.verdict == outcomes.FAILED else "why"
    return "".join(f'<span class="{css}">{with_code(text)}</span>' for text in verdicts.reasons)


def _tests(tests: List[SpecTest]) -> str:
    if not tests:
        return '<p class="none-here">No test of this claim is readable by this interpreter.</p>'
    return "".join(
        f'<details class="source"><summary><code>{breakable(t.name)}</code> '
        f'<span class="where">{breakable(t.where)}</span>'
        f"</summary><pre>{_e(t.source)}</pre></details>"
        for t in tests
    )


# ----------------------------------------------------------------------------------- command line


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "results",
        nargs="*",
        type=Path,
        help="folders of results files, or files, each a set of columns (default: the latest of "
        "`python3 dev.py spec` in .results, and of `concurrency-spec matrix` in .matrix, when present)",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        metavar="FILE",
        help=f"where to write the page (default: {DEFAULT_OUTPUT})",
    )


def groups_from(paths: Sequence[Path]) -> List[Group]:
    """The results named (the default ones when none), one group each; a usage error when one is not
    results."""
    try:
        return load_groups(list(paths) or default_paths())
    except (OSError, ValueError) as error:
        raise UsageError(f"{PROG}: {error}") from None


def run(args: argparse.Namespace) -> int:
    groups = groups_from(args.results)
    write_atomically(args.output, html_document(groups))
    shown = ", ".join(f"{g.kind} from {g.source}" for g in groups) or "no results yet"
    print(f"living document: {args.output} ({shown})")
    return 0
