"""Merge the results of several runs (one JSON file per tox environment) into one report.

    python -m harness report [RESULTS ...] [--html FILE] [--markdown FILE] [--no-html]

RESULTS are directories of ``*.json`` files written by ``pytest --results-json`` (default
``.results``) or single such files. The report has the claims of the document as rows, grouped by
section, and the environments as columns; each cell is the verdict of the claim in that
environment: the worst outcome among the tests that name it (FAIL > dev > pass > skip > n/a).

Output: a table on the terminal, ``report.html`` (self-contained, standard library only) and,
with ``--markdown``, a Markdown version. Exit status: 1 if any claim failed in any environment,
0 otherwise (2 when there is nothing to report).
"""

from __future__ import annotations

import argparse
import datetime
import html
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

#: Outcomes from worst to best: a cell shows the worst outcome of the claim's tests.
RANK = {"failed": 4, "deviation": 3, "passed": 2, "skipped": 1, "not-applicable": 0}
LABEL = {
    "failed": "FAIL",
    "deviation": "dev",
    "passed": "pass",
    "skipped": "skip",
    "not-applicable": "n/a",
    None: "–",
}
MEANING = {
    "failed": "a test of the claim failed: the implementation does not meet it here",
    "deviation": "declared deviation: the implementation says it does not meet the claim, and it does not",
    "passed": "every applicable test of the claim passed",
    "skipped": "the claim's tests were skipped (not for a requirement of the claim)",
    "not-applicable": "the claim's requirements are not met here (the reason is in the cell's tooltip)",
    None: "no result: the claim was not run in this environment",
}
LEGEND = {
    "passed": "every applicable test passed",
    "failed": "a test failed",
    "deviation": "declared deviation (a strict expected failure)",
    "not-applicable": "not applicable here (reason in the tooltip)",
    "skipped": "skipped for another reason",
    None: "not run here",
}
NOT_APPLICABLE_PREFIX = "not applicable: "

NOTE = (
    "A verdict says what happened when the spec's tests ran in that environment: “pass” means every "
    "test that names the claim and applies there passed. It is evidence, not a proof: the tests check the "
    "document's claims on particular inputs, and a claim about time (marked “performance”) is a generous "
    "one-sided bound measured on that machine, reported “n/a” when its cores were busy. “n/a” means the "
    "claim does not apply there (for example a GIL claim on a free-threaded build, or a claim needing two "
    "free cores under tox's parallel mode); it is neither a pass nor a failure. “dev” is a deviation the "
    "implementation declares, run as a strict expected failure. Conforming to every claim means conforming "
    "to the claims of one tutorial as they are tested here, not to Python's concurrency semantics at large."
)


@dataclass
class Environment:
    """One results file: the facts of the environment and the outcome of every test."""

    label: str
    source: Path
    facts: Dict[str, Any]
    claims: Dict[str, Dict[str, Any]]
    deviations: Dict[str, str]
    tests: List[Dict[str, Any]]

    @property
    def interpreter(self) -> str:
        facts = self.facts
        name = {"cpython": "CPython", "pypy": "PyPy"}.get(
            str(facts.get("implementation", "")), str(facts.get("implementation", "")) or "Python"
        )
        text = f"{name} {facts.get('python', '?')}"
        if facts.get("gil") is False:
            text += " (free-threaded)"
        return text

    def sort_key(self) -> Tuple[Any, ...]:
        version = tuple(int(p) for p in str(self.facts.get("python", "0")).split(".") if p.isdigit())
        return (self.facts.get("implementation") != "cpython", version, self.label)


@dataclass
class Cell:
    """The verdict of one claim in one environment, with the tests behind it."""

    verdict: Optional[str]
    entries: List[Dict[str, Any]] = field(default_factory=list)


