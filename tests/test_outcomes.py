"""The plugin's verdict code proves itself. concurrency_spec/outcomes.py: a claim's verdict is its tests'
outcome of highest rank (failed > deviation > passed > skipped > not applicable; an unknown outcome is a
failure), a test's outcome after each of its phases is the phase's unless it passed, and summaries and
labels say the same everywhere. concurrency_spec/pytest_plugin/core.py: what a report's outcome and reason
are, how a test's entry adds up its phases, which claims without a test are not applicable, which declared
deviations are stale, and each claim's verdict.

``python3 dev.py mutate`` mutates this code, and no spec test passes or fails by it: these are the tests
its mutants must fail."""

import io
import itertools
import json
from types import SimpleNamespace

import pytest

from concurrency_spec import outcomes
from concurrency_spec.claims import Claim
from concurrency_spec.outcomes import DEVIATION, FAILED, NOT_APPLICABLE, PASSED, SKIPPED
from concurrency_spec.pytest_plugin import core

BY_RANK = [NOT_APPLICABLE, SKIPPED, PASSED, DEVIATION, FAILED]


@pytest.mark.parametrize(("lower", "higher"), list(itertools.combinations(BY_RANK, 2)))
def test_a_verdict_is_the_outcome_of_highest_rank(lower, higher):
    assert outcomes.verdict([lower, higher]) == higher
    assert outcomes.verdict([higher, lower, lower]) == higher


def test_a_claim_with_one_kind_of_outcome_has_that_verdict_and_one_without_tests_none():
    assert [outcomes.verdict([o]) for o in BY_RANK] == BY_RANK
    assert outcomes.verdict([]) is None


def test_an_unknown_outcome_counts_as_a_failure():
    assert outcomes.verdict(["crashed"]) == FAILED
    assert outcomes.verdict([PASSED, "crashed", DEVIATION]) == FAILED


@pytest.mark.parametrize(
    ("so_far", "phase", "after"),
    [
        (PASSED, PASSED, PASSED),
        (PASSED, NOT_APPLICABLE, NOT_APPLICABLE),  # a setup found the claim not applicable
        (PASSED, FAILED, FAILED),
        (PASSED, DEVIATION, DEVIATION),
        (NOT_APPLICABLE, PASSED, NOT_APPLICABLE),  # the teardown of a test skipped at setup
        (DEVIATION, PASSED, DEVIATION),
        (FAILED, PASSED, FAILED),
        (DEVIATION, FAILED, FAILED),  # an error at teardown after the declared failure
        (FAILED, SKIPPED, FAILED),
        (NOT_APPLICABLE, FAILED, FAILED),
        (SKIPPED, NOT_APPLICABLE, SKIPPED),
    ],
)
def test_a_test_s_outcome_after_a_phase_is_the_phase_s_unless_it_passed_else_the_higher(so_far, phase, after):
    assert outcomes.after_phase(so_far, phase) == after


def test_a_summary_counts_in_summary_order_and_leaves_out_zeros_and_unknown_outcomes():
    counts = {NOT_APPLICABLE: 3, FAILED: 1, PASSED: 88, SKIPPED: 0, "crashed": 2}

    assert outcomes.summary(counts) == "88 passed, 1 failed, 3 not-applicable"
    assert outcomes.summary({}) == ""


def test_a_label_is_the_outcome_s_short_name_a_dash_for_none_and_fail_for_the_unknown():
    assert [outcomes.label(o) for o in BY_RANK] == ["n/a", "skip", "pass", "dev", "FAIL"]
    assert outcomes.label(None) == "–"
    assert outcomes.label("crashed") == "FAIL"


# The plugin's verdict code in concurrency_spec/pytest_plugin/core.py: a report's outcome and reason, a
# test's entry as its phases end, the claims without a test, stale deviations and each claim's verdict.
# The reports are made up with the attributes pytest's carry (skipped, failed, passed, longrepr, wasxfail).

OK = "python>=3.0"
NEVER = "python>=3000.0"  # a requirement no interpreter here meets
NEVER_TOO = "python<3.0"


def report(outcome="passed", when="call", longrepr=None, duration=0.0, **extra):
    return SimpleNamespace(
        nodeid="spec/t.py::test",
        user_properties=[],
        skipped=outcome == "skipped",
        failed=outcome == "failed",
        passed=outcome == "passed",
        when=when,
        longrepr=longrepr,
        duration=duration,
        **extra,
    )


def skip(reason, when="call"):
    return report("skipped", when, longrepr=("spec/test_x.py", 3, f"Skipped: {reason}"))


def failure(message, when="call"):
    return report("failed", when, longrepr=SimpleNamespace(reprcrash=SimpleNamespace(message=message)))


def xfail(declared):
    return report(
        "skipped", longrepr=SimpleNamespace(reprcrash=SimpleNamespace(message="E")), wasxfail=declared
    )


