"""A spec run in two phases: the deterministic tests side by side, then the measurements alone.

Most tests of the spec wait (for a handshake, a child process, a grace), so they run several at a time
(``deterministic``: every test but those marked ``performance``), in workers forked once the tests are
collected (``--forks``, see ``pytest_plugin/forks.py``), or in pytest-xdist's where there is no fork.
The claims measured in CPU time need the cores to themselves, so they run after, one at a time
(``measure``). Where the workers are forked, both phases are one pytest session (``all``): the
forking process measures once every worker has ended (one start and collection less); elsewhere each
phase is a session of its own.
Each session writes its results into ``phases/`` beside the run's results file, and after each one
the sessions' results found there are merged into that file (and its log and JUnit XML): it is
complete once every phase of the run is in it.

``SPEC_PHASE`` chooses: ``all`` (the default: both, the measurements last), ``deterministic`` or
``measure`` (``python3 dev.py spec`` runs every interpreter's deterministic phase side by side, then
the measurements one interpreter at a time). ``SPEC_WORKERS`` sets the number of workers of the
deterministic phase (default: one more than the cores; 1 runs it in one process).
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

from concurrency_spec import outcomes, results, spec_dir

PHASES: Dict[str, str] = {"deterministic": "not performance", "measure": "performance"}
ALL = "all"
SESSIONS = (*PHASES, ALL)  # the names of the sessions' results files: a phase, or both in one
FOLDER = "phases"


def chosen() -> List[str]:
    phase = os.environ.get("SPEC_PHASE") or ALL
    if phase == ALL:
        return list(PHASES)
    if phase not in PHASES:
        raise SystemExit(f"SPEC_PHASE={phase}: not a phase; phases: {ALL}, {', '.join(PHASES)}")
    return [phase]


def sessions() -> List[str]:
    """The pytest sessions of this run, by the phases each runs: both in one (``all``) where the
    deterministic tests run in forked workers, else one session per phase."""
    wanted = chosen()
    return [ALL] if len(wanted) > 1 and can_fork() and workers() > 1 else wanted


def workers() -> int:
    try:
        return max(int(os.environ.get("SPEC_WORKERS") or (os.cpu_count() or 1) + 1), 1)
    except ValueError:
        return 1


def can_fork() -> bool:
    """Whether workers may be forked here: not on Windows (no fork), nor on macOS, where a forked
    process may crash in the system's libraries (and multiprocessing spawns by default)."""
    return hasattr(os, "fork") and sys.platform != "darwin"


def option(args: Sequence[str], name: str) -> Tuple[List[str], Optional[str]]:
    """``args`` without ``name=VALUE`` (or ``name VALUE``), and that value."""
    rest: List[str] = []
    value: Optional[str] = None
    items = list(args)
    while items:
        arg = items.pop(0)
        if arg.startswith(name + "="):
            value = arg[len(name) + 1 :]
        elif arg == name and items:
            value = items.pop(0)
        else:
            rest.append(arg)
    return rest, value


def phase_args(args: Sequence[str], phase: str, folder: Path, stem: str) -> List[str]:
    """The pytest arguments of one session (a phase, or ``all``): its marker expression (and the
    user's), its workers, and its own results files in ``folder``."""
    rest, marks = option(args, "-m")
    rest, _ = option(rest, "--results-json")
    rest, junit = option(rest, "--junitxml")
    if phase == ALL:
        selection = [] if marks is None else ["-m", marks]
    else:
        selection = ["-m", PHASES[phase] if marks is None else f"({marks}) and {PHASES[phase]}"]
    parallel = ["-p", "no:xdist"]
    if phase != "measure" and workers() > 1:
        if can_fork():
            parallel += ["--forks", str(workers())]
        elif importlib.util.find_spec("xdist") is not None:
            parallel = ["-n", str(workers())]
    if phase == "measure":
        rest = [part for arg in rest for part in _measured_files(arg)]
    own = [f"--results-json={folder / f'{stem}.{phase}.json'}"]
    if junit is not None:
        own.append(f"--junitxml={folder / f'{stem}.{phase}.xml'}")
    return [*rest, *selection, *parallel, *own]


def _measured_files(arg: str) -> List[str]:
    """The spec's files that hold measurements, for the spec's folder (``arg`` itself otherwise): the
    measure phase then collects only those, not every file only to deselect their tests."""
    folder = Path(arg)
    if not folder.is_dir() or folder.resolve() != spec_dir().resolve():
        return [arg]
    return [
        str(path)
        for path in sorted(folder.glob("test_*.py"))
        if "mark.performance" in path.read_text("utf-8")
    ]


def run(args: Sequence[str]) -> int:
    """Run the phases SPEC_PHASE names of ``pytest ARGS``; merge each into ARGS' results files. An
    interrupt (Ctrl-C) ends the phase under way, which pytest reports, and skips the phases after it."""
    _, results_json = option(args, "--results-json")
    _, junit = option(args, "--junitxml")
    if results_json is None:  # nothing to merge into: one plain run
        return _pytest(list(args))
    target = Path(results_json)
    folder = target.parent / FOLDER
    clear(target)
    codes = []
    for phase in sessions():
        codes.append(_pytest(phase_args(args, phase, folder, target.stem)))
        try:
            merge(folder, target, Path(junit) if junit else None)
        except OSError as error:
            print(f"ERROR: the results could not be merged into {target}: {error.strerror or error}")
            return INTERNAL_ERROR
        if codes[-1] == INTERRUPTED or codes[-1] > 128:  # interrupted, or killed: no phase after it
            return codes[-1]
    code = combined(codes)
    merged = results.read(target)
    failed = merged is not None and any(e["outcome"] == outcomes.FAILED for e in merged["tests"])
    return 1 if code == 0 and failed else code


