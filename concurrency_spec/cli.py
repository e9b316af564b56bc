"""The command line: ``concurrency-spec`` (or ``python -m concurrency_spec``).

    concurrency-spec run [--impl NAME] [options] [-- pytest args]   the spec against an implementation
    concurrency-spec contract [--impl NAME] [--markdown FILE]       the contract, or what NAME lacks
    concurrency-spec catalogue                                      the claims, with their tests, as JSON
    concurrency-spec report [RESULTS ...]                           merge results into one report
    concurrency-spec matrix [--only NAME ...]                       every shipped adapter, side by side
    concurrency-spec coverage [--statements]                        the document's statements the claims cover
    concurrency-spec doc [RESULTS ...] [-o FILE]                    the living document, as one HTML page
    concurrency-spec explain CLAIM|§N.N                             a claim or section: quote, tests, verdicts

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

from concurrency_spec import results
from concurrency_spec.options import UsageError
from concurrency_spec.runner import Finished, pytest_command, run_spec, spec_environment

PROG = "concurrency-spec"
DEFAULT_RESULTS = Path(".concurrency-spec")
#: pytest's exit statuses for a run that selected nothing or was given a wrong option (it said why)
NOTHING_RAN = (4, 5)


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


def _load_impl(name: str) -> object:
    from concurrency_spec.implementation import ImplementationError, load

    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    try:
        return load(name)
    except ImplementationError as error:
        raise UsageError(f"{PROG}: {error}") from None


# ---------------------------------------------------------------------------------------------- run


def _check_run(args: argparse.Namespace) -> None:
    """Everything a run needs, checked before it starts: each mistake is one line, exit status 2."""
    from concurrency_spec import contract, options
    from concurrency_spec.claims import load_catalogue

    implementation = _load_impl(args.impl)
    catalogue = load_catalogue()
    try:
        options.loops(args.loop or os.environ.get("SPEC_LOOPS", "").split(","))
        options.start_methods(args.start_method or os.environ.get("SPEC_START_METHODS", "").split(","))
        sections_of = {claim.id: claim.section for claim in catalogue.values()}
        options.check_selection(sections_of, args.claim or [], args.section or [])
        options.check_deviations(dict(getattr(implementation, "DEVIATIONS", {}) or {}), catalogue, args.impl)
    except UsageError as error:
        raise UsageError(f"{PROG} run: {error}") from None
    found = [] if args.incomplete else contract.problems(args.impl)
    if found:
        shown = "; ".join(found[:3]) + (f"; and {len(found) - 3} more" if len(found) > 3 else "")
        raise UsageError(
            f"{PROG} run: {args.impl} does not fulfil the contract ({len(found)} problems: {shown}); "
            f"`{PROG} contract --impl {args.impl}` lists them, --incomplete runs the spec anyway"
        )


def _run(args: argparse.Namespace, extra: List[str]) -> int:
    _check_run(args)
    chosen: List[str] = []
    for name in ("loop", "start_method", "claim", "section"):
        for value in getattr(args, name) or []:
            chosen += [f"--{name.replace('_', '-')}", value]
    staged = results.stage(args.results)
    try:
        finished = run_spec(args.impl, staged.results, [*chosen, *extra], label=args.impl)
    except BaseException:
        staged.discard()
        raise
    if finished.leftovers:
        print(f"{PROG} run: stopped what the run left running: {', '.join(finished.leftovers)}")
    return _publish(args, staged, finished)


def _publish(args: argparse.Namespace, staged: results.Staged, finished: Finished) -> int:
    """Put a finished run's results and report in place; keep an interrupted run's apart."""
    found = results.read(staged.results)
    unfinished = found is None and (finished.interrupted or staged.logged_tests() > 0)
    if unfinished or (found is not None and not found.get("complete", True)):
        kept = staged.keep_as_partial()
        how = (
            "interrupted"
            if finished.interrupted
            else f"ended before its results (pytest exit {finished.code})"
        )
        print(
            f"{PROG} run: {how}; the tests that finished are in {kept} (marked partial); "
            f"the previous results and report in {args.results} are kept"
        )
        return 130 if finished.interrupted else finished.code or 1
    if found is None or not found["tests"] or finished.code in NOTHING_RAN:
        staged.discard()
        why = "no test ran" if found is not None and not found["tests"] else "the run left no results"
        print(
            f"{PROG} run: {why} (pytest exit status {finished.code}); the previous results in "
            f"{args.results} are kept",
            file=sys.stderr,
        )
        return 2 if finished.code in NOTHING_RAN else finished.code or 2
    staged.publish()
    if args.no_report:
        return finished.code
    from concurrency_spec import report

    loaded = report.load([args.results / results.RESULTS])
    sys.stdout.write(report.claim_list(loaded))
    html = args.results / "report.html"
    try:
        results.write_atomically(
            html, report.html_report(loaded, title=f"{args.impl}: the document's claims")
        )
    except OSError as error:
        print(f"{PROG} run: the report could not be written to {html}: {error.strerror or error}")
        return finished.code or 1
    print(f"results: {args.results / results.RESULTS}\nHTML report: {html}")
    return finished.code


# ----------------------------------------------------------------------------------------- contract


def _contract(args: argparse.Namespace, extra: List[str]) -> int:
    from concurrency_spec import contract

    if args.impl is not None:
        _load_impl(args.impl)
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

    if extra:
        raise UsageError(f"{PROG} report: unexpected arguments after --: {' '.join(extra)}")
    return report.run(args)


# ------------------------------------------------------------------------------------------- matrix


def _matrix(args: argparse.Namespace, extra: List[str]) -> int:
    from concurrency_spec import matrix

    return matrix.main(args, extra)


# ----------------------------------------------------------------------------------------- coverage


def _coverage(args: argparse.Namespace, extra: List[str]) -> int:
    from concurrency_spec import coverage

    return coverage.main(every_statement=args.statements)


# ------------------------------------------------------------------------------------ doc, explain


def _doc(args: argparse.Namespace, extra: List[str]) -> int:
    from concurrency_spec.report import living

    if extra:
        raise UsageError(f"{PROG} doc: unexpected arguments after --: {' '.join(extra)}")
    return living.run(args)


def _explain(args: argparse.Namespace, extra: List[str]) -> int:
    from concurrency_spec import explain

    if extra:
        raise UsageError(f"{PROG} explain: unexpected arguments after --: {' '.join(extra)}")
    return explain.run(args)


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
    run.add_argument(
        "--incomplete",
        action="store_true",
        help="run even when the implementation does not fulfil the contract: the claims whose tests "
        "reach a missing name fail, naming it",
    )
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
    from concurrency_spec.report import add_arguments as add_report_arguments

    add_report_arguments(report)
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
    _add_doc_commands(commands)
    return parser


def _add_doc_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    from concurrency_spec import explain
    from concurrency_spec.report import living

    doc = commands.add_parser(
        "doc",
        help="the living document: the tutorial with every statement's claims, tests and verdicts (HTML)",
        description="Render the document (spec/document/week08.txt) as one self-contained HTML page: "
        "section by section, beside each statement its claims (id and English sentence), the sources "
        "of their tests (folded, with file:line) and their verdicts in every environment and "
        "implementation of the results given; statements marked not normative say so, with the reason.",
    )
    living.add_arguments(doc)
    doc.set_defaults(handler=_doc)
    explain_parser = commands.add_parser(
        "explain",
        help="one claim or one section in the terminal: the quote, the sentence, the tests, the verdicts",
        description="Explain a claim: the document's words it quotes, its English sentence, its tests "
        "with file:line and their first lines, and the last verdicts known. Or a section: its "
        "statements with the claims that quote them, then its claims with their tests and verdicts.",
    )
    explain.add_arguments(explain_parser)
    explain_parser.set_defaults(handler=_explain)


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    extra: List[str] = []
    if "--" in argv:
        extra = argv[argv.index("--") + 1 :]
        argv = argv[: argv.index("--")]
    parser = build_parser()
    args = None
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 2
        return int(args.handler(args, extra))
    except UsageError as error:
        text = str(error)
        prefix = f"{PROG} {getattr(args, 'command', None) or ''}".rstrip()
        print(text if text.startswith(PROG) else f"{prefix}: {text}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
