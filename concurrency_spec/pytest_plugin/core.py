"""The implementation under test, the claims of the spec's tests, their verdicts and the results files.

It loads the implementation under test (``--impl``), ties every spec test to the claims it names,
selects claims (``--claim``, ``--section``), reports claims that do not apply here as "not
applicable", runs the implementation's declared deviations as strict expected failures, names the
claim in every failure, and writes machine-readable results (``--results-json``).
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import json
import os
import platform
import sys
from pathlib import Path
from typing import IO, Any, Dict, Iterator, List, Mapping, Optional, Set

import pytest

from concurrency_spec import PACKAGE_DIR, options, outcomes, spec_dir
from concurrency_spec.claims import DOCUMENT, STDLIB, Claim, Coverage, load_catalogue, sorted_claims
from concurrency_spec.implementation import (
    DEFAULT,
    ImplementationError,
    ImplementationUnderTest,
    load,
)
from concurrency_spec.pytest_plugin.loop_defects import defects
from concurrency_spec.results import Facts, FindingEntry, Results, TestEntry, write_atomically

# pragma: no mutate start (the plugin's machinery; dev.py mutate mutates its verdict code only)
SPEC_DIR = spec_dir().resolve()
PACKAGES = (
    "pytest",
    "pytest-asyncio",
    "pytest-timeout",
    "aiohttp",
    "aiofiles",
    "aioresponses",
    "uvloop",
    "looptime",
)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("concurrency spec")
    group.addoption(
        "--impl",
        default=os.environ.get("SPEC_IMPL", DEFAULT),
        help="the implementation to test: a module with an Implementation class, or module:Class "
        "(default: reference, or $SPEC_IMPL)",
    )
    group.addoption(
        "--results-json",
        metavar="FILE",
        default=None,
        help="write machine-readable results to FILE at the end, and to FILE with the suffix .jsonl as "
        "each test ends",
    )
    group.addoption(
        "--claim",
        action="append",
        default=[],
        help="run only the tests of claims matching this id pattern (fnmatch, repeatable)",
    )
    group.addoption(
        "--section",
        action="append",
        default=[],
        help="run only the claims of this section and its subsections, e.g. 2 or §5.7 (repeatable)",
    )
    group.addoption(
        "--catalogue",
        metavar="FILE",
        default=None,
        help="write the claim catalogue, with the tests naming each claim, as JSON to FILE, then stop",
    )


class SpecSession:
    """State shared by the hooks of one pytest session."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.catalogue: Dict[str, Claim] = load_catalogue()
        name = config.getoption("--impl")
        try:
            implementation = load(name)
        except ImplementationError as error:
            raise pytest.UsageError(f"--impl {name}: {error}") from None
        self.impl = ImplementationUnderTest(implementation, name)
        self.deviations: Dict[str, str] = self.impl.deviations
        self.coverage = Coverage()
        self.outcomes: Dict[str, TestEntry] = {}
        self.collected: Dict[str, int] = {}  # each test's place in the collection, for the results' order
        self.tested: Set[str] = set()  # the claims whose tests ran
        self.chapters_run: Set[str] = set()  # "§5" when a test of a claim of §5 (or §5.x) ran
        self.findings: List[FindingEntry] = []  # what pytest-xdist workers found (see loop_defects)
        self.deselected_claims: Set[str] = set()  # claims with a test not selected here (-m, -k...)
        self.log: Optional[IO[str]] = None
        self.results_error = ""
        sections_of = {claim.id: claim.section for claim in self.catalogue.values()}
        try:
            options.check_deviations(self.deviations, self.catalogue, name)
            options.check_selection(sections_of, config.getoption("--claim"), config.getoption("--section"))
        except options.UsageError as error:
            raise pytest.UsageError(str(error)) from None

    @property
    def keeps_results(self) -> bool:
        """This process records the results (not a worker, pytest-xdist's or ``--forks``', whose reports
        go to the process that started it)."""
        return not hasattr(self.config, "workerinput") and not self.config.stash.get(IN_FORKED_WORKER, False)

    def is_spec_report(self, report: pytest.TestReport) -> bool:
        return in_spec_dir(os.path.join(self.config.rootpath, report.nodeid.split("::")[0]))


