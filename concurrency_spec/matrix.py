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
from concurrency_spec.options import UsageError
from concurrency_spec.runner import run_spec


@dataclass(frozen=True)
class Column:
    name: str  # the column's label
    impl: str  # --impl
    options: Tuple[str, ...] = ()  # more options of the run (a loop, a selection)
    what: str = ""


ADAPTERS = "concurrency_spec.adapters"
ON_ASYNCIO = ("--loop", "asyncio")
COLUMNS = (
    Column("reference", "reference", ON_ASYNCIO, "the standard library"),
    Column("aiologic", f"{ADAPTERS}.aiologic", ON_ASYNCIO, "aiologic's Lock, semaphores and queues"),
    Column("anyio", f"{ADAPTERS}.anyio", ON_ASYNCIO, "anyio's Semaphore and sleep"),
    Column("multiprocess", f"{ADAPTERS}.multiprocess", ON_ASYNCIO, "multiprocess (dill) as multiprocessing"),
    Column("loky", f"{ADAPTERS}.loky", ON_ASYNCIO, "loky's ProcessPoolExecutor"),
    Column(
        "uvloop", "reference", ("--loop", "uvloop", "-k", "uvloop"), "the reference on uvloop's event loop"
    ),
    Column(
        "counting_loop",
        "reference",
        ("--loop", f"{ADAPTERS}.loops:counting_loop", "-k", "counting_loop"),
        "the reference on an instrumented subclass of asyncio's loop (the loop axis takes any factory)",
    ),
)
#: Claims measured in CPU time depend on the machine's load, not on the implementation: the matrix runs
#: the deterministic phase only (each measured claim has a deterministic companion test, which it runs),
#: so that it is the same from one run to the next.
STABLE = "deterministic"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help=f"only these columns (repeatable): {', '.join(c.name for c in COLUMNS)}",
    )
    parser.add_argument(
        "--results",
        type=Path,
        default=Path(".matrix"),
        metavar="DIR",
        help="where each column's results go (default: .matrix)",
    )
    parser.add_argument(
        "--markdown", type=Path, default=None, metavar="FILE", help="write the matrix as Markdown"
    )
    parser.add_argument("--html", type=Path, default=None, metavar="FILE", help="write the matrix as HTML")
    parser.add_argument(
        "--readme",
        type=Path,
        default=None,
        metavar="FILE",
        help="put the matrix between the matrix markers of FILE (the README)",
    )
    parser.add_argument("--no-run", action="store_true", help="render the results already in --results")


def columns(only: Sequence[str]) -> List[Column]:
    unknown = sorted(set(only) - {c.name for c in COLUMNS})
    if unknown:
        raise UsageError(
            f"concurrency-spec matrix: no column named {', '.join(unknown)}; "
            f"known: {', '.join(c.name for c in COLUMNS)}"
        )
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
            run_spec(
                column.impl,
                path,
                [*column.options, "-q", *extra],
                label=column.name,
                quiet=True,
                phase=STABLE,
            )
        if path.exists():
            files.append(path)
        else:
            print(f"matrix: {column.name} left no results", file=sys.stderr)
    if not files:
        return 2
    loaded = report.load(files, order=[c.name for c in chosen])
    sys.stdout.write(report.terminal(loaded))
    title = "The document's claims, implementation by implementation"
    if args.readme is not None:
        args.readme.write_text(with_matrix(args.readme.read_text(encoding="utf-8"), loaded), encoding="utf-8")
        print(f"matrix written into {args.readme}")
    if args.markdown is not None:
        args.markdown.write_text(report.markdown(loaded, title=title), encoding="utf-8")
        print(f"Markdown: {args.markdown}")
    if args.html is not None:
        args.html.write_text(report.html_report(loaded, title=title), encoding="utf-8")
        print(f"HTML: {args.html}")
    return 1 if loaded.failed else 0


BEGIN = "<!-- matrix: begin"
END = "<!-- matrix: end -->"


def block(loaded: report.Report) -> str:
    """The matrix as it stands in the README: the table and its notes."""
    return report.markdown(loaded, title=None)


def with_matrix(text: str, loaded: report.Report) -> str:
    """``text`` (the README) with the matrix between its markers replaced by this one."""
    start = text.index(BEGIN)
    start = text.index("\n", start) + 1
    end = text.index(END)
    return text[:start] + "\n" + block(loaded) + "\n" + text[end:]


def readme_block(text: str) -> str:
    """The matrix currently between the README's markers."""
    start = text.index("\n", text.index(BEGIN)) + 1
    return text[start : text.index(END)].strip("\n") + "\n"
