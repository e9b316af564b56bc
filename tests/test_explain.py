"""`concurrency-spec explain` answers in the terminal: for a claim, the document's words it quotes, its
sentence, its tests with file:line and their first lines, the last verdicts known; for a section, its
statements and its claims. Anything else is one line and exit status 2."""

import subprocess
import sys
from pathlib import Path

import pytest
import spec_results

from concurrency_spec.claims import load_catalogue
from concurrency_spec.report import proofs

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = load_catalogue()
FAILING, WHY = spec_results.FAILING, spec_results.WHY
FINISHED = "finished 2026-01-02 03:04:05 UTC"


def explain(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "concurrency_spec", "explain", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_claim_its_quote_sentence_tests_and_last_verdicts(tmp_path):
    run = explain(FAILING, cwd=spec_results.latest(tmp_path))
    assert run.returncode == 0, run.stderr
    claim = CATALOGUE[FAILING]
    test = next(t for t in proofs.spec_tests() if FAILING in t.claims)
    for words in (*claim.quote, claim.text, f"{test.where}  {test.name}", f"def {test.name}("):
        assert words in run.stdout, words
    assert f"interpreters (.results, {FINISHED}): pass py311; FAIL py312 ({WHY})" in run.stdout
    assert f"implementations (.matrix, {FINISHED}): pass on all 2" in run.stdout


def test_a_claim_without_results_is_not_run_yet(tmp_path):
    run = explain(FAILING, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.rstrip().endswith("not run yet (python3 dev.py spec, concurrency-spec matrix)")


@pytest.mark.parametrize("section", ["§2.3", "2.3"])
def test_a_section_its_statements_and_claims(section, tmp_path):
    run = explain(section, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("§2.3 线程同步 (Lock) — synchronising threads")
    assert "line 78   program      import threading …" in run.stdout
    assert all(claim.id in run.stdout for claim in CATALOGUE.values() if claim.section == "§2.3")


@pytest.mark.parametrize(
    "target, says",
    [
        (
            "threading.lock.totl",
            "no claim or section 'threading.lock.totl' (did you mean threading.lock.total?",
        ),
        ("§11", "no claim or section '§11'"),
    ],
)
def test_an_unknown_claim_or_section_is_one_line_and_exit_status_2(target, says, tmp_path):
    run = explain(target, cwd=tmp_path)
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert run.stderr.startswith(f"concurrency-spec explain: {says}") and "Traceback" not in run.stderr