_SESSION_KEY = pytest.StashKey[SpecSession]()
IN_FORKED_WORKER = pytest.StashKey[bool]()  # set in a worker of --forks (see forks)
_session_of_reports: Optional[SpecSession] = None
_worker_session: Optional[SpecSession] = None  # a pytest-xdist worker's (its reports go to the controller)


PERFORMANCE = "performance"  # the marker of the measured tests (concurrency_spec.phases names it too)


def spec_session(config: pytest.Config) -> SpecSession:
    return config.stash[_SESSION_KEY]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "claim(*ids): the claims of the document that this test proves")
    config.addinivalue_line(
        "markers", f"{PERFORMANCE}: a claim measured in wall or CPU time (may exceed 1 s)"
    )
    global _session_of_reports, _worker_session
    state = config.stash[_SESSION_KEY] = SpecSession(config)
    if state.keeps_results:
        _session_of_reports = state
    else:
        _worker_session = state


def pytest_unconfigure(config: pytest.Config) -> None:
    global _session_of_reports, _worker_session
    _session_of_reports = _worker_session = None


def is_spec_item(item: Any) -> bool:
    return in_spec_dir(str(item.fspath))


@functools.cache
def in_spec_dir(path: str) -> bool:
    """Whether the file at ``path`` is one of the spec's, resolved once per file: the hooks ask it
    several times for each test, and resolving a path reads the file system."""
    return SPEC_DIR in Path(path).resolve().parents


def not_applicable(reason: str) -> None:
    """Report the running test as not applicable here, with the reason."""
    pytest.skip(outcomes.NOT_APPLICABLE_PREFIX + reason)


class NeedsPython311(pytest.File):
    """A spec file written with syntax of Python 3.11 (``except*``), on an older interpreter: it is not
    parsed, even when named on the command line. Its claims declare ``python>=3.11`` and are reported
    as not applicable."""

    def collect(self) -> List[Any]:
        return []


def pytest_pycollect_makemodule(module_path: Path, parent: pytest.Collector) -> Optional[pytest.File]:
    if sys.version_info < (3, 11) and module_path.name.endswith("_py311.py"):
        return NeedsPython311.from_parent(parent, path=module_path)
    return None


def claims_of(item: pytest.Item) -> List[str]:
    ids: List[str] = []
    for mark in item.iter_markers("claim"):
        ids.extend(str(arg) for arg in mark.args)
    return ids


def _selected(claim_ids: List[str], catalogue: Dict[str, Claim], config: pytest.Config) -> bool:
    patterns: List[str] = config.getoption("--claim")
    sections: List[str] = config.getoption("--section")
    if patterns and not options.matches(claim_ids, patterns):
        return False
    if sections:
        return options.in_sections([catalogue[c].section for c in claim_ids if c in catalogue], sections)
    return True


def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: List[pytest.Item]
) -> None:
    state = spec_session(config)
    keep: List[pytest.Item] = []
    dropped: List[pytest.Item] = []
    for item in items:
        if not is_spec_item(item):
            keep.append(item)
            continue
        ids = claims_of(item)
        if not _selected(ids, state.catalogue, config):
            dropped.append(item)
            continue
        keep.append(item)
        for claim_id in ids:
            state.coverage.add(claim_id, item.nodeid)
            item.user_properties.append(("claim", claim_id))  # JUnit XML shows them as properties
        params = getattr(getattr(item, "callspec", None), "id", "")
        if params:
            item.user_properties.append(("params", params))
        _apply_claim_status(item, ids, state)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


