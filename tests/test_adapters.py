"""The conformance matrix: every shipped adapter passes the spec with its declared deviations (each a
true behaviour difference of its library, shown by a few lines run with the library alone), and the
README shows the matrix as the ``matrix`` command makes it."""

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from concurrency_spec import matrix
from concurrency_spec.implementation import load

ROOT = Path(__file__).resolve().parent.parent
EVIDENCE = ROOT / "tests" / "evidence"
ADAPTERS = [c.impl for c in matrix.COLUMNS if c.impl.startswith("concurrency_spec.adapters.")]


@pytest.fixture(scope="module")
def matrix_run(tmp_path_factory):
    """One run of ``concurrency-spec matrix`` (every column), with its results and Markdown."""
    folder = tmp_path_factory.mktemp("matrix")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "concurrency_spec",
            "matrix",
            "--results",
            str(folder),
            "--markdown",
            str(folder / "matrix.md"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    return run, folder


@pytest.mark.slow
@pytest.mark.timeout(1300)
def test_every_adapter_passes_the_spec_with_its_declared_deviations(matrix_run):
    run, folder = matrix_run
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    for column in matrix.COLUMNS:
        assert (folder / f"{column.name}.json").exists(), f"no results for {column.name}"
    assert "FAIL" not in run.stdout


@pytest.mark.slow
@pytest.mark.timeout(1300)
def test_the_readme_shows_the_matrix_the_command_makes(matrix_run):
    _, folder = matrix_run
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = matrix.readme_block(readme)
    ran_on = re.search(r"Every column ran on (CPython|PyPy) (\d+\.\d+)", shown)
    here = f"{sys.version_info.major}.{sys.version_info.minor}"
    if ran_on is None or ran_on.group(2) != here or sys.implementation.name != "cpython":
        pytest.skip(f"the README's matrix was made on another interpreter ({ran_on and ran_on.group(0)})")
    from concurrency_spec import report

    loaded = report.load(
        [folder / f"{c.name}.json" for c in matrix.COLUMNS], order=[c.name for c in matrix.COLUMNS]
    )
    made = matrix.block(loaded)
    version_free = re.compile(r"Every column ran on [^\n]*")
    assert version_free.sub("", shown) == version_free.sub("", made), (
        "the README's matrix is stale: run `concurrency-spec matrix --readme README.md`"
    )


def quoted(reason):
    """The texts a deviation's reason quotes (in backticks): what its evidence script prints."""
    return re.findall(r"`([^`]+)`", reason)


@pytest.mark.parametrize("adapter", ADAPTERS)
def test_each_declared_deviation_quotes_what_the_library_alone_prints(adapter):
    deviations = load(adapter).DEVIATIONS
    if not deviations:
        pytest.skip(f"{adapter} declares no deviation")
    name = adapter.rsplit(".", 1)[-1]
    scripts = sorted(EVIDENCE.glob(f"{name}_*.py"))
    assert scripts, f"{adapter} declares deviations but has no evidence script in {EVIDENCE}"
    printed = "".join(
        subprocess.run(
            [sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=120
        ).stdout
        for script in scripts
    )
    for claim, reason in deviations.items():
        quotes = quoted(reason)
        assert quotes, f"{adapter}: the reason for {claim} quotes nothing its evidence prints"
        for quote in quotes:
            assert quote in printed, f"{adapter}: {claim}: the evidence no longer prints {quote!r}"


def test_every_adapter_is_small_and_fulfils_the_contract():
    from concurrency_spec.contract import problems

    for adapter in ADAPTERS:
        assert problems(adapter) == [], adapter
        source = Path(load(adapter).__class__.__module__.replace(".", "/") + ".py")
        code = [line for line in (ROOT / source).read_text().splitlines() if line.strip()]
        assert len(code) < 120, f"{adapter} is no longer the smallest code that maps its library"
        ast.parse("\n".join(code))
