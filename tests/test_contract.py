"""The contract is written down (CONTRACT.md, generated from the code and the catalogue), the reference
fulfils it, and ``concurrency-spec contract`` checks an implementation against it."""

import subprocess
import sys
from pathlib import Path

import pytest

from concurrency_spec import contract
from concurrency_spec.claims import load_catalogue

ROOT = Path(__file__).resolve().parent.parent


def cli(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "concurrency_spec", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_contract_page_is_up_to_date():
    if sys.version_info < (3, 11):  # the page would lack the claims of the TaskGroup tests (3.11 syntax)
        pytest.skip("CONTRACT.md is made with Python 3.11 or newer: this one cannot parse all of spec/")
    assert contract.page_path().read_text(encoding="utf-8") == contract.markdown(), (
        "CONTRACT.md is stale: run `concurrency-spec contract --markdown CONTRACT.md`"
    )


def test_the_reference_fulfils_the_contract():
    assert contract.problems("reference") == []


def test_every_primitive_says_how_it_is_called_and_what_it_must_do():
    for entry in contract.contract():
        if entry.role == "primitive":
            assert entry.called_as and entry.must, entry.name
        else:
            assert entry.must and entry.section, f"{entry.name}: its docstring's first line says what it does"


def test_every_program_and_worker_declares_its_role_and_its_section_of_the_document():
    from concurrency_spec.reference import Reference

    sections = {claim.section for claim in load_catalogue().values()}
    for entry in contract.contract():
        if entry.role == "primitive":
            continue
        value = vars(Reference)[entry.name]
        assert isinstance(value, staticmethod) == (entry.role == "worker"), (
            f"{entry.name}: a worker is a static method, a program takes the implementation first"
        )
        assert entry.section in sections, f"{entry.name}: {entry.section} is no section of a claim"


def test_every_name_of_the_contract_is_reached_by_the_tests_of_some_claim():
    catalogue = load_catalogue()
    for entry in contract.contract():
        reached = entry.direct | entry.through
        assert reached, f"no test reaches {entry.name}"
        assert reached <= set(catalogue), entry.name


def test_test_instruments_are_not_part_of_the_contract():
    names = {entry.name for entry in contract.contract()}
    assert not names & {"install_gates", "gated_sum_of_squares", "Gates", "InFlight"}


def test_an_implementation_lacking_a_primitive_is_told_what_it_lacks(tmp_path):
    (tmp_path / "partial.py").write_text(
        "from concurrency_spec.reference import Reference\n"
        "class Implementation(Reference):\n"
        "    queue = None\n"
        "    asyncio = Reference.asyncio.replace(Semaphore=42)\n"
    )
    run = cli("contract", "--impl", "partial", cwd=tmp_path)
    assert run.returncode == 1
    assert "missing queue.Queue" in run.stdout
    assert "asyncio.Semaphore is a value, the contract expects a class" in run.stdout


def test_the_contract_command_lists_names_with_their_claims():
    run = cli("contract")
    assert run.returncode == 0
    assert "asyncio.Semaphore  (primitive, class)" in run.stdout
    assert "asyncio.semaphore.bounds-concurrency" in run.stdout
