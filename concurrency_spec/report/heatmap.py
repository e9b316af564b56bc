"""The heat map: claims (rows, grouped by section) × environments (columns), one coloured cell each.

An inline SVG, so that the report stays one self-contained file: a maintainer sees at a glance where
the verdicts differ (a column of grey is an interpreter that did not run; a red cell a failure). The
document's claims come first, then the standard-library details, each group under its name. The
slanted column labels get the room their length needs, so that none is cut.
"""

from __future__ import annotations

import html
import math
from typing import List, Tuple

from concurrency_spec import outcomes
from concurrency_spec.report.model import Environment, Report, Row

CELL_W, CELL_H, GAP = 34, 6, 1
LEFT = 70
SLANT = 55  # degrees
CHAR_W = 6.6  # the width of a character of a column label, in pixels (11 px type, generous)
PART_GAP = 18  # the room above each group of rows for its name
PART_LABEL_W = 170  # the width of the longest group name, in pixels
PART_NAMES = {"document": "the document's claims", "stdlib": "standard-library details"}
COLOURS = {
    outcomes.PASSED: "#2da44e",
    outcomes.FAILED: "#cf222e",
    outcomes.DEVIATION: "#d4a72c",
    outcomes.NOT_APPLICABLE: "#afb8c1",
    outcomes.SKIPPED: "#d0d7de",
    None: "#f6f8fa",
}
NOT_RUN_FILL = "url(#not-run)"


def _label(env: Environment) -> str:
    return f"{env.label} {env.short_version or env.status}"


def _label_room(envs: List[Environment]) -> Tuple[int, int]:
    """(height above the cells, width right of the last column) the slanted labels take."""
    longest = max((len(_label(env)) for env in envs), default=0) * CHAR_W
    angle = math.radians(SLANT)
    return math.ceil(longest * math.sin(angle)) + 16, math.ceil(longest * math.cos(angle)) + 12


def svg(report: Report) -> str:
    envs = report.environments
    rows = [row for _, part in report.parts() for section in part for row in section.rows]
    top, right = _label_room(envs)
    width = LEFT + max(len(envs) * (CELL_W + GAP) + right, PART_LABEL_W)
    cells, height = _cells(rows, envs, top)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="heatmap" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-label="heat map of {len(rows)} claims by {len(envs)} environments">'
    )
    return head + PATTERN + "".join(_column_labels(envs, top) + cells) + "</svg>"


PATTERN = (
    '<defs><pattern id="not-run" width="6" height="6" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="6" height="6" fill="#f6f8fa"/>'
    '<line x1="0" y1="0" x2="0" y2="6" stroke="#d0d7de" stroke-width="3"/></pattern></defs>'
)


def _column_labels(envs: List[Environment], top: int) -> List[str]:
    out = []
    for i, env in enumerate(envs):
        x = LEFT + i * (CELL_W + GAP) + CELL_W / 2
        out.append(
            f'<text x="{x}" y="{top - 8}" transform="rotate(-{SLANT} {x} {top - 8})" class="env">'
            f'{html.escape(env.label)} <tspan class="ver">{html.escape(env.short_version or env.status)}'
            "</tspan></text>"
        )
    return out


def _cells(rows: List[Row], envs: List[Environment], top: int) -> Tuple[List[str], int]:
    """The rows of cells, each group under its name and each section's first row labelled; and the
    height they reach."""
    out: List[str] = []
    y, section, basis = top, None, None
    for row in rows:
        if row.basis != basis:
            y += PART_GAP
            name = PART_NAMES.get(row.basis, row.basis)
            out.append(f'<text x="{LEFT}" y="{y - 5}" class="part">{html.escape(name)}</text>')
            basis, section = row.basis, None
        if row.claim.get("section") != section:
            y += 8 if section is not None else 0
            section = str(row.claim.get("section", ""))
            out.append(f'<text x="{LEFT - 6}" y="{y + CELL_H}" class="section">{html.escape(section)}</text>')
        out += [_cell(row, env, LEFT + i * (CELL_W + GAP), y) for i, env in enumerate(envs)]
        y += CELL_H + GAP
    return out, y + 10


def _cell(row: Row, env: Environment, x: int, y: int) -> str:
    if not env.ran:
        fill, title = NOT_RUN_FILL, f"{row.id} on {env.label}: not run ({env.reason})"
    else:
        verdict = row.cells[env.label].verdict
        fill, title = COLOURS[verdict], f"{row.id} on {env.label}: {outcomes.label(verdict)}"
    return (
        f'<rect x="{x}" y="{y}" width="{CELL_W}" height="{CELL_H}" fill="{fill}">'
        f"<title>{html.escape(title)}</title></rect>"
    )
