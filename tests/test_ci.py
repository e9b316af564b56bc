"""The CI workflow (.github/workflows/spec.yml), validated offline: it is a valid GitHub Actions
workflow (check-jsonschema's bundled schema), it covers every interpreter and platform the project
promises, and each job runs the README's two commands and uploads its report."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "spec.yml"


def load():
    ruamel = pytest.importorskip("ruamel.yaml", reason="ruamel.yaml (with check-jsonschema) is not installed")
    return ruamel.YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))


def test_the_workflow_is_valid_for_github_actions():
    checker = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or shutil.which(
        "check-jsonschema"
    )
    if checker is None:
        pytest.skip("check-jsonschema is not installed (pip install -e '.[dev]')")
    run = subprocess.run(
        [checker, "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_matrix_covers_every_interpreter_and_platform():
    jobs = load()["jobs"]["spec"]["strategy"]["matrix"]["include"]
    linux = {job["python"] for job in jobs if job["os"].startswith("ubuntu")}
    assert linux >= {"3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.13t", "3.14t"}
    assert any(python.startswith("pypy") for python in linux)
    assert any(job["os"].startswith("macos") for job in jobs)
    assert any(job["os"].startswith("windows") for job in jobs)
    tox = (ROOT / "tox.ini").read_text()
    for job in jobs:
        assert job["toxenv"] in tox, f"{job['toxenv']} is not an environment of tox.ini"


def test_each_job_runs_the_readme_commands_and_uploads_the_report():
    steps = load()["jobs"]["spec"]["steps"]
    commands = " ".join(step.get("run", "") for step in steps)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python3 dev.py spec" in readme and "python3 dev.py check" in readme
    assert "dev.py check" in commands and "dev.py spec" in commands
    uploads = [step for step in steps if str(step.get("uses", "")).startswith("actions/upload-artifact")]
    assert uploads and "report.html" in uploads[0]["with"]["path"]


def test_a_failed_step_does_not_keep_the_later_ones_from_running():
    steps = load()["jobs"]["spec"]["steps"]
    first_run = next(i for i, step in enumerate(steps) if "run" in step)
    for step in steps[first_run + 1 :]:
        condition = str(step.get("if", ""))
        runs_anyway = "!cancelled()" in condition or "always()" in condition
        assert runs_anyway, f"{step.get('name')!r} is skipped after a failed step (if: {condition!r})"