@dataclass
class Report:
    environments: List[Environment]
    claims: List[Dict[str, Any]]  # the union of the catalogues, sorted by section
    cells: Dict[Tuple[str, str], Cell]  # (claim id, environment label) -> cell

    def cell(self, claim_id: str, label: str) -> Cell:
        return self.cells.get((claim_id, label), Cell(None))

    def counts(self, label: str) -> Dict[Optional[str], int]:
        counts: Dict[Optional[str], int] = {}
        for claim in self.claims:
            verdict = self.cell(claim["id"], label).verdict
            counts[verdict] = counts.get(verdict, 0) + 1
        return counts

    def failures(self) -> List[Tuple[Dict[str, Any], Environment, Dict[str, Any]]]:
        found = []
        for claim in self.claims:
            for env in self.environments:
                for entry in self.cell(claim["id"], env.label).entries:
                    if entry.get("outcome") not in RANK or entry.get("outcome") == "failed":
                        found.append((claim, env, entry))
        return found

    @property
    def failed(self) -> bool:
        return any(cell.verdict == "failed" for cell in self.cells.values())


# ---------------------------------------------------------------------------------------- loading


def result_files(paths: Sequence[Path]) -> List[Path]:
    files: List[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.glob("*.json")))
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"no such results directory or file: {path}")
    return files


def load_environment(path: Path) -> Environment:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "tests" not in data or "facts" not in data:
        raise ValueError(f"{path}: not a results file of `pytest --results-json` (no facts/tests)")
    facts = dict(data.get("facts") or {})
    return Environment(
        label=str(facts.get("env") or path.stem),
        source=path,
        facts=facts,
        claims={str(c["id"]): c for c in data.get("claims", []) if "id" in c},
        deviations=dict(data.get("deviations") or {}),
        tests=list(data.get("tests") or []),
    )


def _section_key(section: str) -> Tuple[int, ...]:
    return tuple(int(d) for d in section.lstrip("§").split(".") if d.isdigit())


def _unique_labels(environments: List[Environment]) -> None:
    seen: Dict[str, int] = {}
    for env in environments:
        seen[env.label] = seen.get(env.label, 0) + 1
    for env in environments:
        if seen[env.label] > 1:
            env.label = f"{env.label} ({env.source.stem})"


def worst(outcomes: Iterable[str]) -> Optional[str]:
    """The verdict of a cell: the worst outcome; an unknown outcome counts as a failure."""
    ranked = [o if o in RANK else "failed" for o in outcomes]
    return max(ranked, key=lambda o: RANK[o]) if ranked else None


def build(environments: List[Environment], order: Optional[Sequence[str]] = None) -> Report:
    """The report of these environments: by interpreter, or in ``order`` (of labels) when given."""
    if order is not None:
        rank = {label: i for i, label in enumerate(order)}
        environments = sorted(environments, key=lambda env: rank.get(env.label, len(rank)))
    else:
        environments = sorted(environments, key=Environment.sort_key)
    _unique_labels(environments)
    catalogue: Dict[str, Dict[str, Any]] = {}
    for env in environments:
        catalogue.update(env.claims)
    cells: Dict[Tuple[str, str], Cell] = {}
    for env in environments:
        for entry in env.tests:
            for claim_id in entry.get("claims", []):
                catalogue.setdefault(
                    claim_id, {"id": claim_id, "section": "?", "text": "(not in the catalogue)"}
                )
                cells.setdefault((claim_id, env.label), Cell(None)).entries.append(entry)
    for cell in cells.values():
        cell.verdict = worst(str(e.get("outcome")) for e in cell.entries)
    claims = sorted(catalogue.values(), key=lambda c: (_section_key(str(c.get("section", ""))), str(c["id"])))
    return Report(environments, claims, cells)


def load(paths: Sequence[Path], order: Optional[Sequence[str]] = None) -> Report:
    return build([load_environment(path) for path in result_files(paths)], order)


# ------------------------------------------------------------------------------------ descriptions


def _test_name(entry: Dict[str, Any]) -> str:
    nodeid = str(entry.get("test") or "")
    name = nodeid.split("::")[-1]
    return name.split("[")[0]


