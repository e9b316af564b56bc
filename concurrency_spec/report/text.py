"""The report as text: the terminal table and Markdown, differences first.

Claims whose verdict is the same in every environment that ran fold into one line per section
("§2.1 创建线程 (creating threads): 3 claims pass everywhere"); claims whose verdict differs, or that
fail, are listed with a cell per environment. Reasons are numbered footnotes, printed in full.
"""

from __future__ import annotations

import os
from typing import Any, Dict, List, Mapping, Optional, Sequence

from concurrency_spec import outcomes
from concurrency_spec.report.model import NOT_RUN, Environment, Report, Row, Section

NOTE = (
    "A verdict says what happened when the spec's tests ran in that environment: “pass” means every "
    "test that names the claim and applies there passed. It is evidence, not a proof: the tests check the "
    "document's claims on particular inputs, and a claim about time (marked “performance”) is a generous "
    "one-sided bound measured on that machine, reported “n/a” when its cores were busy. “n/a” means the "
    "claim does not apply there (a GIL claim on a free-threaded build, a claim needing two free cores under "
    "tox's parallel mode); it is neither a pass nor a failure. “dev” is a deviation the implementation "
    "declares: a test of the claim fails as declared (a declaration whose tests all pass fails the run). "
    "“not run”: the environment was asked for but left no "
    "results. Conforming to every claim means conforming to the claims of one tutorial as they are tested "
    "here, not to Python's concurrency semantics at large."
)

_COLOURS = {
    outcomes.FAILED: "\033[1;31m",
    outcomes.DEVIATION: "\033[33m",
    outcomes.PASSED: "\033[32m",
    outcomes.SKIPPED: "\033[2m",
    outcomes.NOT_APPLICABLE: "\033[2m",
    None: "\033[2m",
}


def use_colour(stream: Any) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR") or os.environ.get("PY_COLORS") == "1":
        return True
    return bool(getattr(stream, "isatty", lambda: False)())


def cell_text(report: Report, row: Row, env: Environment) -> str:
    """``pass``, ``n/a²``, ``FAIL¹``; ``not run`` for an environment without results."""
    if env.status == NOT_RUN:
        return "not run"
    return outcomes.label(row.cells[env.label].verdict) + marks(row.cells[env.label].notes)


def _superscript(number: int) -> str:
    return str(number).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


def marks(notes: Sequence[int]) -> str:
    """Footnote marks: ``¹˒³``."""
    return "˒".join(_superscript(n) for n in notes)


def uniform_summary(section: Section, environments: Sequence[Environment]) -> str:
    """``3 claims pass everywhere``: the section's claims folded into one line (they pass wherever run)."""
    count = len(section.rows) - len(differing(section, environments))
    where = "everywhere" if len([e for e in environments if e.ran]) > 1 else "here"
    return f"{count} claim{'s pass' if count > 1 else ' passes'} {where}"


def differing(section: Section, environments: Sequence[Environment]) -> List[Row]:
    """The rows to show one by one: verdicts that differ between environments, or anything but a pass."""
    return [row for row in section.rows if not row.uniform(environments) or not _passes(row, environments)]


def _passes(row: Row, environments: Sequence[Environment]) -> bool:
    return all(v in (outcomes.PASSED, None) for v in row.verdicts(environments))


def terminal(report: Report, colour: bool = False) -> str:
    envs = report.environments
    id_width = max([len(row.id) + 4 for row in report.rows] + [30])
    widths = [max(8, len(env.label), len(env.short_version)) for env in envs]

    def paint(text: str, verdict: Optional[str]) -> str:
        return f"{_COLOURS[verdict]}{text}\033[0m" if colour and verdict in _COLOURS else text

    header = "claims that differ, or fail".ljust(id_width) + "  ".join(
        env.label.ljust(w) for env, w in zip(envs, widths)
    )
    lines = [
        header,
        "".ljust(id_width)
        + "  ".join((env.short_version or env.status).ljust(w) for env, w in zip(envs, widths)),
    ]
    lines.append("-" * len(header))
    for title, part in report.parts():
        lines.append(f"{title.upper()}:")
        for section in part:
            rows = differing(section, envs)
            if len(rows) == len(section.rows):
                lines.append(section.title)
            elif rows:
                lines.append(f"{section.title} ({uniform_summary(section, envs)}; the others:)")
            else:
                lines.append(f"{section.title}: {uniform_summary(section, envs)}")
            for row in rows:
                cells = [
                    paint(
                        cell_text(report, row, env).ljust(width),
                        row.cells[env.label].verdict if env.ran else None,
                    )
                    for env, width in zip(envs, widths)
                ]
                lines.append(("  " + row.id).ljust(id_width) + "  ".join(cells))
    lines.append("-" * len(header))
    for env in envs:
        if env.ran:
            status = "" if env.status != "incomplete" else f" (incomplete: {env.reason})"
            status += (
                f" (reused: the results of a run that finished at {env.reused_from})"
                if env.reused_from
                else ""
            )
            impl = "" if env.impl == "reference" else f", implementation {env.impl}"
            lines.append(f"{env.label}: {env.interpreter}{impl}{status}: {_counts(report, env)}")
        else:
            lines.append(
                f"{env.label}: not run: {env.reason}" + (f"; to get it: {env.hint}" if env.hint else "")
            )
    lines += _differences_lines(report)
    lines += _findings_lines(report)
    if report.footnotes:
        lines += ["", "notes:"]
        lines += [f"  {_superscript(i)} {text}" for i, text in enumerate(report.footnotes, 1)]
    failures = report.failures()
    if failures:
        lines += ["", paint(f"{len(failures)} failing test(s):", outcomes.FAILED)]
        for claim, env, entry in failures:
            lines.append(f"  {env.label}  {claim['id']}  {entry.get('test') or '(no test)'}")
    return "\n".join(lines) + "\n"


