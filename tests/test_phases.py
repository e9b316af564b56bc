"""concurrency_spec/phases.py merges the results of a run's sessions into one file."""

import json

from concurrency_spec import phases


def entry(test, claim, outcome="passed", reason=""):
    return {
        "test": test,
        "claims": [claim],
        "params": "",
        "outcome": outcome,
        "reason": reason,
        "duration": 0.0,
    }


def write(folder, session, tests):
    data = {"facts": {"finished_at": session}, "tests": tests, "findings": [], "complete": True}
    (folder / f"py311.{session}.json").write_text(json.dumps(data))


def test_a_claim_without_a_test_in_one_phase_is_the_other_phase_s_test_not_a_stand_in(tmp_path, monkeypatch):
    monkeypatch.setenv("SPEC_PHASE", "measure")  # after the deterministic phase, as dev.py spec runs them
    not_applicable = "not applicable: the GIL is enabled on this interpreter"
    write(
        tmp_path,
        "deterministic",
        [entry("t.py::test_a", "a"), entry("", "gil", "not-applicable", not_applicable)],
    )
    write(tmp_path, "measure", [entry("t.py::test_gil", "gil", "not-applicable", not_applicable)])
    phases.merge(tmp_path, tmp_path / "py311.json", None)
    merged = json.loads((tmp_path / "py311.json").read_text())
    assert [(e["test"], e["claims"]) for e in merged["tests"]] == [
        ("t.py::test_a", ["a"]),
        ("t.py::test_gil", ["gil"]),
    ]


def test_a_stand_in_stays_where_no_session_has_the_claim_s_tests(tmp_path, monkeypatch):
    monkeypatch.setenv("SPEC_PHASE", "deterministic")
    write(tmp_path, "deterministic", [entry("", "gil", "not-applicable", "not applicable: the GIL")])
    phases.merge(tmp_path, tmp_path / "py311.json", None)
    merged = json.loads((tmp_path / "py311.json").read_text())
    assert [(e["test"], e["claims"]) for e in merged["tests"]] == [("", ["gil"])]