def _reason(entry: Dict[str, Any], limit: int = 300) -> str:
    reason = str(entry.get("reason") or "").strip()
    if reason.startswith(NOT_APPLICABLE_PREFIX):
        reason = reason[len(NOT_APPLICABLE_PREFIX) :]
    reason = reason.splitlines()[0] if reason else ""
    return reason if len(reason) <= limit else reason[: limit - 1] + "…"


def breakdown(cell: Cell) -> List[str]:
    """One line per test of the cell, ``[spawn] FAIL: reason``; with the test's name if there are several."""
    names = {_test_name(e) for e in cell.entries}
    lines = []
    for entry in cell.entries:
        outcome = str(entry.get("outcome"))
        params = f"[{entry['params']}]" if entry.get("params") else ""
        name = _test_name(entry)
        where = f"{name}{params}" if len(names) > 1 or not params else params
        line = f"{where or 'claim'} {LABEL.get(outcome, outcome)}"
        reason = _reason(entry)
        if reason and outcome != "passed":
            line += f": {reason}"
        lines.append(line)
    return lines


def _header_line(env: Environment) -> str:
    extra = [] if env.facts.get("impl", "reference") == "reference" else [f"impl {env.facts.get('impl')}"]
    return " ".join([env.interpreter, *extra])


def _count_text(counts: Dict[Optional[str], int]) -> str:
    parts = [
        f"{counts[v]} {LABEL[v]}"
        for v in ("passed", "failed", "deviation", "skipped", "not-applicable", None)
        if counts.get(v)
    ]
    return ", ".join(parts) or "no claims"


def _sections(claims: List[Dict[str, Any]]) -> List[Tuple[str, List[Dict[str, Any]]]]:
    groups: List[Tuple[str, List[Dict[str, Any]]]] = []
    for claim in claims:
        section = str(claim.get("section", "?"))
        if not groups or groups[-1][0] != section:
            groups.append((section, []))
        groups[-1][1].append(claim)
    return groups


# ---------------------------------------------------------------------------------------- terminal

_COLOURS = {
    "failed": "\033[1;31m",
    "deviation": "\033[33m",
    "passed": "\033[32m",
    "skipped": "\033[2m",
    "not-applicable": "\033[2m",
    None: "\033[2m",
}


def _use_colour(stream: Any) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR") or os.environ.get("PY_COLORS") == "1":
        return True
    return bool(getattr(stream, "isatty", lambda: False)())


def claim_list(report: Report) -> str:
    """Every claim with its verdict, one per line, for a run of one environment (``concurrency-spec run``)."""
    lines = []
    for env in report.environments:
        lines.append(f"verdicts of {_header_line(env)} ({env.label}):")
        for section, claims in _sections(report.claims):
            for claim in claims:
                cell = report.cell(claim["id"], env.label)
                lines.append(f"  {LABEL[cell.verdict]:5} {section:6} {claim['id']}")
                if cell.verdict in ("failed", "deviation", "not-applicable"):
                    reasons = sorted({_reason(e) for e in cell.entries if e.get("outcome") == cell.verdict} - {""})
                    lines.extend(f"{'':15}{reason}" for reason in reasons[:3])
        lines.append(f"{env.label}: {_count_text(report.counts(env.label))}")
    return "\n".join(lines) + "\n"


