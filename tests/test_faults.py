"""A deadlocked, crashed or killed implementation ends the run with verdicts: each fault of ``faults/``
(a lock never released, a queue whose get never returns, a pool worker that kills itself...) makes
exactly its TARGETS fail, the run ends within its BOUND with its results written, and no process of
the run is left behind, even where threads stay stuck in the implementation."""

import importlib
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from processes import session_members

ROOT = Path(__file__).resolve().parent.parent
FAULTS = sorted(
    p.stem
    for p in (ROOT / "faults").glob("*.py")
    if not p.stem.startswith("_") and hasattr(importlib.import_module(f"faults.{p.stem}"), "TARGETS")
)


def fault(name):
    return importlib.import_module(f"faults.{name}")


@pytest.mark.slow
@pytest.mark.timeout(400)
@pytest.mark.parametrize("name", FAULTS)
def test_a_fault_ends_the_run_with_its_claims_not_met_and_nothing_left_running(name, tmp_path):
    module = fault(name)
    results = tmp_path / "results.json"
    started = time.monotonic()
    with subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pytest",
            "spec",
            f"--impl=faults.{name}",
            f"--results-json={results}",
            "-q",
            "-p",
            "no:cacheprovider",
            *module.ARGS,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    ) as run:
        output, _ = run.communicate(timeout=module.BOUND + 60)
    took = time.monotonic() - started
    time.sleep(0.5)  # the session's last processes see their parent gone
    assert session_members(run.pid) == [], f"left behind by the run of faults.{name}"
    assert took <= module.BOUND, f"faults.{name}: the run took {took:.0f} s, its bound is {module.BOUND} s"
    assert run.returncode == 1, output[-3000:]
    data = json.loads(results.read_text())
    assert data["complete"] is True
    failed = {claim for entry in data["tests"] if entry["outcome"] == "failed" for claim in entry["claims"]}
    assert failed == set(module.TARGETS), output[-3000:]
    for claim in module.TARGETS:
        assert f"NOT MET   {claim}" in output
