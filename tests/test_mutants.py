"""The suite proves it can fail: each mutant in ``mutants/`` breaks the claims it names in TARGETS,
and running the spec against it makes exactly those claims fail, with messages that name them."""

import importlib
import json
import multiprocessing
from pathlib import Path

import pytest
from forking import PytestRunner

from concurrency_spec.claims import load_catalogue
from concurrency_spec.contract import problems

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = sorted(p.stem for p in (ROOT / "mutants").glob("*.py") if not p.stem.startswith("_"))
CATALOGUE = load_catalogue()


def _targets(name):
    return list(importlib.import_module(f"mutants.{name}").TARGETS)


@pytest.fixture(scope="module")
def claim_tests(runner, tmp_path_factory):
    """{claim id: [test node ids]} as collected on this interpreter (what ``concurrency-spec catalogue``
    prints, collected by the runner's warm child rather than by two fresh interpreters)."""
    catalogue = tmp_path_factory.mktemp("catalogue") / "catalogue.json"
    _, output = runner.run(["spec", "--catalogue", str(catalogue), "-q", "-p", "no:cacheprovider"])
    assert catalogue.exists(), output[-3000:]
    return {entry["id"]: entry["tests"] for entry in json.loads(catalogue.read_text())}


@pytest.mark.parametrize("name", MUTANTS)
def test_mutant_declares_known_targets_and_keeps_the_contract(name):
    targets = _targets(name)
    assert targets, f"mutants.{name} declares no TARGETS"
    assert not [t for t in targets if t not in CATALOGUE], f"mutants.{name} targets unknown claims"
    assert problems(f"mutants.{name}") == []


def test_every_claim_is_targeted_by_a_mutant():
    targeted = {t for name in MUTANTS for t in _targets(name)}
    exempt = {c.id for c in CATALOGUE.values() if "no implementation choice breaks it" in c.note}
    missing = sorted(set(CATALOGUE) - targeted - exempt)
    assert not missing, f"claims no mutant breaks: {missing}"


#: The mutants run on asyncio's own loop and under fork, the fastest start method: the other values of
#: those axes repeat the same tests, and a mutant that breaks a claim only under another start method
#: says so in START_METHODS (a context that always forks shows only under spawn).
AXES = ["--loop", "asyncio"]


@pytest.fixture(scope="module")
def runner():
    started = PytestRunner(ROOT)
    yield started
    started.close()


def _start_methods(name):
    wanted = getattr(importlib.import_module(f"mutants.{name}"), "START_METHODS", ["fork"])
    offered = multiprocessing.get_all_start_methods()
    return [m for m in wanted if m in offered] or offered[:1]


def _attempts(name):
    """A mutant whose defect shows only under some thread schedules declares ATTEMPTS: a target it
    did not break is run again, up to that many runs in all (it is broken if any run breaks it)."""
    return getattr(importlib.import_module(f"mutants.{name}"), "ATTEMPTS", 1)


def _run_spec(runner, name, files, results):
    methods = [arg for method in _start_methods(name) for arg in ("--start-method", method)]
    args = [*files, f"--impl=mutants.{name}", f"--results-json={results}", *AXES, *methods]
    return runner.run([*args, "-q", "-p", "no:cacheprovider", "-p", "no:xdist"])


@pytest.mark.timeout(300)
@pytest.mark.parametrize("name", MUTANTS)
def test_spec_fails_exactly_the_claims_a_mutant_targets(name, claim_tests, tmp_path, runner):
    targets = _targets(name)
    testable = [t for t in targets if claim_tests.get(t)]
    if not testable:
        pytest.skip(f"none of {targets} has a test on this interpreter")
    verdicts, outputs = {}, []
    for attempt in range(_attempts(name)):
        pending = [t for t in testable if "failed" not in verdicts.get(t, set())] if attempt else testable
        if not pending:
            break
        files = sorted({test.split("::")[0] for t in pending for test in claim_tests[t]})
        results = tmp_path / f"results-{attempt}.json"
        _, output = _run_spec(runner, name, files, results)
        assert results.exists(), output[-6000:]
        outputs.append(output)
        for entry in json.loads(results.read_text())["tests"]:
            for claim_id in entry["claims"]:
                verdicts.setdefault(claim_id, set()).add(entry["outcome"])
        collateral = sorted(c for c, seen in verdicts.items() if "failed" in seen and c not in targets)
        assert not collateral, f"mutants.{name} also broke {collateral}:\n{output[-3000:]}"
    output = "\n".join(outputs)
    unprovable = [t for t in testable if verdicts.get(t) == {"not-applicable"}]
    not_broken = [t for t in testable if "failed" not in verdicts.get(t, set()) and t not in unprovable]
    assert not not_broken, f"mutants.{name} did not break {not_broken}:\n{output[-3000:]}"
    for target in testable:
        if "failed" in verdicts.get(target, set()):
            assert target in output, f"the failure output does not name the claim {target}"
    if unprovable:
        pytest.skip(f"not applicable here, so not shown broken: {unprovable}")