def terminal(report: Report, colour: bool = False) -> str:
    envs = report.environments
    id_width = max([len(c["id"]) + 4 for c in report.claims] + [24])
    widths = [max(6, len(env.label), len(_version_cell(env))) for env in envs]

    def paint(text: str, verdict: Optional[str]) -> str:
        return f"{_COLOURS[verdict]}{text}\033[0m" if colour else text

    lines = [
        "claim".ljust(id_width) + "  ".join(env.label.ljust(w) for env, w in zip(envs, widths)),
        "".ljust(id_width) + "  ".join(_version_cell(env).ljust(w) for env, w in zip(envs, widths)),
    ]
    lines.append("-" * len(lines[0]))
    for section, claims in _sections(report.claims):
        lines.append(section)
        for claim in claims:
            row = ("  " + claim["id"]).ljust(id_width)
            cells = []
            for env, width in zip(envs, widths):
                verdict = report.cell(claim["id"], env.label).verdict
                cells.append(paint(LABEL[verdict].ljust(width), verdict))
            lines.append(row + "  ".join(cells))
    lines.append("-" * len(lines[0]))
    for env in envs:
        lines.append(f"{env.label}: {_header_line(env)}: {_count_text(report.counts(env.label))}")
    failures = report.failures()
    if failures:
        lines.append("")
        lines.append(paint(f"{len(failures)} failing test(s):", "failed"))
        for claim, env, entry in failures:
            lines.append(f"  {env.label}  {claim['id']}  {entry.get('test') or '(no test)'}")
            if _reason(entry):
                lines.append(f"      {_reason(entry)}")
    return "\n".join(lines) + "\n"


def _version_cell(env: Environment) -> str:
    implementation = str(env.facts.get("implementation", ""))
    prefix = "" if implementation == "cpython" else f"{implementation}-"
    suffix = "t" if env.facts.get("gil") is False else ""
    return f"{prefix}{env.facts.get('python', '?')}{suffix}"


# -------------------------------------------------------------------------------------------- HTML

_CSS = """
:root { --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #b42318; --fail-bg: #ffe1dc; --dev: #9a6700;
  --dev-bg: #fff1c2; --na: #57606a; --na-bg: #eef1f4; --line: #d8dee4; --muted: #57606a; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328;
  margin: 0; padding: 24px 32px 48px; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 32px 0 8px; }
.sub { color: var(--muted); margin: 0 0 16px; }
.verdict { display: inline-block; padding: 2px 10px; border-radius: 12px; font-weight: 600; }
.verdict.ok { background: var(--pass-bg); color: var(--pass); }
.verdict.bad { background: var(--fail-bg); color: var(--fail); }
.note { background: #f6f8fa; border: 1px solid var(--line); border-left: 4px solid #8c959f;
  border-radius: 6px; padding: 10px 14px; max-width: 980px; color: #333; }
.legend { margin: 14px 0 6px; display: flex; flex-wrap: wrap; gap: 6px 18px; color: var(--muted);
  font-size: 13px; }
.table-wrap { border: 1px solid var(--line); border-radius: 6px; width: max-content; max-width: none; }
table.claims { border-collapse: separate; border-spacing: 0; }
table.claims th, table.claims td { border-bottom: 1px solid var(--line); padding: 6px 10px;
  vertical-align: top; }
table.claims thead th { position: sticky; top: 0; z-index: 2; background: #f6f8fa; text-align: center;
  font-weight: 600; border-bottom: 2px solid #afb8c1; white-space: nowrap; }
table.claims thead th.claim-col { text-align: left; }
table.claims thead .ver { display: block; font-weight: 400; color: var(--muted); font-size: 12px; }
table.claims thead .count { display: block; font-weight: 400; font-size: 11px; color: var(--muted); }
tr.section td { background: #eaeef2; font-weight: 700; }
tr.section { scroll-margin-top: 110px; }
th.claim-col, td.claim { min-width: 460px; width: 560px; }
table.claims thead .impl { display: block; font-weight: 400; font-size: 11px; color: var(--dev);
  white-space: normal; max-width: 180px; margin: 0 auto; }
table.claims thead .count .nfail { color: var(--fail); font-weight: 700; }
nav.sections { margin: 8px 0 14px; font-size: 13px; }
nav.sections a { display: inline-block; margin: 2px 4px 2px 0; padding: 1px 8px; border-radius: 10px;
  border: 1px solid var(--line); color: #0550ae; text-decoration: none; }
nav.sections a.bad { border-color: var(--fail); color: var(--fail); font-weight: 600; }
td.claim code { font-size: 12.5px; color: #0550ae; }
td.claim .text { color: #424a53; font-size: 13px; }
.req { display: inline-block; font-size: 11px; padding: 0 6px; margin-left: 4px; border-radius: 8px;
  border: 1px solid var(--line); color: var(--muted); }
td.cell { text-align: center; white-space: nowrap; min-width: 110px; }
td.cell .which { display: block; font-size: 11px; color: var(--fail); margin-top: 2px; }
.pill { display: inline-block; min-width: 46px; padding: 2px 8px; border-radius: 10px; font-size: 12px;
  font-weight: 600; cursor: default; }
.passed { background: var(--pass-bg); color: var(--pass); }
.failed { background: var(--fail); color: #fff; }
.deviation { background: var(--dev-bg); color: var(--dev); }
.skipped, .not-applicable { background: var(--na-bg); color: var(--na); font-weight: 500; }
.none { color: #afb8c1; }
tbody tr:hover td { background: #f6f8fa; }
tbody tr.section:hover td { background: #eaeef2; }
table.plain { border-collapse: collapse; }
table.plain th, table.plain td { border: 1px solid var(--line); padding: 5px 9px; text-align: left;
  vertical-align: top; }
table.plain th { background: #f6f8fa; }
.fail-list li { margin-bottom: 10px; }
.fail-list pre { white-space: pre-wrap; background: #fff8f7; border: 1px solid #ffcecb; border-radius: 6px;
  padding: 8px 10px; margin: 4px 0 0; font-size: 12px; }
.muted { color: var(--muted); }
"""


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _pill(verdict: Optional[str], title: str) -> str:
    css = verdict if verdict else "none"
    return f'<span class="pill {css}" title="{_e(title)}">{_e(LABEL.get(verdict, str(verdict)))}</span>'


