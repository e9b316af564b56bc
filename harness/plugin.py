"""The pytest plugin that turns ``spec/`` into a conformance suite.

It loads the implementation under test (``--impl``), ties every spec test to the claims it names,
reports claims that do not apply here as "not applicable", runs an implementation's declared
deviations as strict expected failures, checks for leaked threads and child processes, and writes
machine-readable results (``--results-json``).
"""

from __future__ import annotations

import contextlib
import fnmatch
import importlib
import json
import multiprocessing
import os
import platform
import sys
import threading
import time
from pathlib import Path
from types import ModuleType
from typing import Any, Dict, Iterator, List, Optional, Set

import pytest

from harness.claims import Claim, Coverage, load_catalogue, sorted_claims

NOT_APPLICABLE = "not applicable: "
DEVIATION = "declared deviation: "
SPEC_DIR = Path(__file__).resolve().parent.parent / "spec"
LEAK_GRACE_SECONDS = 2.0


class MissingFromImplementation(AttributeError):
    """The implementation under test lacks a name of the contract."""


class ImplementationUnderTest:
    """What spec tests see as ``impl``: the module under test, with readable errors for gaps."""

    def __init__(self, module: ModuleType) -> None:
        self._module = module
        self.name = module.__name__

    def __getattr__(self, attribute: str) -> Any:
        try:
            return getattr(self._module, attribute)
        except AttributeError:
            raise MissingFromImplementation(
                f"the implementation under test ({self.name}) has no {attribute!r}, "
                f"which the contract requires (see harness/contract.py)"
            ) from None

    def __repr__(self) -> str:
        return f"<implementation under test: {self.name}>"


def not_applicable(reason: str) -> None:
    """Report the running test as not applicable here, with the reason."""
    pytest.skip(NOT_APPLICABLE + reason)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("concurrency spec")
    group.addoption(
        "--impl",
        default=os.environ.get("SPEC_IMPL", "reference"),
        help="importable module to test (default: reference, or $SPEC_IMPL)",
    )
    group.addoption("--results-json", default=None, help="write machine-readable results to this file")
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
            self.module = importlib.import_module(name)
        except ImportError as error:
            message = f"--impl {name}: cannot import the implementation under test: {error}"
            raise pytest.UsageError(message) from None
        self.impl = ImplementationUnderTest(self.module)
        self.deviations: Dict[str, str] = dict(getattr(self.module, "DEVIATIONS", {}))
        self.coverage = Coverage()
        self.outcomes: Dict[str, Dict[str, Any]] = {}
        self.sections_run: Set[str] = set()  # "s05" for spec/test_s05_*.py
        unknown = sorted(set(self.deviations) - set(self.catalogue))
        if unknown:
            raise pytest.UsageError(f"{self.impl.name}.DEVIATIONS names unknown claims: {unknown}")


_SESSION_KEY = pytest.StashKey[SpecSession]()


def spec_session(config: pytest.Config) -> SpecSession:
    return config.stash[_SESSION_KEY]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "claim(*ids): the claims of the document that this test proves")
    config.addinivalue_line("markers", "performance: a claim measured in wall or CPU time (may exceed 1 s)")
    config.stash[_SESSION_KEY] = SpecSession(config)


def is_spec_item(item: pytest.Item) -> bool:
    return SPEC_DIR in Path(str(item.fspath)).resolve().parents


def claims_of(item: pytest.Item) -> List[str]:
    ids: List[str] = []
    for mark in item.iter_markers("claim"):
        ids.extend(str(arg) for arg in mark.args)
    return ids


def _selected(claim_ids: List[str], catalogue: Dict[str, Claim], config: pytest.Config) -> bool:
    patterns: List[str] = config.getoption("--claim")
    sections = [s.lstrip("§") for s in config.getoption("--section")]
    if patterns and not any(fnmatch.fnmatch(c, p) for c in claim_ids for p in patterns):
        return False
    if sections:
        found = [catalogue[c].section.lstrip("§") for c in claim_ids if c in catalogue]
        return any(s == wanted or s.startswith(wanted + ".") for s in found for wanted in sections)
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
        state.sections_run.add(Path(str(item.fspath)).name[len("test_") :][:3])
        for claim_id in ids:
            state.coverage.add(claim_id, item.nodeid)
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
        item.user_properties.append(("unknown_claims", unknown))
        item.add_marker(pytest.mark.usefixtures("_spec_test_names_unknown_claim"))
        return
    reasons = [reason for c in ids for reason in state.catalogue[c].unmet()]
    if reasons:
        item.add_marker(pytest.mark.skip(reason=NOT_APPLICABLE + "; ".join(dict.fromkeys(reasons))))
        return
    declared = [f"{c}: {state.deviations[c]}" for c in ids if c in state.deviations]
    if declared:
        item.add_marker(pytest.mark.xfail(strict=True, reason=DEVIATION + "; ".join(declared)))


