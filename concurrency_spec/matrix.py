"""The conformance matrix: the spec run against the reference and every shipped adapter, side by side.

Each column is one implementation (or the reference on another event loop); each row a claim.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import List, Sequence, Tuple

from concurrency_spec import report
from concurrency_spec.cli import UsageError, run_spec


@dataclass(frozen=True)
class Column:
    name: str  # the column's label
    impl: str  # --impl
    options: Tuple[str, ...] = ()  # more options of the run (a loop, a selection)
    what: str = ""


COLUMNS = (
    Column("reference", "reference", ("--loop", "asyncio"), "the standard library"),
    Column("uvloop", "reference", ("--loop", "uvloop", "-k", "uvloop"), "the reference on uvloop's event loop"),
    Column("counting_loop", "reference",
           ("--loop", "concurrency_spec.adapters.loops:counting_loop", "-k", "counting_loop"),
           "the reference on an instrumented subclass of asyncio's loop"),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--only", action="append", metavar="NAME",
                        help=f"only these columns (repeatable): {', '.join(c.name for c in COLUMNS)}")
    parser.add_argument("--results", type=Path, default=Path(".matrix"), metavar="DIR",
                        help="where each column's results go (default: .matrix)")
    parser.add_argument("--markdown", type=Path, default=None, metavar="FILE", help="write the matrix as Markdown")
    parser.add_argument("--html", type=Path, default=None, metavar="FILE", help="write the matrix as HTML")
    parser.add_argument("--no-run", action="store_true", help="render the results already in --results")


def columns(only: Sequence[str]) -> List[Column]:
    unknown = sorted(set(only) - {c.name for c in COLUMNS})
    if unknown:
        raise UsageError(f"concurrency-spec matrix: no column named {', '.join(unknown)}; "
                         f"known: {', '.join(c.name for c in COLUMNS)}")
    return [c for c in COLUMNS if not only or c.name in only]


def main(args: argparse.Namespace, extra: Sequence[str]) -> int:
    chosen = columns(args.only or [])
    args.results.mkdir(parents=True, exist_ok=True)
    files = []
    for column in chosen:
        path = args.results / f"{column.name}.json"
        if not args.no_run:
            path.unlink(missing_ok=True)
            print(f"matrix: {column.name} ({column.what})", flush=True)
            run_spec(column.impl, path, [*column.options, "-q", *extra], label=column.name, quiet=True)
        if path.exists():
            files.append(path)
        else:
            print(f"matrix: {column.name} left no results", file=sys.stderr)
    if not files:
        return 2
    loaded = report.load(files, order=[c.name for c in chosen])
    sys.stdout.write(report.terminal(loaded))
    title = "The document's claims, implementation by implementation"
    if args.markdown is not None:
        args.markdown.write_text(report.markdown(loaded, title=title), encoding="utf-8")
        print(f"Markdown: {args.markdown}")
    if args.html is not None:
        args.html.write_text(report.html_report(loaded, title=title), encoding="utf-8")
        print(f"HTML: {args.html}")
    return 1 if loaded.failed else 0