def _cell_title(report: Report, claim: Dict[str, Any], env: Environment) -> str:
    cell = report.cell(claim["id"], env.label)
    head = f"{claim['id']} on {env.label} ({env.interpreter}): {LABEL[cell.verdict]}"
    lines = [head] + breakdown(cell)
    if cell.verdict == "deviation" and claim["id"] in env.deviations:
        lines.append(f"declared: {env.deviations[claim['id']]}")
    if cell.verdict is None:
        lines.append(MEANING[None])
    return "\n".join(lines)


def _anchor(section: str) -> str:
    return "section-" + "-".join(str(n) for n in _section_key(section))


def _count_html(counts: Dict[Optional[str], int]) -> str:
    parts = []
    for verdict in ("passed", "failed", "deviation", "skipped", "not-applicable", None):
        if counts.get(verdict):
            text = _e(f"{counts[verdict]} {LABEL[verdict]}")
            parts.append(f'<span class="nfail">{text}</span>' if verdict == "failed" else text)
    return " · ".join(parts) or "no claims"


def _failing_parameters(cell: Cell) -> str:
    """Which parameters (or tests) of a failed cell with several tests failed: ``spawn, forkserver``."""
    if cell.verdict != "failed" or len(cell.entries) < 2:
        return ""
    failed = [e for e in cell.entries if worst([str(e.get("outcome"))]) == "failed"]
    if len(failed) == len(cell.entries):
        return "all"
    return ", ".join(str(e.get("params") or _test_name(e)) for e in failed)


