"""A failing claim's message quotes the document: a contributor sees what the document says (its own
words, in its own language) next to what happened."""

import subprocess
import sys
from pathlib import Path

from concurrency_spec.claims import load_catalogue

ROOT = Path(__file__).resolve().parent.parent
CLAIM = "threading.lock.every-increment"  # broken by mutants/counter_without_lock.py


def test_the_failure_of_a_claim_quotes_the_documents_words(tmp_path):
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "concurrency_spec",
            "run",
            "--impl",
            "mutants.counter_without_lock",
            "--claim",
            CLAIM,
            "--results",
            str(tmp_path),
            "--no-report",
            "--",
            "-p",
            "no:cacheprovider",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    claim = load_catalogue()[CLAIM]
    said = [f"claim not met: {CLAIM} ({claim.section}): {claim.text}", "  the document says:"]
    said += [f"    {quote}" for quote in claim.quote]
    assert "\n".join(said) in run.stdout, run.stdout[-3000:]
    assert "with lock:  # 获取锁" in said[2]