INTERRUPTED, INTERNAL_ERROR = 2, 3  # pytest's exit statuses


# set by pytest and pytest-xdist in the session that started this run (the project's own tests start spec
# runs from inside theirs): they describe that session, not this one (a measurement would be reported
# not applicable because "other pytest-xdist workers run on the same cores")
OUTER_SESSION = (
    "PYTEST_XDIST_WORKER",
    "PYTEST_XDIST_WORKER_COUNT",
    "PYTEST_XDIST_TESTRUNUID",
    "PYTEST_CURRENT_TEST",
)


def _pytest(args: List[str]) -> int:
    env = {name: value for name, value in os.environ.items() if name not in OUTER_SESSION}
    child = subprocess.Popen([sys.executable, "-m", "pytest", *args], env=env)
    while True:
        try:
            code = child.wait()
            return 128 - code if code < 0 else code  # killed by signal N: 128 + N, as a shell says
        except KeyboardInterrupt:  # the child got it too (one process group): let it report and end
            continue


def clear(target: Path) -> None:
    """Remove what an earlier run left for ``target``'s environment: its results, and the results of
    the phases about to run (a run that starts with the deterministic phase starts afresh)."""
    folder = target.parent / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    wanted = chosen()
    afresh = "deterministic" in wanted
    if afresh:
        for suffix in (".json", ".jsonl", ".xml"):
            target.with_suffix(suffix).unlink(missing_ok=True)
    # a session of both phases holds the one about to run too
    for phase in SESSIONS if afresh else [*wanted, ALL]:
        for stale in folder.glob(f"{target.stem}.{phase}.*"):
            stale.unlink()


def combined(codes: Sequence[int]) -> int:
    """One exit status for the phases: 0 if all passed, 1 if tests failed, else the first other one;
    a phase that selected no test (5) does not count."""
    counted = [code for code in codes if code != 5] or [5]
    unusual = [code for code in counted if code not in (0, 1)]
    return unusual[0] if unusual else max(counted)


def merge(folder: Path, target: Path, junit: Optional[Path]) -> None:
    """The results of every phase in ``folder`` for ``target``'s environment, as one results file (with
    its log and JUnit XML): complete when every phase run is there and complete."""
    found = {phase: results.read(folder / f"{target.stem}.{phase}.json") for phase in SESSIONS}
    merged = _merged_results(found)
    if merged is not None:
        results.write_atomically(target, json.dumps(merged, indent=1, ensure_ascii=False))
    logs = [log for log in (folder / f"{target.stem}.{phase}.jsonl" for phase in SESSIONS) if log.exists()]
    if logs:
        lines = [line for log in logs for line in _log_lines(log, first=log == logs[0])]
        results.write_atomically(target.with_suffix(".jsonl"), "".join(lines))
    if junit is not None:
        _merge_junit([folder / f"{target.stem}.{phase}.xml" for phase in SESSIONS], junit)


def _merged_results(found: Dict[str, Optional[Dict[str, Any]]]) -> Optional[Dict[str, Any]]:
    present = [data for data in found.values() if data is not None]
    if not present:
        return None
    merged = dict(present[-1])
    merged["facts"] = {**present[0]["facts"], "finished_at": present[-1]["facts"].get("finished_at", "")}
    merged["tests"] = _without_stand_ins([entry for data in present for entry in data["tests"]])
    outcomes.mark_stale(merged["tests"], merged.get("deviations") or {})  # tests of two phases, seen whole
    merged["findings"] = [finding for data in present for finding in data.get("findings", [])]
    ran = [found[phase] for phase in sessions()]
    merged["complete"] = all(data is not None and data.get("complete") for data in ran + present)
    reused = [
        f"{'both phases' if phase == ALL else phase + ' phase'}: {data['reused_from']}"
        for phase, data in found.items()
        if data and "reused_from" in data
    ]
    merged.pop("reused_from", None)
    if reused:
        merged["reused_from"] = "; ".join(reused)
    return merged


def _without_stand_ins(entries: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """``entries`` without the stand-ins of a phase for claims it had no test of (a claim that does not
    apply, whose tests are all in the other phase): the other phase's entries are that claim's."""
    tested = {claim for entry in entries if entry["test"] for claim in entry["claims"]}
    return [entry for entry in entries if entry["test"] or not set(entry["claims"]) <= tested]


def _log_lines(log: Path, first: bool) -> List[str]:
    lines = log.read_text(encoding="utf-8").splitlines(keepends=True)
    return lines if first else lines[1:]  # one header: the first phase's facts


def _merge_junit(parts: Sequence[Path], target: Path) -> None:
    suites = [ElementTree.parse(part).getroot() for part in parts if part.exists()]
    if not suites:
        return
    root = ElementTree.Element("testsuites")
    for suite in suites:
        root.extend(suite if suite.tag == "testsuites" else [suite])
    target.parent.mkdir(parents=True, exist_ok=True)
    ElementTree.ElementTree(root).write(target, encoding="utf-8", xml_declaration=True)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
