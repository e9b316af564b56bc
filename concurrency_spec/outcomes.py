"""The outcome vocabulary: what a test or a claim can come to, in one place.

Used by the run's summary (``concurrency_spec.pytest_plugin``), the results files, the interpreter
report and the implementation matrix, so that "pass", "FAIL", "dev" and "n/a" mean the same
everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional

PASSED = "passed"
FAILED = "failed"
DEVIATION = "deviation"
NOT_APPLICABLE = "not-applicable"
SKIPPED = "skipped"

#: Prefixes of the reasons pytest records for a not-applicable test and a declared deviation.
NOT_APPLICABLE_PREFIX = "not applicable: "
DEVIATION_PREFIX = "declared deviation: "


@dataclass(frozen=True)
class Outcome:
    key: str
    rank: int  # a claim's verdict is the outcome of highest rank among its tests
    label: str  # short, for table cells
    meaning: str  # what the verdict of a claim means


OUTCOMES: Dict[str, Outcome] = {
    outcome.key: outcome
    for outcome in (
        Outcome(NOT_APPLICABLE, 0, "n/a", "not applicable here: the claim's requirements are not met"),
        Outcome(SKIPPED, 1, "skip", "skipped for a reason other than the claim's requirements"),
        Outcome(PASSED, 2, "pass", "every applicable test of the claim passed"),
        Outcome(
            DEVIATION,
            3,
            "dev",
            "declared deviation: the implementation says it does not meet the claim, "
            "and a test of it fails as declared",
        ),
        Outcome(FAILED, 4, "FAIL", "a test of the claim failed: the implementation does not meet it here"),
    )
}

#: The order in which summaries count outcomes.
SUMMARY_ORDER = (PASSED, FAILED, DEVIATION, NOT_APPLICABLE, SKIPPED)


def summary(counts: Dict[str, int]) -> str:
    """``"88 passed, 1 failed, 3 not-applicable"``: the counts of a summary, in SUMMARY_ORDER."""
    return ", ".join(f"{counts[key]} {key}" for key in SUMMARY_ORDER if counts.get(key))


def label(outcome: Optional[str]) -> str:
    """The table label of an outcome; "–" for none (the claim did not run)."""
    if outcome is None:
        return "–"
    return OUTCOMES[outcome].label if outcome in OUTCOMES else OUTCOMES[FAILED].label


def verdict(outcomes: Iterable[str]) -> Optional[str]:
    """A claim's verdict from its tests' outcomes: the highest-ranked one.

    A claim is not applicable only when none of its tests applies; one passing test makes it pass;
    a failing one makes it fail. An unknown outcome counts as a failure. None when there is no test.
    """
    known = [o if o in OUTCOMES else FAILED for o in outcomes]
    return max(known, key=lambda o: OUTCOMES[o].rank) if known else None


def after_phase(so_far: str, phase: str) -> str:
    """A test's outcome after one more of its phases (setup, call, teardown) reported ``phase``.

    Any outcome other than "passed" replaces "passed" (a skipped setup makes the test not applicable);
    otherwise the higher-ranked outcome stays.
    """
    if so_far == PASSED:
        return phase
    if phase == PASSED:
        return so_far
    return verdict([so_far, phase]) or so_far


STALE = "declared deviation, but every test of the claim passed: the declaration is stale"


def mark_stale(entries: Iterable[Any], deviations: Dict[str, str], skip: Iterable[str] = ()) -> List[str]:
    """The declared deviations whose tests all passed (in ``entries``, results' test entries): a
    declaration that no test bears out is stale, and its tests are turned into failures. Claims in
    ``skip`` are left alone (some of their tests are elsewhere)."""
    skipped = set(skip)
    by_claim: Dict[str, List[Any]] = {}
    for entry in entries:
        for claim_id in entry["claims"]:
            if claim_id in deviations and claim_id not in skipped:
                by_claim.setdefault(claim_id, []).append(entry)
    stale = []
    for claim_id, found in sorted(by_claim.items()):
        ran = [e for e in found if e["outcome"] in (PASSED, DEVIATION, FAILED)]
        if ran and all(e["outcome"] == PASSED for e in ran):
            stale.append(claim_id)
            for entry in ran:
                entry["outcome"] = FAILED
                entry["reason"] = f"{STALE}: {claim_id}: {deviations[claim_id]}"
    return stale
