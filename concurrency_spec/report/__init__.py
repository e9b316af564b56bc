"""Merge results (one JSON file per environment) into one report: a terminal table, HTML, Markdown.

    concurrency-spec report [RESULTS ...] [--html FILE] [--markdown FILE] [--no-html] [--env-list ENVS]

RESULTS are directories of results files written by ``pytest --results-json`` (default ``.results``),
or single files. Rows are the claims, grouped by section, the document's claims apart from the
standard-library details; columns are the environments, including those asked for with
``--env-list`` that left no results ("not run", with the reason and a hint). A cell is the claim's
verdict there (see ``concurrency_spec.outcomes``). Exit status: 1 if any claim failed anywhere, 0
otherwise, 2 when there is nothing to report.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import List, NoReturn, Optional, Sequence

from concurrency_spec.outcomes import verdict as worst
from concurrency_spec.report.html import html_report
from concurrency_spec.report.model import (
    Cell,
    Environment,
    Report,
    build,
    load,
    load_environment,
    parse_env_list,
    reason,
    result_files,
)
from concurrency_spec.report.text import claim_list, markdown, terminal, use_colour
from concurrency_spec.results import write_atomically

PROG = "concurrency-spec report"

__all__ = [
    "Cell",
    "Environment",
    "Report",
    "build",
    "claim_list",
    "html_report",
    "load",
    "load_environment",
    "main",
    "markdown",
    "reason",
    "result_files",
    "terminal",
    "worst",
    "add_arguments",
    "run",
    "default_results",
]


#: Where results are found when none are named: tox's (``dev.py spec``) and ``concurrency-spec run``'s.
DEFAULT_PLACES = (Path(".results"), Path(".concurrency-spec"))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "results",
        nargs="*",
        type=Path,
        help="directories of results files, or files (default: .results, or .concurrency-spec where "
        "`concurrency-spec run` wrote them; the newer when both exist)",
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
    parser.add_argument(
        "--env-list",
        default="",
        metavar="ENVS",
        help="the environments asked for (tox's env_list); those without results show as not run",
    )


def default_results() -> List[Path]:
    """The newest of the default places that holds results (none: an empty list)."""
    found = [place for place in DEFAULT_PLACES if place.is_dir() and any(place.glob("*.json*"))]
    newest = max(found, key=lambda place: max(f.stat().st_mtime for f in place.glob("*.json*")), default=None)
    return [] if newest is None else [newest]


def run(args: argparse.Namespace) -> int:
    paths: List[Path] = list(args.results) or default_results()
    if not paths:
        places = " or ".join(str(place) for place in DEFAULT_PLACES)
        advice = "run `python3 dev.py spec` or `concurrency-spec run` first"
        print(f"{PROG}: no results in {places}: {advice}", file=sys.stderr)
        return 2
    try:
        report = load(paths, requested=parse_env_list(args.env_list))
    except (OSError, ValueError) as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 2
    if not report.ran:
        print(f"{PROG}: no results in {', '.join(map(str, paths))}", file=sys.stderr)
        return 2
    sys.stdout.write(terminal(report, colour=use_colour(sys.stdout)))
    if not args.no_html:
        write_atomically(args.html, html_report(report))
        print(f"HTML report: {args.html}")
    if args.markdown is not None:
        write_atomically(args.markdown, markdown(report))
        print(f"Markdown report: {args.markdown}")
    return 1 if report.failed else 0


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: {message} (see {self.prog} --help)", file=sys.stderr)
        sys.exit(2)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = _Parser(prog=PROG, description="Merge results files (pytest --results-json) into one report.")
    add_arguments(parser)
    return run(parser.parse_args(list(argv) if argv is not None else None))


if __name__ == "__main__":
    sys.exit(main())
