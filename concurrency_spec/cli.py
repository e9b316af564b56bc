"""The command line: ``concurrency-spec`` (or ``python -m concurrency_spec``).

    concurrency-spec run [--impl NAME] [options] [-- pytest args]   the spec against an implementation
    concurrency-spec contract [--impl NAME] [--markdown FILE]       the contract, or what NAME lacks
    concurrency-spec catalogue                                      the claims, with their tests, as JSON
    concurrency-spec report [RESULTS ...]                           merge results into one report
    concurrency-spec matrix [--only NAME ...]                       every shipped adapter, side by side
    concurrency-spec coverage [--statements]                        the document's statements the claims cover

Every subcommand has ``--help``. A usage error (an unknown implementation, a missing value, a missing
file) prints one line and exits with 2.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import List, NoReturn, Optional, Sequence

from concurrency_spec import PACKAGE_DIR, spec_dir

PROG = "concurrency-spec"
INI = PACKAGE_DIR / "spec.ini"
DEFAULT_RESULTS = Path(".concurrency-spec")


class UsageError(Exception):
    """A one-line usage error: printed without a traceback, exit status 2."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see {self.prog} --help)")


def _add_impl(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--impl",
        default=os.environ.get("SPEC_IMPL", "reference"),
        metavar="NAME",
        help="the implementation: a module with an Implementation class, or module:Class; modules in the "
        "current directory import (default: reference, or $SPEC_IMPL)",
    )


def _check_impl(name: str) -> None:
    from concurrency_spec.implementation import ImplementationError, load

    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    try:
        load(name)
    except ImplementationError as error:
        raise UsageError(f"{PROG}: {error}") from None


# ---------------------------------------------------------------------------------------------- run


def pytest_command(impl: str, results_json: Optional[Path], extra: Sequence[str]) -> List[str]:
    """The pytest command that runs the spec (wherever it is installed) with the suite's plugin."""
    spec = spec_dir()
    command = [
        sys.executable,
        "-m",
        "pytest",
        str(spec),
        "-p",
        "concurrency_spec.pytest_plugin",
        "-c",
        str(INI),
        "--rootdir",
        str(spec.parent),
        "-p",
        "no:cacheprovider",
        "--impl",
        impl,
    ]
    if results_json is not None:
        command.append(f"--results-json={results_json}")
    return [*command, *extra]


def spec_environment(label: str = "") -> dict:
    """The environment of a spec run: the current directory importable (in every child process too)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (os.getcwd(), env.get("PYTHONPATH", "")) if p)
    if label:
        env["SPEC_LABEL"] = label
    return env


def run_spec(
    impl: str, results_json: Optional[Path], extra: Sequence[str], label: str = "", quiet: bool = False
) -> int:
    command = pytest_command(impl, results_json, extra)
    output = subprocess.DEVNULL if quiet else None
    return subprocess.call(command, env=spec_environment(label), stdout=output)


def _run(args: argparse.Namespace, extra: List[str]) -> int:
    _check_impl(args.impl)
    options: List[str] = []
    for name in ("loop", "start_method", "claim", "section"):
        for value in getattr(args, name) or []:
            options += [f"--{name.replace('_', '-')}", value]
    results_dir: Path = args.results
    results_dir.mkdir(parents=True, exist_ok=True)
    results_json = results_dir / "results.json"
    for stale in (results_json, results_json.with_suffix(".jsonl")):
        stale.unlink(missing_ok=True)
    code = run_spec(args.impl, results_json, [*options, *extra], label=args.impl)
    if args.no_report or not results_json.exists():
        return code
    from concurrency_spec import report

    loaded = report.load([results_json])
    sys.stdout.write(report.claim_list(loaded))
    html = results_dir / "report.html"
    html.write_text(report.html_report(loaded, title=f"{args.impl}: the document's claims"), encoding="utf-8")
    print(f"results: {results_json}\nHTML report: {html}")
    return code


# ----------------------------------------------------------------------------------------- contract


def _contract(args: argparse.Namespace, extra: List[str]) -> int:
    from concurrency_spec import contract

    if args.impl is not None:
        _check_impl(args.impl)
        found = contract.problems(args.impl)
        for line in found:
            print(line)
        print(
            f"{args.impl}: {'complete' if not found else f'{len(found)} problem(s)'} "
            f"against contract {contract._reference().CONTRACT_VERSION}"
        )
        return 1 if found else 0
    if args.markdown is not None:
        args.markdown.write_text(contract.markdown(), encoding="utf-8")
        print(f"contract page: {args.markdown}")
        return 0
    sys.stdout.write(contract.text())
    return 0


# ---------------------------------------------------------------------------------------- catalogue


def catalogue_json(extra: Sequence[str] = ()) -> str:
    """The claim catalogue, with the tests naming each claim, as JSON (collected on this interpreter)."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "catalogue.json"
        command = pytest_command(
            os.environ.get("SPEC_IMPL", "reference"), None, ["--catalogue", str(target), "-q", *extra]
        )
        run = subprocess.run(command, env=spec_environment(), capture_output=True, text=True)
        if not target.exists():
            raise RuntimeError(run.stdout + run.stderr)
        return target.read_text(encoding="utf-8")


def _catalogue(args: argparse.Namespace, extra: List[str]) -> int:
    try:
        sys.stdout.write(catalogue_json(extra))
    except RuntimeError as error:
        sys.stderr.write(str(error))
        return 1
    return 0


