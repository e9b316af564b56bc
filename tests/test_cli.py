"""One entry point, `concurrency-spec` (or `python -m concurrency_spec`), with subcommands: --help
everywhere, and a usage error is one line on stderr with exit status 2, never a traceback."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ["run", "contract", "catalogue", "report", "matrix", "coverage", "doc", "explain"]


def cli(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "concurrency_spec", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_every_subcommand_has_help(command):
    run = cli(command, "--help")
    assert run.returncode == 0
    assert run.stdout.startswith(f"usage: concurrency-spec {command}")


def test_the_top_level_help_lists_every_subcommand():
    run = cli("--help")
    assert run.returncode == 0
    assert all(command in run.stdout for command in COMMANDS)


@pytest.mark.parametrize(
    "args, says",
    [
        (["contract", "--impl"], "expected one argument"),
        (["contract", "--impl", "nosuchmodule"], "cannot import the implementation 'nosuchmodule'"),
        (["contract", "--impl", "concurrency_spec.claims"], "has no class 'Implementation'"),
        (["run", "--impl", "nosuchmodule"], "nosuchmodule"),
        (["report", "/no/such/results"], "no such results directory or file"),
        (["matrix", "--only", "nosuchcolumn"], "no column named nosuchcolumn"),
        (["nosuchcommand"], "invalid choice"),
    ],
)
def test_a_usage_error_is_one_line_and_exit_status_2(args, says, tmp_path):
    run = cli(*args, cwd=tmp_path)
    assert run.returncode == 2, run.stdout + run.stderr
    assert says in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert "Traceback" not in run.stderr


def test_the_catalogue_is_json_with_every_claim():
    import json

    from concurrency_spec.claims import load_catalogue

    run = cli("catalogue")
    assert run.returncode == 0, run.stderr
    listing = json.loads(run.stdout)
    assert {entry["id"] for entry in listing} == set(load_catalogue())
    assert all({"basis", "tests", "applies_here"} <= set(entry) for entry in listing)


def test_an_installed_run_has_the_pytest_settings_of_the_checkout():
    import configparser

    from concurrency_spec.runner import INI

    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    checkout = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    shipped = configparser.ConfigParser()
    shipped.read(INI)
    for key, value in shipped["pytest"].items():
        expected = checkout[key]
        expected = "\n".join(expected) if isinstance(expected, list) else str(expected).lower()
        assert value.strip() == expected.strip(), key