@pytest.fixture
def _spec_test_names_no_claim() -> None:
    pytest.fail("this spec test names no claim: decorate it with @pytest.mark.claim('<id>')", pytrace=False)


@pytest.fixture
def _spec_test_names_unknown_claim(request: pytest.FixtureRequest) -> None:
    unknown = dict(request.node.user_properties).get("unknown_claims")
    pytest.fail(f"this spec test names claims missing from spec/claims/: {unknown}", pytrace=False)


@pytest.fixture(scope="session")
def impl(pytestconfig: pytest.Config) -> ImplementationUnderTest:
    """The implementation under test (``--impl``; the ``reference`` package by default)."""
    return spec_session(pytestconfig).impl


@pytest.fixture(autouse=True)
def _no_leaked_threads_or_processes(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail the test that leaves a thread or a child process running."""
    if not is_spec_item(request.node):
        yield
        return
    threads_before = set(threading.enumerate())
    yield
    leaked_threads = _wait_for_threads(threads_before)
    leaked_children = _wait_for_children()
    problems = []
    if leaked_threads:
        problems.append("threads " + ", ".join(sorted(t.name for t in leaked_threads)))
    if leaked_children:
        problems.append("child processes " + ", ".join(sorted(str(p.pid) for p in leaked_children)))
        for child in leaked_children:
            child.kill()
            child.join(1)
    if problems:
        pytest.fail("the test leaked " + " and ".join(problems), pytrace=False)


def _wait_for_threads(before: set[threading.Thread]) -> List[threading.Thread]:
    deadline = time.monotonic() + LEAK_GRACE_SECONDS
    for thread in set(threading.enumerate()) - before:
        thread.join(max(0.0, deadline - time.monotonic()))
    return [t for t in threading.enumerate() if t not in before and t.is_alive()]


def _wait_for_children() -> List[Any]:
    deadline = time.monotonic() + LEAK_GRACE_SECONDS
    children = multiprocessing.active_children()
    for child in children:
        child.join(max(0.0, deadline - time.monotonic()))
    return multiprocessing.active_children()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome: Any = yield
    report: pytest.TestReport = outcome.get_result()
    if not is_spec_item(item):
        return
    state = spec_session(item.config)
    ids = claims_of(item)
    if report.failed:
        _name_claims_in_failure(report, ids, state)
    _record(state, item, report, ids)


def _name_claims_in_failure(report: pytest.TestReport, ids: List[str], state: SpecSession) -> None:
    named = [state.catalogue[c] for c in ids if c in state.catalogue]
    if not named:
        return
    lines = [f"claim not met: {c.id} ({c.section}): {c.text}" for c in named]
    report.sections.insert(0, ("claim", "\n".join(lines)))
    crash = getattr(report.longrepr, "reprcrash", None)
    if crash is not None and hasattr(crash, "message"):
        with contextlib.suppress(AttributeError, TypeError):  # frozen in some pytest versions
            crash.message = f"[{', '.join(c.id for c in named)}] {crash.message}"


def _outcome_of(report: pytest.TestReport) -> str:
    if report.skipped:
        if hasattr(report, "wasxfail"):
            return "deviation"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        return "not-applicable" if NOT_APPLICABLE in reason else "skipped"
    if report.failed:
        return "failed"
    return "passed"


def _reason_of(report: pytest.TestReport) -> str:
    if hasattr(report, "wasxfail"):
        return str(report.wasxfail)
    if report.skipped and isinstance(report.longrepr, tuple):
        return str(report.longrepr[2]).replace("Skipped: ", "")
    if report.failed:
        crash = getattr(report.longrepr, "reprcrash", None)
        return str(getattr(crash, "message", report.longrepr))[:2000]
    return ""


_RANK = {"passed": 0, "not-applicable": 1, "skipped": 1, "deviation": 2, "failed": 3}


def _record(state: SpecSession, item: pytest.Item, report: pytest.TestReport, ids: List[str]) -> None:
    entry = state.outcomes.setdefault(
        item.nodeid,
        {
            "test": item.nodeid,
            "claims": ids,
            "params": getattr(getattr(item, "callspec", None), "id", ""),
            "outcome": "passed",
            "reason": "",
            "duration": 0.0,
        },
    )
    entry["duration"] += report.duration
    outcome = _outcome_of(report)
    if report.when == "call" and report.passed and hasattr(report, "wasxfail"):
        outcome = "failed"  # an unexpected pass of a declared deviation
    if _RANK[outcome] > _RANK[entry["outcome"]] or (report.when == "setup" and outcome != "passed"):
        entry["outcome"] = outcome
        entry["reason"] = _reason_of(report) or entry["reason"]


def pytest_collection_finish(session: pytest.Session) -> None:
    config = session.config
    if not config.getoption("--catalogue"):
        return
    state = spec_session(config)
    listing = [
        dict(claim.as_dict(), applies_here=not claim.unmet(), tests=state.coverage.tests.get(claim.id, []))
        for claim in sorted_claims(state.catalogue)
    ]
    Path(config.getoption("--catalogue")).write_text(json.dumps(listing, indent=2, ensure_ascii=False) + "\n")
    session.shouldstop = "catalogue printed"
    config.option.collectonly = True


def environment_facts(state: SpecSession) -> Dict[str, Any]:
    return {
        "env": os.environ.get("TOX_ENV_NAME", ""),
        "python": platform.python_version(),
        "implementation": sys.implementation.name,
        "version": sys.version.replace("\n", " "),
        "gil": getattr(sys, "_is_gil_enabled", lambda: True)(),
        "platform": platform.platform(),
        "cores": os.cpu_count(),
        "impl": state.impl.name,
        "impl_contract": str(getattr(state.module, "CONTRACT_VERSION", "")),
        "packages": _package_versions(),
    }


def _package_versions() -> Dict[str, str]:
    from importlib import metadata

    versions = {}
    for name in ("pytest", "pytest-asyncio", "aiohttp", "aiofiles", "aioresponses", "uvloop", "looptime"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return versions


def _claims_without_tests(state: SpecSession) -> List[Dict[str, Any]]:
    """Claims with no collected test here, in the sections that ran: those whose test file needs a
    newer Python are N/A (``spec/claims/s05_*.toml`` goes with ``spec/test_s05_*.py``)."""
    entries: List[Dict[str, Any]] = []
    for claim in sorted_claims(state.catalogue):
        if claim.id in state.coverage.tests or not _selected([claim.id], state.catalogue, state.config):
            continue
        if claim.file[:3] not in state.sections_run:
            continue
        reasons = claim.unmet()
        if reasons:
            entries.append({"test": "", "claims": [claim.id], "params": "", "outcome": "not-applicable",
                            "reason": NOT_APPLICABLE + "; ".join(reasons), "duration": 0.0})
    return entries


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    state = spec_session(config)
    path: Optional[str] = config.getoption("--results-json")
    if not path or config.getoption("--catalogue"):
        return
    results = {
        "facts": environment_facts(state),
        "claims": [c.as_dict() for c in sorted_claims(state.catalogue)],
        "deviations": state.deviations,
        "tests": list(state.outcomes.values()) + _claims_without_tests(state),
    }
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")


# A claim is not applicable only when none of its tests applies; one passing test makes it pass.
_CLAIM_RANK = {"not-applicable": 0, "skipped": 1, "passed": 2, "deviation": 3, "failed": 4}


def claim_verdicts(state: SpecSession) -> Dict[str, str]:
    verdicts: Dict[str, str] = {}
    for entry in list(state.outcomes.values()) + _claims_without_tests(state):
        for claim_id in entry["claims"]:
            previous = verdicts.get(claim_id, "not-applicable")
            verdicts[claim_id] = max(previous, entry["outcome"], key=lambda o: _CLAIM_RANK[o])
    return verdicts


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    state = spec_session(config)
    verdicts = claim_verdicts(state)
    if not verdicts:
        return
    counts: Dict[str, int] = {}
    for verdict in verdicts.values():
        counts[verdict] = counts.get(verdict, 0) + 1
    write = terminalreporter.write_line
    terminalreporter.section(f"claims of the document, implementation {state.impl.name}")
    for claim_id, verdict in sorted(verdicts.items()):
        if verdict in ("failed", "deviation"):
            claim = state.catalogue[claim_id]
            label = "NOT MET" if verdict == "failed" else "DEVIATION"
            write(f"{label:9} {claim.id} ({claim.section}): {claim.text}")
    kinds = ("passed", "failed", "deviation", "not-applicable", "skipped")
    summary = ", ".join(f"{counts[k]} {k}" for k in kinds if counts.get(k))
    write(f"{len(verdicts)} claims checked: {summary}")