def html_report(report: Report, generated: Optional[str] = None) -> str:
    generated = generated or datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    envs = report.environments
    failing_claims = sorted({claim["id"] for claim, _, _ in report.failures()})
    if report.failed:
        overall = f'<span class="verdict bad">{len(failing_claims)} claim(s) not met</span>'
    else:
        overall = '<span class="verdict ok">no claim failed</span>'
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Concurrency spec: conformance report</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>Python concurrency: the document's claims, environment by environment</h1>",
        f'<p class="sub">{len(report.claims)} claims × {len(envs)} environment(s) · '
        f"generated {_e(generated)} · "
        f"{overall}</p>",
        f'<div class="note"><strong>What a verdict means.</strong> {_e(NOTE)}</div>',
        '<div class="legend">',
    ]
    for verdict in ("passed", "failed", "deviation", "not-applicable", "skipped", None):
        out.append(f"<span>{_pill(verdict, MEANING[verdict])} {_e(LEGEND[verdict])}</span>")
    out.append("</div>")
    out.append(
        '<p class="muted">Hover over a cell for the outcome of each test and parameter '
        "(start method, event loop, …) and the reason of an n/a or a failure.</p>"
    )

    failing_sections = {claim.get("section") for claim, _, _ in report.failures()}
    out.append('<nav class="sections">Sections: ')
    for section, _ in _sections(report.claims):
        css = ' class="bad"' if section in failing_sections else ""
        out.append(f'<a href="#{_anchor(section)}"{css}>{_e(section)}</a>')
    out.append("</nav>")
    out.append('<div class="table-wrap"><table class="claims"><thead><tr><th class="claim-col">claim</th>')
    for env in envs:
        title = f"{env.facts.get('version', '')}\n{env.facts.get('platform', '')}\nfrom {env.source.name}"
        impl = env.facts.get("impl", "reference")
        impl_html = "" if impl == "reference" else f'<span class="impl">impl: {_e(impl)}</span>'
        counts = _count_html(report.counts(env.label))
        out.append(
            f'<th title="{_e(title)}">{_e(env.label)}<span class="ver">{_e(env.interpreter)}</span>'
            f'{impl_html}<span class="count">{counts}</span></th>'
        )
    out.append("</tr></thead><tbody>")
    for section, claims in _sections(report.claims):
        row = f'<td colspan="{len(envs) + 1}">{_e(section)}</td>'
        out.append(f'<tr class="section" id="{_anchor(section)}">{row}</tr>')
        for claim in claims:
            requires = "".join(f'<span class="req">{_e(r)}</span>' for r in claim.get("requires") or [])
            out.append(
                f'<tr><td class="claim"><code>{_e(claim["id"])}</code>{requires}'
                f'<div class="text">{_e(claim.get("text", ""))}</div></td>'
            )
            for env in envs:
                cell = report.cell(claim["id"], env.label)
                which = _failing_parameters(cell)
                which_html = f'<span class="which">{_e(which)}</span>' if which else ""
                pill = _pill(cell.verdict, _cell_title(report, claim, env))
                out.append(f'<td class="cell">{pill}{which_html}</td>')
            out.append("</tr>")
    out.append("</tbody></table></div>")

    failures = report.failures()
    if failures:
        out.append(f'<h2>Failures ({len(failures)})</h2><ol class="fail-list">')
        for claim, env, entry in failures:
            out.append(
                f"<li><strong>{_e(env.label)}</strong> · <code>{_e(claim['id'])}</code> "
                f"({_e(claim.get('section'))})"
                f" · <code>{_e(entry.get('test') or '(no test)')}</code>"
                f"<pre>{_e(str(entry.get('reason') or '(no reason recorded)'))}</pre></li>"
            )
        out.append("</ol>")

    out.append(
        '<h2>Environments</h2><table class="plain"><thead><tr><th>environment</th><th>interpreter</th>'
        "<th>platform</th><th>cores</th><th>implementation under test</th><th>packages</th></tr>"
        "</thead><tbody>"
    )
    for env in envs:
        facts = env.facts
        packages = ", ".join(f"{k} {v}" for k, v in sorted((facts.get("packages") or {}).items())) or "–"
        contract = f" (contract {facts['impl_contract']})" if facts.get("impl_contract") else ""
        gil = "" if facts.get("gil", True) else '<br><span class="muted">GIL disabled</span>'
        out.append(
            f'<tr><td>{_e(env.label)}<br><span class="muted">{_e(env.source.name)}</span></td>'
            f'<td>{_e(env.interpreter)}<br><span class="muted">{_e(facts.get("version", ""))}</span>'
            f"{gil}</td>"
            f"<td>{_e(facts.get('platform', ''))}</td><td>{_e(facts.get('cores', ''))}</td>"
            f"<td>{_e(facts.get('impl', ''))}{_e(contract)}</td><td>{_e(packages)}</td></tr>"
        )
    out.append("</tbody></table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------- Markdown


def _md(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("*", "\\*").replace("\n", " ")


def markdown_report(report: Report) -> str:
    envs = report.environments
    lines = ["# Python concurrency: the document's claims, environment by environment", ""]
    lines.append(
        "**Failing claims:** "
        + (", ".join(f"`{c}`" for c in sorted({c["id"] for c, _, _ in report.failures()})) or "none")
    )
    lines += ["", f"> {NOTE}", ""]
    lines.append(
        "| claim | " + " | ".join(f"{_md(env.label)}<br>{_md(_header_line(env))}" for env in envs) + " |"
    )
    lines.append("| --- |" + " :---: |" * len(envs))
    for section, claims in _sections(report.claims):
        lines.append(f"| **{_md(section)}** |" + " |" * len(envs))
        for claim in claims:
            cells = []
            for env in envs:
                cell = report.cell(claim["id"], env.label)
                which = _failing_parameters(cell)
                label = f"**{LABEL[cell.verdict]}**" if cell.verdict == "failed" else LABEL[cell.verdict]
                cells.append(f"{label} ({_md(which)})" if which else label)
            lines.append(f"| `{claim['id']}` {_md(claim.get('text', ''))} | " + " | ".join(cells) + " |")
    lines.append(
        "| *counts* | " + " | ".join(_md(_count_text(report.counts(env.label))) for env in envs) + " |"
    )
    failures = report.failures()
    if failures:
        lines += ["", "## Failures", ""]
        for claim, env, entry in failures:
            lines.append(
                f"- **{_md(env.label)}** `{claim['id']}` `{_md(entry.get('test') or '(no test)')}`: "
                f"{_md(_reason(entry, 500))}"
            )
    lines += [
        "",
        "## Environments",
        "",
        "| environment | interpreter | platform | cores | implementation | packages |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for env in envs:
        facts = env.facts
        packages = ", ".join(f"{k} {v}" for k, v in sorted((facts.get("packages") or {}).items())) or "–"
        lines.append(
            f"| {_md(env.label)} | {_md(env.interpreter)} | {_md(facts.get('platform', ''))} | "
            f"{_md(facts.get('cores', ''))} | {_md(facts.get('impl', ''))} | {_md(packages)} |"
        )
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------------------- main


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m harness report",
        description="Merge the results of tox environments (pytest --results-json) into one report.",
    )
    parser.add_argument(
        "results",
        nargs="*",
        type=Path,
        default=[Path(".results")],
        help="directories of *.json results, or single results files (default: .results)",
    )
    parser.add_argument(
        "--html",
        type=Path,
        default=Path("report.html"),
        metavar="FILE",
        help="where to write the HTML report (default: report.html)",
    )
    parser.add_argument("--no-html", action="store_true", help="do not write the HTML report")
    parser.add_argument(
        "--markdown", type=Path, default=None, metavar="FILE", help="also write a Markdown report"
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        report = load(args.results)
    except (OSError, ValueError) as error:
        print(f"report: {error}", file=sys.stderr)
        return 2
    if not report.environments:
        print(f"report: no results (*.json) in {', '.join(map(str, args.results))}", file=sys.stderr)
        return 2
    sys.stdout.write(terminal(report, colour=_use_colour(sys.stdout)))
    if not args.no_html:
        args.html.write_text(html_report(report), encoding="utf-8")
        print(f"HTML report: {args.html}")
    if args.markdown is not None:
        args.markdown.write_text(markdown_report(report), encoding="utf-8")
        print(f"Markdown report: {args.markdown}")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