def _apply_claim_status(item: pytest.Item, ids: List[str], state: SpecSession) -> None:
    if not ids:
        item.add_marker(pytest.mark.usefixtures("_spec_test_names_no_claim"))
        return
    unknown = [c for c in ids if c not in state.catalogue]
    if unknown:
        item.stash[_UNKNOWN_CLAIMS] = unknown
        item.add_marker(pytest.mark.usefixtures("_spec_test_names_unknown_claim"))
        return
    reasons = [reason for c in ids for reason in state.catalogue[c].unmet()]
    if reasons:
        reason = outcomes.NOT_APPLICABLE_PREFIX + "; ".join(dict.fromkeys(reasons))
        item.add_marker(pytest.mark.skip(reason=reason))
        return
    declared = [f"{c}: {state.deviations[c]}" for c in ids if c in state.deviations]
    if declared:
        # Strict for the claim, not for each test: a claim is a deviation when one of its tests fails as
        # declared (another may pass: the queue is FIFO, but the document's program needs its task_done),
        # and a stale declaration, a failure, when every one of its tests passes (see _stale_deviations).
        reason = outcomes.DEVIATION_PREFIX + "; ".join(declared)
        item.add_marker(pytest.mark.xfail(strict=False, reason=reason))


_UNKNOWN_CLAIMS = pytest.StashKey[List[str]]()


@pytest.fixture
def _spec_test_names_no_claim() -> None:
    pytest.fail("this spec test names no claim: decorate it with @pytest.mark.claim('<id>')", pytrace=False)


@pytest.fixture
def _spec_test_names_unknown_claim(request: pytest.FixtureRequest) -> None:
    unknown = request.node.stash.get(_UNKNOWN_CLAIMS, [])
    pytest.fail(f"this spec test names claims missing from spec/claims/: {unknown}", pytrace=False)


