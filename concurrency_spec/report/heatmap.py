"""The heat map: claims (rows, grouped by section) × environments (columns), one coloured cell each.

An inline SVG, so that the report stays one self-contained file: a maintainer sees at a glance where
the verdicts differ (a column of grey is an interpreter that did not run; a red cell a failure).
"""

from __future__ import annotations

import html
from typing import List

from concurrency_spec import outcomes
from concurrency_spec.report.model import Report

CELL_W, CELL_H, GAP = 34, 6, 1
LEFT, TOP = 70, 92
COLOURS = {
    outcomes.PASSED: "#2da44e",
    outcomes.FAILED: "#cf222e",
    outcomes.DEVIATION: "#d4a72c",
    outcomes.NOT_APPLICABLE: "#afb8c1",
    outcomes.SKIPPED: "#d0d7de",
    None: "#f6f8fa",
}
NOT_RUN_FILL = "url(#not-run)"


def svg(report: Report) -> str:
    envs = report.environments
    rows = [row for _, part in report.parts() for section in part for row in section.rows]
    width = LEFT + len(envs) * (CELL_W + GAP) + 80  # room for the last, slanted label
    out: List[str] = [
        '<defs><pattern id="not-run" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#f6f8fa"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#d0d7de" stroke-width="3"/></pattern></defs>',
    ]
    for i, env in enumerate(envs):
        x = LEFT + i * (CELL_W + GAP) + CELL_W / 2
        label = html.escape(env.label)
        sub = html.escape(env.short_version or env.status)
        out.append(
            f'<text x="{x}" y="{TOP - 8}" transform="rotate(-55 {x} {TOP - 8})" class="env">{label} '
            f'<tspan class="ver">{sub}</tspan></text>'
        )
    y = TOP
    previous_section = None
    for row in rows:
        section = str(row.claim.get("section", ""))
        if section != previous_section:
            if previous_section is not None:
                y += 8
            out.append(f'<text x="{LEFT - 6}" y="{y + CELL_H}" class="section">{html.escape(section)}</text>')
            previous_section = section
        for i, env in enumerate(envs):
            x = LEFT + i * (CELL_W + GAP)
            if not env.ran:
                fill, title = NOT_RUN_FILL, f"{row.id} on {env.label}: not run ({env.reason})"
            else:
                verdict = row.cells[env.label].verdict
                fill, title = COLOURS[verdict], f"{row.id} on {env.label}: {outcomes.label(verdict)}"
            out.append(
                f'<rect x="{x}" y="{y}" width="{CELL_W}" height="{CELL_H}" fill="{fill}">'
                f"<title>{html.escape(title)}</title></rect>"
            )
        y += CELL_H + GAP
    height = y + 10
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="heatmap" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-label="heat map of {len(rows)} claims by {len(envs)} environments">'
    )
    return head + "".join(out) + "</svg>"