@pytest.mark.parametrize(
    ("made", "outcome"),
    [
        (report(), PASSED),
        (failure("boom"), FAILED),
        (xfail("declared deviation: x"), DEVIATION),
        (report(wasxfail="declared deviation: x"), PASSED),  # an unexpected pass of a non-strict xfail
        (skip("not applicable: needs fork"), NOT_APPLICABLE),
        (report("skipped", longrepr="Skipped: not applicable: needs fork"), NOT_APPLICABLE),
        (skip("no reason of the claim's"), SKIPPED),
        (report("skipped", longrepr="Skipped: no reason of the claim's"), SKIPPED),
    ],
)
def test_a_report_s_outcome(made, outcome):
    assert core._outcome_of(made) == outcome


@pytest.mark.parametrize(
    ("made", "reason"),
    [
        (report(), ""),
        (report(wasxfail="declared deviation: x"), ""),
        (xfail("declared deviation: x"), "declared deviation: x"),
        (skip("not applicable: needs fork"), "not applicable: needs fork"),
        (failure("boom"), "boom"),
        (failure("x" * 2500), "x" * 2000),
        (report("failed", longrepr="a failure without a crash line"), "a failure without a crash line"),
    ],
)
def test_a_report_s_reason(made, reason):
    assert core._reason_of(made) == reason


def new_state(**fields):
    defaults = dict(
        outcomes={},
        deviations={},
        catalogue={},
        tested=set(),
        chapters_run=set(),
        deselected_claims=set(),
        config=SimpleNamespace(getoption=lambda name: []),
        log=None,
        results_error="",
    )
    return SimpleNamespace(**{**defaults, **fields})


def record(state, nodeid, *reports, params=None, claims=("c",)):
    """Each phase's report of the test ``nodeid``, with the claims and parameters the plugin gives it."""
    properties = [("claim", claim_id) for claim_id in claims] + ([("params", params)] if params else [])
    for made in reports:
        made.nodeid, made.user_properties = nodeid, properties
        core._record(state, made)
    return state.outcomes[nodeid]


def entry(test, outcome, reason="", duration=0.0, params="", claims=("c",)):
    return {
        "test": test,
        "claims": list(claims),
        "params": params,
        "outcome": outcome,
        "reason": reason,
        "duration": duration,
    }


def test_a_test_s_entry_adds_up_its_phases_durations_and_keeps_the_failing_phase_s_reason():
    state = new_state()
    phases = [report(when="setup", duration=0.5), failure("boom"), report(when="teardown", duration=0.25)]
    phases[1].duration = 1.0

    made = record(state, "spec/t.py::test[spawn]", *phases, params="spawn", claims=("a", "b"))

    assert made == entry("spec/t.py::test[spawn]", FAILED, "boom", 1.75, "spawn", claims=("a", "b"))


def test_a_test_s_claims_are_tested_and_their_chapters_ran():
    state = new_state(catalogue=catalogue(claim("s5.a", "§5.9"), claim("s2.b", "§2")))

    record(state, "spec/t.py::test", report(when="setup"), claims=("s5.a", "s2.b", "not.in.the.catalogue"))

    assert state.tested == {"s5.a", "s2.b", "not.in.the.catalogue"}
    assert state.chapters_run == {"§5", "§2"}


def test_a_test_skipped_at_setup_is_not_applicable_with_its_reason_whatever_its_teardown():
    phases = [skip("not applicable: needs fork", "setup"), report(when="teardown")]
    made = record(new_state(), "spec/t.py::test", *phases)

    assert made == entry("spec/t.py::test", NOT_APPLICABLE, "not applicable: needs fork")


def test_a_later_failure_of_a_failed_test_gives_its_reason():
    made = record(new_state(), "spec/t.py::test", failure("first"), failure("at teardown", "teardown"))

    assert made == entry("spec/t.py::test", FAILED, "at teardown")


def test_a_later_phase_without_a_reason_keeps_the_reason_so_far():
    phases = [xfail("declared deviation: x"), failure("", "teardown")]
    made = record(new_state(), "spec/t.py::test", *phases)

    assert made == entry("spec/t.py::test", FAILED, "declared deviation: x")


def test_a_later_phase_of_lower_rank_leaves_the_outcome_and_its_reason():
    phases = [failure("boom"), skip("no reason of the claim's", "teardown")]
    made = record(new_state(), "spec/t.py::test", *phases)

    assert made == entry("spec/t.py::test", FAILED, "boom")


def test_each_test_s_entry_is_logged_once_when_its_teardown_ends():
    log = io.StringIO()
    state = new_state(log=log)
    record(state, "spec/t.py::one", report(when="setup"), report(), report(when="teardown"))
    record(state, "spec/t.py::two", report(when="setup"), failure("boom"))

    lines = [json.loads(line) for line in log.getvalue().splitlines()]
    assert lines == [{"test": entry("spec/t.py::one", PASSED)}]


