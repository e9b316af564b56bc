"""Results reach standard formats too: each test's claims and parameters are JUnit XML properties, and
results are written as the run goes (JSON lines), so a crashed or killed run still leaves what it did."""

import json
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from concurrency_spec import results as schema

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.timeout(120)  # runs a part of the spec in a fresh interpreter
def test_a_run_writes_json_lines_as_it_goes_and_claims_as_junit_properties(tmp_path):
    results, junit = tmp_path / "r.json", tmp_path / "r.xml"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "spec/test_s03_multiprocessing.py",
            "--claim",
            "multiprocessing.pool.map-*",
            f"--results-json={results}",
            f"--junitxml={junit}",
            "-q",
            "-p",
            "no:cacheprovider",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout[-2000:]

    lines = [json.loads(line) for line in results.with_suffix(".jsonl").read_text().splitlines()]
    assert schema.problems(json.loads(results.read_text())) == []
    assert schema.problems(lines[0]["facts"], schema.Facts, "the log's facts") == []
    for line in lines[1:]:
        assert schema.problems(line["test"], schema.TestEntry, "a log line") == []
    assert "facts" in lines[0] and lines[0]["facts"]["python"]
    logged = [line["test"] for line in lines[1:]]
    assert {entry["test"] for entry in logged} == {
        entry["test"] for entry in json.loads(results.read_text())["tests"]
    }
    assert all(entry["outcome"] == "passed" for entry in logged)

    cases = ElementTree.parse(junit).getroot().iter("testcase")
    properties = [{(p.get("name"), p.get("value")) for p in case.iter("property")} for case in cases]
    assert ("claim", "multiprocessing.pool.map-input-order") in set().union(*properties)
    assert all(any(name == "params" for name, _ in found) for found in properties)  # fork, spawn, forkserver