def _counts(report: Report, env: Environment) -> str:
    return _count_text(report.counts(env.label))


def _count_text(counts: Dict[Optional[str], int]) -> str:
    """``104 pass, 6 n/a, 2 –`` (– : not selected)."""
    parts = [f"{counts[v]} {outcomes.label(v)}" for v in (*outcomes.SUMMARY_ORDER, None) if counts.get(v)]
    return ", ".join(parts) or "no claims"


def finding_text(finding: Mapping[str, Any]) -> str:
    return (
        f"[{finding.get('loop')}] {finding.get('what')} ({finding.get('where')}): leaked by the loop alone; "
        f"surfaced during {finding.get('count')} test(s), not counted against their claims"
    )


def _findings_lines(report: Report) -> List[str]:
    found = [(env, finding) for env in report.ran for finding in env.findings]
    if not found:
        return []
    lines = ["", "hygiene findings (defects of an event loop itself, not claims):"]
    return lines + [f"  {env.label}: {finding_text(finding)}" for env, finding in found]


def _differences_lines(report: Report) -> List[str]:
    if not report.version_differences:
        return []
    lines = ["", "package versions differ between environments (a verdict can change with them):"]
    for package, versions in report.version_differences.items():
        lines.append(
            f"  {package}: " + ", ".join(f"{label} {version}" for label, version in versions.items())
        )
    return lines


def claim_list(report: Report) -> str:
    """Every claim that ran with its verdict, one per line (``concurrency-spec run``: one environment);
    the document's claims first, then the standard-library details, each part with its own counts."""
    lines = []
    for env in report.ran:
        lines.append(f"verdicts of {env.impl} on {env.interpreter}:")
        for title, part in report.parts():
            lines.append(f"  {title.lower()}:")
            counts: Dict[Optional[str], int] = {}
            for section in part:
                for row in section.rows:
                    cell = row.cells[env.label]
                    counts[cell.verdict] = counts.get(cell.verdict, 0) + 1
                    if cell.verdict is not None:
                        lines.append(
                            f"    {outcomes.label(cell.verdict):5} {section.number:6} {row.id} "
                            f"{marks(cell.notes)}".rstrip()
                        )
            lines.append(f"  {title.lower()}: {_count_text(counts)}")
    if report.footnotes:
        lines += ["notes:"] + [f"  {_superscript(i)} {text}" for i, text in enumerate(report.footnotes, 1)]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------------------ Markdown


def _md(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("*", "\\*").replace("\n", " ")


def markdown(
    report: Report, title: Optional[str] = "The document's claims, environment by environment"
) -> str:
    """The report as Markdown; with ``title=None``, only the table and its notes (to embed, as in the
    README's matrix)."""
    envs = report.environments
    lines: List[str] = []
    if title is not None:
        lines += [f"# {title}", ""]
        failing = sorted({claim["id"] for claim, _, _ in report.failures()})
        lines.append("**Failing claims:** " + (", ".join(f"`{c}`" for c in failing) or "none"))
        lines += ["", f"> {NOTE}", ""]
    interpreters = {env.interpreter for env in envs if env.ran}
    one = len(interpreters) == 1 and all(env.ran for env in envs)
    if one:
        lines += [f"Every column ran on {interpreters.pop()}.", ""]
    head = " | ".join(
        _md(env.label) if one else f"{_md(env.label)}<br>{_md(env.short_version or env.status)}"
        for env in envs
    )
    lines += [f"| claim | {head} |", "| --- |" + " :---: |" * len(envs)]
    for title, part in report.parts():
        lines.append(f"| ***{_md(title)}*** |" + " |" * len(envs))
        for section in part:
            rows = differing(section, envs)
            if len(rows) < len(section.rows):
                summary = uniform_summary(section, envs)
                lines.append(
                    f"| **{_md(section.title)}**: {_md(summary)}"
                    + (", the others below" if rows else "")
                    + " |"
                    + " |" * len(envs)
                )
            else:
                lines.append(f"| **{_md(section.title)}** |" + " |" * len(envs))
            for row in rows:
                cells = []
                for env in envs:
                    text = _md(cell_text(report, row, env))
                    failed = env.ran and row.cells[env.label].verdict == outcomes.FAILED
                    cells.append(f"**{text}**" if failed else text)
                lines.append(f"| `{row.id}` {_md(row.claim.get('text', ''))} | " + " | ".join(cells) + " |")
    lines.append(
        "| *counts* | "
        + " | ".join(_md(_counts(report, env)) if env.ran else "not run" for env in envs)
        + " |"
    )
    not_run = [env for env in envs if not env.ran]
    if not_run:
        lines += ["", "**Not run:**", ""]
        lines += [
            f"- {_md(env.label)}: {_md(env.reason)}" + (f"; to get it: {_md(env.hint)}" if env.hint else "")
            for env in not_run
        ]
    if report.footnotes:
        lines += ["", "**Notes:**", ""]
        lines += [f"{i}. {_md(text)}" for i, text in enumerate(report.footnotes, 1)]
    if report.version_differences:
        lines += [
            "",
            "**Package versions that differ:** "
            + "; ".join(
                f"{package} " + ", ".join(f"{label} {v}" for label, v in versions.items())
                for package, versions in report.version_differences.items()
            ),
        ]
    return "\n".join(lines) + "\n"
