"""Declared deviations: an implementation's DEVIATIONS run as strict expected failures, reported as
"deviation"; a declared deviation that passes after all is a failure, so a stale declaration is seen."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLAIM = "threading.lock.every-increment"


def _run_with(tmp_path, source):
    (tmp_path / "alternate.py").write_text(source)
    results = tmp_path / "results.json"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT)]))
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "spec/test_s02_threading.py",
            "--claim",
            "threading.lock.*",
            "--impl",
            "alternate",
            f"--results-json={results}",
            "-q",
            "-p",
            "no:cacheprovider",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    outcomes = {}
    for entry in json.loads(results.read_text())["tests"]:
        for claim_id in entry["claims"]:
            outcomes.setdefault(claim_id, set()).add(entry["outcome"])
    return run, outcomes


def test_a_declared_deviation_is_reported_as_such_and_does_not_fail_the_run(tmp_path):
    run, outcomes = _run_with(
        tmp_path,
        "from mutants.counter_without_lock import Implementation as Broken\n"
        "class Implementation(Broken):\n"
        f"    DEVIATIONS = {{{CLAIM!r}: 'counts without its lock on purpose'}}\n",
    )
    assert outcomes[CLAIM] == {"deviation"}
    assert outcomes["threading.lock.total"] == {"passed"}
    assert run.returncode == 0, run.stdout[-2000:]
    assert "DEVIATION" in run.stdout and "counts without its lock on purpose" in run.stdout


def test_a_declared_deviation_that_passes_is_a_failure(tmp_path):
    run, outcomes = _run_with(
        tmp_path,
        "from concurrency_spec.reference import Reference\n"
        "class Implementation(Reference):\n"
        f"    DEVIATIONS = {{{CLAIM!r}: 'stale declaration'}}\n",
    )
    assert outcomes[CLAIM] == {"failed"}
    assert run.returncode == 1