@pytest.fixture(scope="session")
def impl(pytestconfig: pytest.Config) -> ImplementationUnderTest:
    """The implementation under test (``--impl``; the reference by default)."""
    return spec_session(pytestconfig).impl


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome: Any = yield
    report: pytest.TestReport = outcome.get_result()
    if not is_spec_item(item):
        return
    if report.failed:
        _name_claims_in_failure(report, claims_of(item), spec_session(item.config))
    if report.skipped:
        _point_at_the_test(report, item)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Record each phase of a spec test where the run's results are kept: in this process, or, with
    workers (pytest-xdist's, ``--forks``'), in the process that started them, which gets their reports."""
    state = _session_of_reports
    if state is not None and state.keeps_results and state.is_spec_report(report):
        _record(state, report)


def _point_at_the_test(report: pytest.TestReport, item: pytest.Item) -> None:
    """A test found not applicable by the suite's own helpers (``not_applicable``) is reported at the
    test, not at the helper: ``SKIPPED spec/test_s01_concurrency.py:111: not applicable: ...``."""
    if not isinstance(report.longrepr, tuple) or len(report.longrepr) != 3:
        return
    path, _line, reason = report.longrepr
    if PACKAGE_DIR in Path(str(path)).resolve().parents:
        test_path, line, _name = item.location
        report.longrepr = (test_path, (line or 0) + 1, reason)


def _name_claims_in_failure(report: pytest.TestReport, ids: List[str], state: SpecSession) -> None:
    named = [state.catalogue[c] for c in ids if c in state.catalogue]
    if not named:
        return
    lines = [line for claim in named for line in _claim_not_met(claim)]
    report.sections.insert(0, ("claim", "\n".join(lines)))
    crash = getattr(report.longrepr, "reprcrash", None)
    if crash is not None and hasattr(crash, "message"):
        with contextlib.suppress(AttributeError, TypeError):  # frozen in some pytest versions
            crash.message = f"[{', '.join(c.id for c in named)}] {crash.message}"


def _claim_not_met(claim: Claim) -> List[str]:
    """The claim, and the document's words it encodes (its quotes, one line each), so that a failure
    shows what the document says next to what happened."""
    lines = [f"claim not met: {claim.id} ({claim.section}): {claim.text}"]
    if claim.quote:
        lines.append("  the document says:")
        lines += [f"    {line.strip()}" for quote in claim.quote for line in quote.splitlines()]
    return lines


# pragma: no mutate end (the plugin's machinery; dev.py mutate mutates its verdict code only)
def _outcome_of(report: pytest.TestReport) -> str:
    if report.skipped:
        if hasattr(report, "wasxfail"):
            return outcomes.DEVIATION
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        return outcomes.NOT_APPLICABLE if outcomes.NOT_APPLICABLE_PREFIX in reason else outcomes.SKIPPED
    if report.failed:
        return outcomes.FAILED
    return outcomes.PASSED


def _reason_of(report: pytest.TestReport) -> str:
    if hasattr(report, "wasxfail") and not report.passed:
        return str(report.wasxfail)
    if report.skipped and isinstance(report.longrepr, tuple):
        return str(report.longrepr[2]).replace("Skipped: ", "")
    if report.failed:
        crash = getattr(report.longrepr, "reprcrash", None)
        return str(getattr(crash, "message", report.longrepr))[:2000]
    return ""


def _record(state: SpecSession, report: pytest.TestReport) -> None:
    properties = [(str(key), str(value)) for key, value in report.user_properties]
    ids = [value for key, value in properties if key == "claim"]
    entry = state.outcomes.setdefault(
        report.nodeid,
        {
            "test": report.nodeid,
            "claims": ids,
            "params": next((value for key, value in properties if key == "params"), ""),
            "outcome": outcomes.PASSED,
            "reason": "",
            "duration": 0.0,
        },
    )
    entry["duration"] += report.duration
    phase = _outcome_of(report)
    combined = outcomes.after_phase(entry["outcome"], phase)
    if combined != entry["outcome"] or (phase == combined and phase != outcomes.PASSED):
        entry["reason"] = _reason_of(report) or entry["reason"]
    entry["outcome"] = combined
    for claim_id in ids:
        state.tested.add(claim_id)
        if claim_id in state.catalogue:
            state.chapters_run.add(chapter(state.catalogue[claim_id].section))
    if report.when == "teardown":
        _log(state, {"test": entry})


# pragma: no mutate start (the plugin's machinery; dev.py mutate mutates its verdict code only)
def pytest_collection_finish(session: pytest.Session) -> None:
    config = session.config
    state = spec_session(config)
    state.collected = {item.nodeid: place for place, item in enumerate(session.items)}
    if config.getoption("--catalogue"):
        listing = [
            dict(
                claim.as_dict(), applies_here=not claim.unmet(), tests=state.coverage.tests.get(claim.id, [])
            )
            for claim in sorted_claims(state.catalogue)
        ]
        text = json.dumps(listing, indent=2, ensure_ascii=False) + "\n"
        Path(config.getoption("--catalogue")).write_text(text, encoding="utf-8")
        session.shouldstop = "catalogue printed"
        config.option.collectonly = True


def pytest_sessionstart(session: pytest.Session) -> None:
    config = session.config
    state = spec_session(config)
    path = config.getoption("--results-json")
    if path and state.keeps_results and not config.option.collectonly and not config.getoption("--catalogue"):
        _start_log(state, Path(path))


def _start_log(state: SpecSession, path: Path) -> None:
    """Results as the run goes (JSON lines): the facts, then one line per test as it ends. An
    environment that crashes or is killed still leaves what it did."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        state.log = log_path(path).open("w", encoding="utf-8")
    except OSError as error:
        state.results_error = f"the results log could not be opened beside {path}: {error.strerror or error}"
        return
    header = {
        "facts": environment_facts(state),
        "claims": [c.as_dict() for c in sorted_claims(state.catalogue)],
        "deviations": state.deviations,
    }
    _log(state, header)


def _log(state: SpecSession, record: Mapping[str, Any]) -> None:
    """One line of the results log; a log that cannot be written (a full disk) stops, said once."""
    if state.log is None:
        return
    try:
        state.log.write(json.dumps(record, ensure_ascii=False) + "\n")
        state.log.flush()
    except OSError as error:
        state.results_error = f"the results log stopped: {error.strerror or error}"
        with contextlib.suppress(OSError):
            state.log.close()
        state.log = None


def log_path(results_json: Path) -> Path:
    """The JSON-lines log written as the run goes, beside the results file."""
    return results_json.with_suffix(".jsonl")


