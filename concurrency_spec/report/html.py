"""The report as one self-contained HTML page: ``templates/report.html`` in the pages' one look
(``concurrency_spec.report.page``).

The page opens with a heat map, then the claims differences first: uniform claims fold into one
expandable line per section, claims that differ or fail stand out, and every reason is visible text
(numbered notes under the table; a failure's first line beside its claim), never a tooltip only. The
columns are narrow enough for ten environments at 1366 px; one that did not run says why in its
header. Each claim links to the source of its tests, which the page carries at its end, folded.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any, Dict, List, Optional

from concurrency_spec import outcomes
from concurrency_spec.report.heatmap import COLOURS, svg
from concurrency_spec.report.model import NOT_RUN, Environment, Report, Row
from concurrency_spec.report.page import breakable, render, with_code
from concurrency_spec.report.page import escape as _e
from concurrency_spec.report.proofs import spec_tests
from concurrency_spec.report.text import NOTE, differing, finding_text, uniform_summary


def test_anchor(test: str) -> str:
    """``spec/test_s02_threading.py::test_x`` -> ``test-s02-threading-test_x``."""
    return "test-" + re.sub(r"[^A-Za-z0-9_]+", "-", test.replace("spec/test_", "").replace(".py::", "-"))


def section_anchor(number: str) -> str:
    return "section-" + number.lstrip("§").replace(".", "-")


def html_report(
    report: Report,
    title: str = "Python concurrency: the document's claims, environment by environment",
    generated: Optional[str] = None,
) -> str:
    generated = generated or datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    failing = sorted({claim["id"] for claim, _, _ in report.failures()})
    overall = (
        f'<span class="verdict bad">{len(failing)} claim(s) not met</span>'
        if failing
        else '<span class="verdict ok">no claim failed</span>'
    )
    not_run = [env for env in report.environments if not env.ran]
    subtitle = (
        f"{len(report.rows)} claims × {len(report.environments)} environments"
        + (f" ({len(not_run)} not run)" if not_run else "")
        + f" · generated {_e(generated)} · {overall}"
    )
    return render(
        "report",
        title,
        subtitle=subtitle,
        heatmap=svg(report),
        legend=_legend(),
        note=_e(NOTE),
        columns="".join(_column(report, env) for env in report.environments),
        rows="\n".join(_rows(report)),
        notes=_notes(report),
        versions=_versions(report),
        failures=_failures(report),
        environments=_environments(report),
        tests=_tests(report),
    )


def _legend() -> str:
    items = []
    for verdict in (
        outcomes.PASSED,
        outcomes.FAILED,
        outcomes.DEVIATION,
        outcomes.NOT_APPLICABLE,
        outcomes.SKIPPED,
    ):
        items.append(
            f'<span><svg width="12" height="10"><rect width="12" height="10" fill="{COLOURS[verdict]}"/>'
            f"</svg> {_e(outcomes.label(verdict))}: {_e(outcomes.OUTCOMES[verdict].meaning)}</span>"
        )
    items.append(
        '<span><svg width="12" height="10"><rect width="12" height="10" fill="#eaeef2"/></svg> '
        "hatched: not run</span>"
    )
    return '<div class="legend">' + "".join(items) + "</div>"


def _column(report: Report, env: Environment) -> str:
    """A narrow header: the label, the version, the counts."""
    if not env.ran:
        return _not_run_column(env)
    counts = report.counts(env.label)
    parts = [f"{counts[v]} {outcomes.label(v)}" for v in outcomes.SUMMARY_ORDER if counts.get(v)]
    impl = "" if env.impl == "reference" else f"<small>impl {breakable(env.impl)}</small>"
    status = "<small>incomplete</small>" if env.status != "ran" else ""
    if env.reused_from:
        status += f'<small title="reused results">reused: {_e(env.reused_from)}</small>'
    return (
        f'<th data-env="{_e(env.label)}" title="{_e(env.interpreter)}">{_e(env.label)}'
        f"<small>{_e(env.short_version)}</small>{impl}{status}"
        f'<small class="count">{" ".join(f"<span>{_e(part)}</span>" for part in parts)}</small></th>'
    )


def _not_run_column(env: Environment) -> str:
    """The header of a column that did not run: why, and the command that gets its interpreter (the
    whole reason and hint when hovered)."""
    whole = f"not run: {env.reason}" + (f". To get it: {env.hint}" if env.hint else "")
    hint = _first_command(env.hint)
    return (
        f'<th class="not-run" data-env="{_e(env.label)}" title="{_e(whole.replace("`", ""))}">'
        f"{_e(env.label)}<small>not run</small>"
        f'<small class="why">{_e(env.reason.split(":")[0])}</small>'
        + (f'<small class="hint">get it: {with_code(hint)}</small>' if hint else "")
        + "</th>"
    )


def _first_command(hint: str) -> str:
    """The first command a hint gives (`pyenv install 3.14`), or the whole hint when it gives none."""
    found = re.search(r"`[^`]+`", hint)
    return found.group(0) if found else hint


def _cell(row: Row, env: Environment) -> str:
    if not env.ran:
        return '<td class="cell not-run">not run</td>'
    cell = row.cells[env.label]
    notes = "".join(f'<sup><a href="#note-{n}">{n}</a></sup>' for n in cell.notes)
    pill = f'<span class="pill {cell.verdict or "none"}">{_e(outcomes.label(cell.verdict))}</span>'
    return f'<td class="cell">{pill}{notes}</td>'


def _failure_lines(row: Row, environments: List[Environment]) -> str:
    """The first line of each failure of a claim, by environment (visible beside the claim)."""
    lines = []
    for env in environments:
        cell = row.cells[env.label]
        reasons = [str(e.get("reason") or "") for e in cell.entries if e.get("outcome") == outcomes.FAILED]
        first = reasons[0].splitlines()[0] if reasons and reasons[0] else ""
        if env.ran and cell.verdict == outcomes.FAILED and first:
            lines.append(f'<div class="reason">{_e(env.label)}: {_e(first[:240])}</div>')
    return "".join(lines)


def _claim_cell(row: Row, environments: List[Environment]) -> str:
    tags = "".join(f'<span class="tag">{_e(r)}</span>' for r in row.claim.get("requires") or [])
    links = ", ".join(f'<a href="#{test_anchor(t)}">{breakable(t.split("::")[-1])}</a>' for t in row.tests())
    tests = f'<div class="tests">tests: {links}</div>' if links else ""
    return (
        f'<td class="claim"><code>{_e(row.id)}</code>{tags}'
        f'<div class="text">{with_code(row.claim.get("text", ""))}</div>{tests}'
        f"{_failure_lines(row, environments)}</td>"
    )


def _rows(report: Report) -> List[str]:
    envs = report.environments
    width = len(envs) + 1
    out = []
    for title, part in report.parts():
        out.append(f'<tr class="part"><td colspan="{width}">{_e(title)}</td></tr>')
        for section in part:
            rows = differing(section, envs)
            uniform = [row for row in section.rows if row not in rows]
            anchor = f"{section_anchor(section.number)}-{len(out)}"
            items = "".join(
                f"<li><code>{_e(r.id)}</code>: {_e(r.claim.get('text', ''))} "
                + "".join(f'<a href="#{test_anchor(t)}">{_e(t.split("::")[-1])}</a> ' for t in r.tests())
                + "</li>"
                for r in uniform
            )
            if not rows:  # the whole section folds into one line
                out.append(
                    f'<tr class="section uniform" id="{anchor}"><td colspan="{width}"><details><summary>'
                    f'{_e(section.title)}: <span class="summary">{_e(uniform_summary(section, envs))}'
                    f"</span></summary><ul>{items}</ul></details></td></tr>"
                )
                continue
            out.append(
                f'<tr class="section" id="{anchor}"><td colspan="{width}">{_e(section.title)}</td></tr>'
            )
            if uniform:
                out.append(
                    f'<tr class="uniform"><td colspan="{width}"><details><summary>'
                    f"{_e(uniform_summary(section, envs))}; the others below</summary><ul>{items}</ul>"
                    "</details></td></tr>"
                )
            for row in rows:
                failing = any(c.verdict == outcomes.FAILED for c in row.cells.values())
                css = "failing" if failing else "differs"
                out.append(
                    f'<tr class="{css}" data-claim="{_e(row.id)}">{_claim_cell(row, envs)}'
                    + "".join(_cell(row, env) for env in envs)
                    + "</tr>"
                )
    return out


def _notes(report: Report) -> str:
    if not report.footnotes:
        return '<p class="muted">Every verdict above is a plain pass.</p>'
    numbered = enumerate(report.footnotes, 1)
    items = "".join(f'<li id="note-{i}">{with_code(text)}</li>' for i, text in numbered)
    return f'<ol class="notes">{items}</ol>'


def _versions(report: Report) -> str:
    if not report.version_differences:
        return ""
    envs = report.ran
    head = "".join(f"<th>{_e(env.label)}</th>" for env in envs)
    rows = []
    for package, versions in report.version_differences.items():
        common = max(set(versions.values()), key=list(versions.values()).count)
        cells = "".join(
            f'<td class="{"differs" if versions[env.label] != common else ""}">{_e(versions[env.label])}</td>'
            for env in envs
        )
        rows.append(f"<tr><th>{_e(package)}</th>{cells}</tr>")
    return (
        '<h2 id="versions">Package versions that differ</h2>'
        '<p class="muted">A verdict can change with them.</p>'
        f'<table class="plain"><tr><th>package</th>{head}</tr>{"".join(rows)}</table>'
    )


def _failures(report: Report) -> str:
    failures = report.failures()
    if not failures:
        return ""
    items = "".join(
        f"<li><strong>{_e(env.label)}</strong> · <code>{_e(claim['id'])}</code> ({_e(claim.get('section'))})"
        f" · <code>{_e(entry.get('test') or '(no test)')}</code>"
        f"<pre>{_e(str(entry.get('reason') or '(no reason recorded)'))}</pre></li>"
        for claim, env, entry in failures
    )
    return f'<h2 id="failures">Failures ({len(failures)})</h2><ol class="fail-list">{items}</ol>'


def _environments(report: Report) -> str:
    rows = []
    for env in report.environments:
        facts = env.facts
        if not env.ran:
            hint = f"; to get it: {with_code(env.hint)}" if env.hint else ""
            rows.append(
                f'<tr><td>{_e(env.label)}</td><td colspan="5">not run: {_e(env.reason)}{hint}</td></tr>'
            )
            continue
        packages = ", ".join(f"{k} {v}" for k, v in sorted((facts.get("packages") or {}).items())) or "–"
        contract = f" (contract {facts['impl_contract']})" if facts.get("impl_contract") else ""
        rows.append(
            f'<tr><td>{_e(env.label)}</td><td>{_e(env.interpreter)}<br><span class="muted">'
            f"{_e(facts.get('version', ''))}</span></td><td>{_e(facts.get('platform', ''))}</td>"
            f"<td>{_e(facts.get('cores', ''))}</td><td>{_e(env.impl)}{_e(contract)}</td>"
            f"<td>{_e(packages)}</td></tr>"
        )
    findings = "".join(
        f"<li>{_e(env.label)}: {_e(finding_text(finding))}</li>"
        for env in report.ran
        for finding in env.findings
    )
    table = (
        '<table class="plain"><tr><th>environment</th><th>interpreter</th><th>platform</th><th>cores</th>'
        f"<th>implementation under test</th><th>packages</th></tr>{''.join(rows)}</table>"
    )
    if findings:
        table += f"<p>Hygiene findings (defects of an event loop itself, not claims):</p><ul>{findings}</ul>"
    return table


def _tests(report: Report) -> str:
    """The source of every test named in the report, folded, the test's name and file:line showing."""
    wanted = sorted({test for row in report.rows for test in row.tests()})
    known = {test.nodeid: test for test in spec_tests()}
    out = []
    for name in wanted:
        test = known.get(name)
        title = breakable(test.name) if test else breakable(name)
        where = f' <span class="where">{breakable(test.where)}</span>' if test else ""
        source = test.source if test else "(source not found)"
        out.append(
            f'<details class="source"><summary><code>{title}</code>{where}</summary>'
            f'<pre id="{test_anchor(name)}">{_e(source)}</pre></details>'
        )
    return "\n".join(out)


def test_sources(tests: List[str]) -> Dict[str, str]:
    """{``spec/test_x.py::test_y``: its source, decorators included}, read from the spec's files."""
    known = {test.nodeid: test.source for test in spec_tests()}
    return {name: known[name] for name in tests if name in known}


def write(report: Report, path: Path, **kwargs: Any) -> None:
    path.write_text(html_report(report, **kwargs), encoding="utf-8")


__all__ = ["html_report", "test_sources", "write", "NOT_RUN"]
