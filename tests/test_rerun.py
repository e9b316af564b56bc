"""A warm rerun of the spec in a tox environment reuses the results of the last run when nothing they
depend on has changed, and runs the tests again when something has (or when asked to)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.timeout(300)  # each test runs the spec several times in a fresh interpreter
ROOT = Path(__file__).resolve().parent.parent
REUSED = "results are reused"


def rerun(tmp_path, *extra, env=None):
    results = tmp_path / "out" / "r.json"
    spec = "spec/test_s02_threading.py"  # (one file: collecting the whole spec would only take longer)
    command = [
        sys.executable,
        "-m",
        "concurrency_spec.rerun",
        str(tmp_path / "cache"),
        "--",
        spec,
        "--claim",
        "threading.thread.target-runs",
        f"--results-json={results}",
        "-q",
        "-p",
        "no:cacheprovider",
        *extra,
    ]
    run = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=120, env=dict(os.environ, **(env or {}))
    )
    return run, results


def test_the_second_run_reuses_the_first_ones_results(tmp_path):
    first, results = rerun(tmp_path)
    assert first.returncode == 0 and REUSED not in first.stdout
    results.unlink()
    second, results = rerun(tmp_path)
    assert second.returncode == 0 and REUSED in second.stdout
    assert results.exists()


def test_other_arguments_settings_or_spec_rerun_run_the_tests_again(tmp_path):
    rerun(tmp_path)
    assert REUSED not in rerun(tmp_path, "--start-method", "spawn")[0].stdout
    assert REUSED not in rerun(tmp_path, env={"SPEC_LOOPS": "asyncio"})[0].stdout
    assert REUSED not in rerun(tmp_path, env={"SPEC_RERUN": "1"})[0].stdout


def test_a_selection_through_arguments_or_pytest_addopts_is_never_served_to_a_full_run(tmp_path):
    narrowed, _ = rerun(tmp_path, env={"PYTEST_ADDOPTS": "-k no_such_test"})
    assert narrowed.returncode == 5  # nothing selected: not kept for reuse
    rerun(tmp_path, env={"PYTEST_ADDOPTS": "-k target"})
    assert REUSED not in rerun(tmp_path)[0].stdout
    rerun(tmp_path, "-k", "target")
    assert REUSED not in rerun(tmp_path)[0].stdout


def test_reused_results_say_when_the_run_that_made_them_finished(tmp_path):
    import json

    from concurrency_spec import report

    first, results = rerun(tmp_path)
    finished_at = json.loads(results.read_text())["facts"]["finished_at"]
    assert "reused_from" not in json.loads(results.read_text())
    second, results = rerun(tmp_path)
    reused_from = json.loads(results.read_text())["reused_from"]
    assert finished_at in reused_from  # "deterministic phase: <when>; measure phase: <when>"
    assert f"since its last run here ({reused_from})" in second.stdout
    loaded = report.load([results])
    assert f"reused: the results of a run that finished at {reused_from}" in report.terminal(loaded)
    assert f"reused: {reused_from}" in report.html_report(loaded)