def environment_facts(state: SpecSession) -> Facts:
    return {
        "env": os.environ.get("SPEC_LABEL") or os.environ.get("TOX_ENV_NAME", ""),
        "python": platform.python_version(),
        "implementation": sys.implementation.name,
        "version": sys.version.replace("\n", " "),
        "gil": getattr(sys, "_is_gil_enabled", lambda: True)(),
        "platform": platform.platform(),
        "system": platform.system(),
        "cores": os.cpu_count(),
        "impl": state.impl.name,
        "impl_contract": state.impl.contract_version,
        "loops": list(getattr(state.config, "_spec_loop_names", [])),
        "packages": _package_versions(),
    }


def _package_versions() -> Dict[str, str]:
    return dict(_installed_versions())


@functools.cache
def _installed_versions() -> Dict[str, str]:
    """(Read once per process: a fork server's sessions inherit them.)"""
    from importlib import metadata

    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return versions


# pragma: no mutate end (the plugin's machinery; dev.py mutate mutates its verdict code only)
def chapter(section: str) -> str:
    """The top-level section of a section: ``§5`` for ``§5.9``."""
    return section.split(".")[0]


def _claims_without_tests(state: SpecSession) -> List[TestEntry]:
    """Claims with no collected test here, in a chapter of the document that ran: those that do not
    apply here are N/A (a test file in Python 3.11's syntax is not collected before 3.11, so §5.9's
    claims have no test there while the rest of §5 runs)."""
    entries: List[TestEntry] = []
    for claim in sorted_claims(state.catalogue):
        if claim.id in state.tested or not _selected([claim.id], state.catalogue, state.config):
            continue
        if chapter(claim.section) not in state.chapters_run:
            continue
        reasons = claim.unmet()
        if reasons:
            entries.append(
                {
                    "test": "",
                    "claims": [claim.id],
                    "params": "",
                    "outcome": outcomes.NOT_APPLICABLE,
                    "reason": outcomes.NOT_APPLICABLE_PREFIX + "; ".join(reasons),
                    "duration": 0.0,
                }
            )
    return entries


def all_entries(state: SpecSession) -> List[TestEntry]:
    return list(state.outcomes.values()) + _claims_without_tests(state)


def _stale_deviations(state: SpecSession) -> List[str]:
    """Declared deviations whose tests all passed here; their tests are turned into failures. A claim
    with tests deselected here (another phase of the run has them) is left to the merge of the phases."""
    entries: List[Any] = list(state.outcomes.values())
    return outcomes.mark_stale(entries, state.deviations, skip=state.deselected_claims)


# pragma: no mutate start (the plugin's machinery; dev.py mutate mutates its verdict code only)
@pytest.hookimpl(trylast=True)
def pytest_deselected(items: List[pytest.Item]) -> None:
    state = _session_of_reports or _worker_session
    if state is not None:
        state.deselected_claims.update(claim for item in items for claim in claims_of(item))


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    state = spec_session(config)
    if not state.keeps_results:  # a pytest-xdist worker: what the controller cannot see goes to it
        config.workeroutput.update(worker_output(config))  # type: ignore[attr-defined]
        return
    # in the collection's order, not the order in which workers finished them
    state.outcomes = dict(
        sorted(state.outcomes.items(), key=lambda pair: state.collected.get(pair[0], len(state.collected)))
    )
    if _stale_deviations(state) and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    if state.log is not None:
        with contextlib.suppress(OSError):
            state.log.close()
        state.log = None
    path: Optional[str] = config.getoption("--results-json")
    if not path or config.getoption("--catalogue") or config.option.collectonly:
        return
    interrupted = exitstatus in (pytest.ExitCode.INTERRUPTED, pytest.ExitCode.INTERNAL_ERROR)
    finished_at = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
    results: Results = {
        "facts": {**environment_facts(state), "finished_at": finished_at},
        "claims": [c.as_dict() for c in sorted_claims(state.catalogue)],
        "deviations": state.deviations,
        "tests": all_entries(state),
        "findings": all_findings(state),
        "complete": not interrupted,
    }
    text = json.dumps(results, indent=1, ensure_ascii=False)
    try:
        write_atomically(Path(path), text)
    except OSError as error:
        state.results_error = f"the results could not be written to {path}: {error.strerror or error}"
        if session.exitstatus in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED):
            session.exitstatus = pytest.ExitCode.INTERNAL_ERROR


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    """A pytest-xdist worker ended: keep what it found of its loops."""
    if _session_of_reports is not None:
        absorb_worker_output(_session_of_reports.config, getattr(node, "workeroutput", {}))