def claim(claim_id, section, *requires):
    return Claim(claim_id, section, f"the claim {claim_id}", requires=tuple(requires))


def catalogue(*claims):
    return {c.id: c for c in claims}


def test_claims_without_a_test_in_a_chapter_that_ran_are_not_applicable_where_their_requirements_fail():
    state = new_state(
        catalogue=catalogue(
            claim("s4.unrun", "§4.1", NEVER),  # its chapter did not run
            claim("s5.a.tested", "§5.1", NEVER),  # it has a test
            claim("s5.b.unmet", "§5.2", NEVER, NEVER_TOO),
            claim("s5.c.applies", "§5.3", OK),  # applies here, yet has no test: no entry
            claim("s5.d.unmet", "§5.4", NEVER),
            claim("x.deselected", "§5.5", NEVER),
        ),
        config=SimpleNamespace(getoption=lambda name: ["s*"] if name == "--claim" else []),
        tested={"s5.a.tested"},
        chapters_run={"§5"},
    )
    why = core.outcomes.NOT_APPLICABLE_PREFIX + "; ".join(claim("x", "§1", NEVER, NEVER_TOO).unmet())

    made = core._claims_without_tests(state)

    assert made == [
        entry("", NOT_APPLICABLE, why, claims=["s5.b.unmet"]),
        entry("", NOT_APPLICABLE, why.split("; ")[0], claims=["s5.d.unmet"]),
    ]
    assert core.all_entries(state) == made
    state.outcomes["spec/t.py::test"] = entry("spec/t.py::test", PASSED, claims=["s5.a.tested"])
    assert core.all_entries(state) == [state.outcomes["spec/t.py::test"], *made]


def test_claims_without_a_test_outside_the_sections_selected_are_left_out():
    state = new_state(
        catalogue=catalogue(claim("s5.b", "§5.2", NEVER), claim("s5.d", "§5.4", NEVER)),
        config=SimpleNamespace(getoption=lambda name: ["5.2"] if name == "--section" else []),
        chapters_run={"§5"},
    )

    assert [e["claims"] for e in core._claims_without_tests(state)] == [["s5.b"]]


def test_a_section_s_chapter_is_its_top_level_section():
    assert [core.chapter(s) for s in ("§5.9", "§5", "§9.5.1")] == ["§5", "§5", "§9"]


def test_a_declared_deviation_whose_tests_all_passed_is_stale_and_its_tests_fail():
    stale_one, stale_two = entry("t1", PASSED, claims=["x"]), entry("t2", PASSED, claims=["x", "free"])
    deviating, passing = entry("t3", DEVIATION, claims=["y"]), entry("t4", PASSED, claims=["y"])
    not_run, free = entry("t5", NOT_APPLICABLE, claims=["z"]), entry("t6", PASSED, claims=["free"])
    also_stale = entry("t7", PASSED, claims=["w"])
    state = new_state(
        outcomes={
            e["test"]: e for e in (also_stale, stale_one, stale_two, deviating, passing, not_run, free)
        },
        deviations={"w": "why w", "x": "why x", "y": "why y", "z": "why z"},
    )

    assert core._stale_deviations(state) == ["w", "x"]

    assert stale_one == entry("t1", FAILED, f"{outcomes.STALE}: x: why x", claims=["x"])
    assert stale_two == entry("t2", FAILED, f"{outcomes.STALE}: x: why x", claims=["x", "free"])
    assert also_stale == entry("t7", FAILED, f"{outcomes.STALE}: w: why w", claims=["w"])
    assert (deviating["outcome"], passing["outcome"], not_run["outcome"], free["outcome"]) == (
        DEVIATION,
        PASSED,
        NOT_APPLICABLE,
        PASSED,
    )


def test_a_deviation_with_tests_left_to_another_phase_is_not_judged_stale_here():
    passed = entry("t1", PASSED, claims=["x"])
    state = new_state(outcomes={"t1": passed}, deviations={"x": "why x"}, deselected_claims={"x"})

    assert core._stale_deviations(state) == []
    assert passed["outcome"] == PASSED


def test_each_claim_s_verdict_is_over_its_tests_and_the_claims_without_a_test():
    state = new_state(
        catalogue=catalogue(claim("s5.a", "§5.1"), claim("s5.b", "§5.2"), claim("s5.c", "§5.3", NEVER)),
        outcomes={
            "t1": entry("t1", PASSED, claims=["s5.a", "s5.b"]),
            "t2": entry("t2", FAILED, claims=["s5.b"]),
            "t3": entry("t3", NOT_APPLICABLE, claims=["s5.a"]),
        },
        tested={"s5.a", "s5.b"},
        chapters_run={"§5"},
    )

    assert core.claim_verdicts(state) == {"s5.a": PASSED, "s5.b": FAILED, "s5.c": NOT_APPLICABLE}