# ------------------------------------------------------------------------------------------- report


def _report(args: argparse.Namespace, extra: List[str]) -> int:
    from concurrency_spec import report

    argv = [str(path) for path in args.results] + extra
    if args.html is not None:
        argv += ["--html", str(args.html)]
    if args.no_html:
        argv.append("--no-html")
    if args.markdown is not None:
        argv += ["--markdown", str(args.markdown)]
    if args.env_list:
        argv += ["--env-list", args.env_list]
    return report.main(argv)


# ------------------------------------------------------------------------------------------- matrix


def _matrix(args: argparse.Namespace, extra: List[str]) -> int:
    from concurrency_spec import matrix

    return matrix.main(args, extra)


# ----------------------------------------------------------------------------------------- coverage


def _coverage(args: argparse.Namespace, extra: List[str]) -> int:
    from concurrency_spec import coverage

    return coverage.main(every_statement=args.statements)


# --------------------------------------------------------------------------------------------- main


def build_parser() -> Parser:
    parser = Parser(
        prog=PROG,
        description="An executable specification of Python concurrency: every claim "
        "of a tutorial as a pytest test, run against a reference implementation or yours.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    run = commands.add_parser(
        "run",
        help="run the spec against an implementation and print its verdicts",
        description="Run the whole spec against an implementation, print the claim-by-"
        "claim verdicts, and write the results and an HTML report. Arguments after -- go "
        "to pytest.",
    )
    _add_impl(run)
    run.add_argument(
        "--loop",
        action="append",
        metavar="LOOP",
        help="asyncio claims on this event loop: asyncio, uvloop or module:callable (repeatable)",
    )
    run.add_argument(
        "--start-method",
        action="append",
        metavar="METHOD",
        help="multiprocessing claims under this start method only (repeatable)",
    )
    run.add_argument(
        "--claim", action="append", metavar="PATTERN", help="only the claims matching (repeatable)"
    )
    run.add_argument(
        "--section", action="append", metavar="N", help="only this section, e.g. 5.7 (repeatable)"
    )
    run.add_argument(
        "--results",
        type=Path,
        default=DEFAULT_RESULTS,
        metavar="DIR",
        help=f"where to write results.json and report.html (default: {DEFAULT_RESULTS})",
    )
    run.add_argument("--no-report", action="store_true", help="only pytest's own output")
    run.set_defaults(handler=_run)

    contract = commands.add_parser(
        "contract",
        help="the contract, or what an implementation lacks of it",
        description="Print the contract: every name the spec reaches through the "
        "implementation, how it is called, what it must do, and the claims that prove "
        "it. With --impl, list what that implementation lacks or has of the wrong kind.",
    )
    contract.add_argument("--impl", default=None, metavar="NAME", help="check this implementation")
    contract.add_argument(
        "--markdown",
        type=Path,
        default=None,
        metavar="FILE",
        help="write the contract page (CONTRACT.md) to FILE",
    )
    contract.set_defaults(handler=_contract)

    catalogue = commands.add_parser(
        "catalogue",
        help="the claims, with their tests, as JSON",
        description="Print every claim of the catalogue as JSON: id, section, text, "
        "requires, basis, whether it applies on this interpreter, and its tests.",
    )
    catalogue.set_defaults(handler=_catalogue)

    report = commands.add_parser(
        "report",
        help="merge results files into one report",
        description="Merge results (pytest --results-json, one file per environment) "
        "into a terminal table and an HTML report.",
    )
    report.add_argument(
        "results",
        nargs="*",
        type=Path,
        default=[Path(".results")],
        help="directories of results files, or files (default: .results)",
    )
    report.add_argument("--html", type=Path, default=None, metavar="FILE", help="default: report.html")
    report.add_argument("--no-html", action="store_true", help="do not write the HTML report")
    report.add_argument("--markdown", type=Path, default=None, metavar="FILE", help="also write Markdown")
    report.add_argument(
        "--env-list",
        default=None,
        metavar="ENVS",
        help="the environments asked for (comma-separated); those without results show as not run",
    )
    report.set_defaults(handler=_report)

    from concurrency_spec.matrix import add_arguments

    matrix = commands.add_parser(
        "matrix",
        help="the reference and every shipped adapter, side by side",
        description="Run the spec against the reference and every shipped adapter "
        "(real libraries mapped onto the contract), then print claims x implementations "
        "and write it as Markdown and HTML.",
    )
    add_arguments(matrix)
    matrix.set_defaults(handler=_matrix)

    coverage = commands.add_parser(
        "coverage",
        help="the document's statements the claims cover, per section",
        description="Split the document (spec/document/week08.txt) into its statements and print, per "
        "section, how many a claim quotes, how many are marked not normative "
        "(spec/document/not_normative.toml) and how many are uncovered; the last line sums them up. "
        "Exit status 1 when a statement is uncovered, a quote is not in the document, or a mark names no "
        "statement or a covered one.",
    )
    coverage.add_argument(
        "--statements",
        action="store_true",
        help="first list every statement: its anchor, line, text, and the claims that quote it or its mark",
    )
    coverage.set_defaults(handler=_coverage)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    extra: List[str] = []
    if "--" in argv:
        extra = argv[argv.index("--") + 1 :]
        argv = argv[: argv.index("--")]
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 2
        return int(args.handler(args, extra))
    except UsageError as error:
        print(error, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