def worker_output(config: pytest.Config) -> Dict[str, Any]:
    """What a worker saw that its reports do not carry, for the process that keeps the results."""
    return {
        "spec_findings": [f.as_dict() for f in defects(config).all()],
        "spec_deselected_claims": sorted(spec_session(config).deselected_claims),
    }


def absorb_worker_output(config: pytest.Config, output: Dict[str, Any]) -> None:
    state = spec_session(config)
    state.findings += list(output.get("spec_findings", []))
    state.deselected_claims.update(output.get("spec_deselected_claims", []))


def all_findings(state: SpecSession) -> List[FindingEntry]:
    """This process's hygiene findings and its workers', one per loop and leak (counts added up)."""
    merged: Dict[Any, FindingEntry] = {}
    for finding in [f.as_dict() for f in defects(state.config).all()] + state.findings:
        key = (finding["loop"], finding["kind"], finding["where"])
        if key in merged:
            merged[key]["count"] += finding["count"]
        else:
            merged[key] = dict(finding)  # type: ignore[assignment]
    return list(merged.values())


# pragma: no mutate end (the plugin's machinery; dev.py mutate mutates its verdict code only)
def claim_verdicts(state: SpecSession) -> Dict[str, str]:
    by_claim: Dict[str, List[str]] = {}
    for entry in all_entries(state):
        for claim_id in entry["claims"]:
            by_claim.setdefault(claim_id, []).append(entry["outcome"])
    return {
        claim_id: outcomes.verdict(found) or outcomes.NOT_APPLICABLE for claim_id, found in by_claim.items()
    }


# pragma: no mutate block (the plugin's machinery; dev.py mutate mutates its verdict code only)
def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    state = spec_session(config)
    if state.results_error:
        terminalreporter.write_line(f"ERROR: {state.results_error}", red=True)
    verdicts = claim_verdicts(state)
    if not verdicts:
        return
    write = terminalreporter.write_line
    terminalreporter.section(f"claims of the document, implementation {state.impl.name}")
    for basis, title in (
        (DOCUMENT, "claims the document states"),
        (STDLIB, "standard-library details the document does not state"),
    ):
        ids = [c for c in sorted(verdicts) if c in state.catalogue and state.catalogue[c].basis == basis]
        if not ids:
            continue
        counts: Dict[str, int] = {}
        for claim_id in ids:
            counts[verdicts[claim_id]] = counts.get(verdicts[claim_id], 0) + 1
            if verdicts[claim_id] in (outcomes.FAILED, outcomes.DEVIATION):
                claim = state.catalogue[claim_id]
                label = "NOT MET" if verdicts[claim_id] == outcomes.FAILED else "DEVIATION"
                if claim_id in state.deviations and verdicts[claim_id] == outcomes.FAILED:
                    label = "STALE"
                write(f"{label:9} {claim.id} ({claim.section}): {claim.text}")
                if verdicts[claim_id] == outcomes.DEVIATION:
                    write(f"{'':9} declared: {state.deviations.get(claim_id, '')}")
        write(f"{len(ids)} {title}: {outcomes.summary(counts)}")
    _write_findings(terminalreporter, all_findings(state))


def _write_findings(terminalreporter: Any, findings: List[FindingEntry]) -> None:
    """A loop's own leaks, once each: a finding of the loop, not of a claim (see ``loop_defects``)."""
    if not findings:
        return
    from concurrency_spec.report.text import finding_text

    terminalreporter.section("hygiene findings: defects of the event loop itself, not claims")
    for finding in findings:
        terminalreporter.write_line(finding_text(finding))
