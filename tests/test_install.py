"""The suite installs and runs from another repository: after `pip install` of a wheel, a user in an
empty directory holding mymodule.py runs `concurrency-spec run --impl mymodule` and gets claim-by-claim
verdicts; the pytest plugin does not load into their other pytest runs."""

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = "Scripts" if os.name == "nt" else "bin"

MYMODULE = """\
import threading
from concurrency_spec.reference import Reference

class Implementation(Reference):
    threading = Reference.threading.replace(Lock=threading.RLock)
"""


def setuptools_config():
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]


def package_roots():
    """Each top package of the distribution and the folder it is built from (pyproject's package-dir)."""
    roots = {"concurrency_spec": ROOT / "concurrency_spec"}
    roots.update({package: ROOT / folder for package, folder in setuptools_config()["package-dir"].items()})
    return roots


def test_every_package_of_the_tree_is_in_the_distribution():
    listed = set(setuptools_config()["packages"])
    # every folder, with an __init__.py or not: the spec's files are imported by path (pytest), the
    # templates, claims and document are data, and setuptools names each folder a package all the same
    found = {
        package + "".join("." + part for part in folder.relative_to(root).parts)
        for package, root in package_roots().items()
        for folder in [root, *root.rglob("*")]
        if folder.is_dir() and folder.name != "__pycache__"
    }
    assert listed == found


@pytest.fixture(scope="module")
def environment(tmp_path_factory):
    """A fresh virtualenv, outside the clone."""
    folder = tmp_path_factory.mktemp("install") / "venv"
    venv.EnvBuilder(with_pip=True).create(folder)
    return folder


@pytest.fixture(scope="module")
def wheel(environment, tmp_path_factory):
    """The suite's wheel, built with the fresh virtualenv's pip (the tools' .venv may have none) from a
    copy of what goes into it: setuptools builds in the source tree (build/, *.egg-info), where two
    pytest-xdist workers building at once collide ("File exists")."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    for folder in package_roots().values():
        copy = source / folder.relative_to(ROOT)
        shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("__pycache__"))
    wheels = tmp_path_factory.mktemp("wheels")
    build = subprocess.run(
        [
            str(environment / BIN / "python"),
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "-w",
            str(wheels),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    return next(wheels.glob("concurrency_spec-*.whl"))


@pytest.fixture(scope="module")
def installed(environment, wheel):
    """The fresh virtualenv with the suite installed from its wheel."""
    install = subprocess.run(
        [str(environment / BIN / "python"), "-m", "pip", "install", "-q", str(wheel)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert install.returncode == 0, install.stderr
    return environment / BIN


@pytest.mark.slow
def test_the_wheel_holds_what_a_user_runs_and_not_the_projects_own_checks(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "concurrency_spec/spec/test_s02_threading.py" in names
    assert "concurrency_spec/reference/implementation.py" in names
    assert "concurrency_spec/spec/document/week08.txt" in names
    assert not [n for n in names if n.startswith(("mutants/", "faults/", "tests/")) or "/evidence/" in n]


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_a_user_runs_the_whole_spec_against_their_module_from_an_empty_directory(installed, tmp_path):
    (tmp_path / "mymodule.py").write_text(MYMODULE)
    run = subprocess.run(
        [str(installed / "concurrency-spec"), "run", "--impl", "mymodule"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "pass  §2.3   threading.lock.total" in run.stdout
    assert "claims the document states" in run.stdout
    assert (tmp_path / ".concurrency-spec" / "report.html").exists()


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_an_unknown_module_is_one_line_and_exit_status_2(installed, tmp_path):
    run = subprocess.run(
        [str(installed / "concurrency-spec"), "run", "--impl", "nosuchmodule"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0 and "nosuchmodule" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_the_plugin_does_not_load_into_other_pytest_runs(installed, tmp_path):
    (tmp_path / "test_theirs.py").write_text("def test_theirs():\n    assert True\n")
    run = subprocess.run(
        [str(installed / "pytest"), "-q", "-p", "no:cacheprovider"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout
    assert "claims of the document" not in run.stdout
    options = subprocess.run(
        [str(installed / "pytest"), "--help"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert "--impl" not in options.stdout
