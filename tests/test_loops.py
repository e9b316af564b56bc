"""Any event loop is judged truly: what a loop leaks on its own is a hygiene finding of that loop, never
a failure of the document's claims; an implementation's own leak still fails the claim whose test
caught it; a loop that takes ownership of a socket handed to it runs the loopback server's claims."""

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_spec(tmp_path, *args):
    results = tmp_path / "results.json"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "spec",
            f"--results-json={results}",
            "-q",
            "-p",
            "no:cacheprovider",
            *args,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    data = json.loads(results.read_text())
    failed = {c for entry in data["tests"] if entry["outcome"] == "failed" for c in entry["claims"]}
    return run, data, failed


def test_a_loop_that_leaks_at_close_meets_every_claim_and_gets_one_finding(tmp_path):
    run, data, failed = run_spec(tmp_path, "--loop", "faults.loops:leaky_loop", "-k", "leaky_loop")
    assert failed == set(), run.stdout[-3000:]
    assert run.returncode == 0
    [finding] = data["findings"]
    assert finding["loop"] == "leaky_loop" and finding["what"].startswith("unclosed <socket.socket")
    assert finding["count"] > 40
    if hasattr(sys, "getrefcount"):  # refcounting: the object is finalized where the loop drops it
        assert "faults/loops.py" in finding["where"]
    else:
        assert "garbage collector" in finding["where"]
    assert "hygiene findings: defects of the event loop itself, not claims" in run.stdout


def test_an_implementation_that_leaks_fails_its_claims_on_a_leaky_loop(tmp_path):
    run, data, failed = run_spec(
        tmp_path,
        "--impl",
        "faults.leaks_a_socket",
        "--loop",
        "faults.loops:leaky_loop",
        "-k",
        "leaky_loop",
        "--section",
        "5.2",
    )
    from faults.leaks_a_socket import TARGETS

    assert {"asyncio.sleep.does-not-block", "asyncio.sleep.pauses-for-its-delay"} <= failed <= set(TARGETS)
    own_socket = r"unclosed <socket\.socket [^>]*family=(2|AddressFamily\.AF_INET)\b"  # 3.9 and 3.10 name it
    assert re.search(own_socket, run.stdout), run.stdout[-3000:]
    assert [f["loop"] for f in data["findings"]] == ["leaky_loop"]


def test_a_loop_that_takes_ownership_of_the_servers_socket_meets_the_server_claims(tmp_path):
    run, data, failed = run_spec(
        tmp_path,
        "--loop",
        "faults.loops:owning_loop",
        "-k",
        "owning_loop and (semaphore_queue or s06 or s08_1)",
    )
    assert failed == set(), run.stdout[-3000:]
    assert data["findings"] == []
    assert sum(entry["outcome"] == "passed" for entry in data["tests"]) >= 10
