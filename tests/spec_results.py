"""Results files shaped as ``pytest --results-json`` writes them, for every claim of the real catalogue and
every test of the real spec (read from its files): what the pages render without running the spec."""

import json
from pathlib import Path

from concurrency_spec.claims import load_catalogue, sorted_claims
from concurrency_spec.report.proofs import spec_tests

CATALOGUE = load_catalogue()


def entry(test, outcome="passed", reason=""):
    return {
        "test": test.nodeid,
        "claims": list(test.claims),
        "params": "",
        "outcome": outcome,
        "reason": reason,
        "duration": 0.01,
    }


def results(env, python="3.12.1", failing=None, impl="reference", implementation="cpython", gil=True):
    """Every test passes, but those of the claims in ``failing`` ({claim id: reason})."""
    failing = failing or {}
    tests = []
    for test in spec_tests():
        reason = next((failing[c] for c in test.claims if c in failing), "")
        tests.append(entry(test, "failed" if reason else "passed", reason))
    facts = {
        "env": env,
        "python": python,
        "implementation": implementation,
        "version": python,
        "gil": gil,
        "platform": "Linux-test",
        "cores": 2,
        "impl": impl,
        "impl_contract": "2.0",
        "packages": {"pytest": "9.2.0"},
        "finished_at": "2026-01-02 03:04:05 UTC",
    }
    claims = [claim.as_dict() for claim in sorted_claims(CATALOGUE)]
    return {"facts": facts, "claims": claims, "deviations": {}, "tests": tests}


def write(folder: Path, env, **kwargs):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{env}.json"
    path.write_text(json.dumps(results(env, **kwargs)), encoding="utf-8")
    return path


FAILING = "threading.lock.total"
WHY = "AssertionError: assert 499873 == 500000"


def latest(folder: Path):
    """What ``dev.py spec`` and ``concurrency-spec matrix`` leave in ``folder``: two interpreters in
    ``.results`` (py312 failing FAILING), two implementations in ``.matrix``."""
    write(folder / ".results", "py311", python="3.11.7")
    write(folder / ".results", "py312", python="3.12.1", failing={FAILING: WHY})
    write(folder / ".matrix", "reference", python="3.11.7")
    write(folder / ".matrix", "aiologic", python="3.11.7", impl="concurrency_spec.adapters.aiologic")
    return folder
