"""``python3 dev.py ci`` (.ci/jobs.py) runs the CI workflow's jobs on this machine as GitHub's runner would:
it reads the workflow's expressions and conditions as GitHub does, expands the matrix into the jobs the
workflow has, tells which of them this machine hosts and why not the others, and runs a job's steps in a
fresh clone with the job's interpreter as ``python``, carrying on after a failed step where ``if:`` says so
and copying what the upload step lists."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from workflow import jobs, load_workflow


@pytest.fixture
def workflow():
    return load_workflow()


LINUX = {"matrix": {"python": "3.13t", "os": "ubuntu-latest"}, "runner": {"os": "Linux"}}


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("runner.os == 'Linux' && '1' || '0'", "1"),
        ("runner.os == 'macOS' && '1' || '0'", "0"),
        ("runner.os == 'linux'", True),  # strings compare ignoring case
        ("!startsWith(matrix.python, 'pypy') && matrix.python != '3.13t'", False),
        ("endsWith(matrix.python, 't') && (matrix['os'] == 'ubuntu-latest')", True),
        ("contains(matrix.os, 'UBUNTU')", True),
        ("format('{0}-{1}', matrix.os, matrix.python)", "ubuntu-latest-3.13t"),
        ("matrix.missing", None),
        ("'it''s'", "it's"),
    ],
)
def test_expressions_evaluate_as_on_github(expression, value):
    assert jobs.evaluate(expression, LINUX) == value


def test_interpolation_renders_values_as_github_does():
    name = jobs.interpolate("report-${{ matrix.os }}-${{ matrix.python }}", LINUX)
    assert name == "report-ubuntu-latest-3.13t"
    assert jobs.interpolate("${{ runner.os == 'Linux' }}/${{ matrix.none }}", LINUX) == "true/"


@pytest.mark.parametrize(
    ("condition", "status", "runs"),
    [
        (None, "success", True),
        (None, "failure", False),
        ("runner.os == 'Linux'", "success", True),
        ("runner.os == 'Linux'", "failure", False),  # success() && (...) when no status function
        ("${{ !cancelled() }}", "failure", True),
        ("always()", "failure", True),
        ("${{ failure() }}", "success", False),
    ],
)
def test_a_step_runs_when_its_condition_and_the_jobs_status_say_so(condition, status, runs):
    assert jobs.condition_holds(condition, LINUX, status) is runs


def test_a_malformed_expression_is_an_error_naming_it():
    with pytest.raises(ValueError, match="matrix.os =="):
        jobs.evaluate("matrix.os ==", LINUX)


def test_a_matrix_is_the_product_of_its_lists_less_exclude_with_include():
    strategy = {
        "matrix": {
            "os": ["ubuntu", "macos"],
            "python": ["3.9", "3.12"],
            "exclude": [{"os": "macos", "python": "3.9"}],
            "include": [{"os": "ubuntu", "extra": "x"}, {"os": "windows", "python": "3.12"}],
        }
    }
    assert jobs.combinations(strategy) == [
        {"os": "ubuntu", "python": "3.9", "extra": "x"},
        {"os": "ubuntu", "python": "3.12", "extra": "x"},
        {"os": "macos", "python": "3.12"},
        {"os": "windows", "python": "3.12"},
    ]


def test_the_workflows_jobs_are_its_matrix_each_uploading_its_report_under_a_name_of_its_own(workflow):
    expanded = jobs.expand(workflow)
    assert len(expanded) == len(workflow["jobs"]["spec"]["strategy"]["matrix"]["include"])
    assert "ubuntu-latest 3.9" in [job.name for job in expanded]
    names = set()
    for job in expanded:
        steps = job.definition["steps"]
        upload = next(step for step in steps if str(step.get("uses", "")).startswith("actions/upload"))
        names.add(jobs.interpolate(upload["with"]["name"], job.context()))
    assert len(names) == len(expanded)


def test_the_jobs_this_machine_cannot_host_say_why(workflow):
    def finder(request):
        return None if request.endswith("t") else jobs.Interpreter(Path(sys.executable), f"Python {request}")

    reasons = {job.name: jobs.not_hosted(job, finder) for job in jobs.expand(workflow)}
    assert reasons["ubuntu-latest 3.12"] is None
    assert reasons["ubuntu-latest pypy3.10"] is None
    assert reasons["ubuntu-latest 3.13t"] == "free-threaded build absent (no python3.13t here)"
    assert reasons["macos-latest 3.12"].startswith("macOS runner")
    assert reasons["windows-latest 3.12"].startswith("Windows runner")


def test_a_job_is_chosen_by_its_name_or_a_word_of_it_and_an_unknown_one_is_refused(workflow):
    expanded = jobs.expand(workflow)
    assert [job.name for job in jobs.selected(expanded, ["3.9", "ubuntu-latest pypy3.10"])] == [
        "ubuntu-latest 3.9",
        "ubuntu-latest pypy3.10",
    ]
    assert {job.name for job in jobs.selected(expanded, ["3.12"])} == {
        "ubuntu-latest 3.12",
        "macos-latest 3.12",
        "windows-latest 3.12",
    }
    with pytest.raises(ValueError, match="no job named 3.99"):
        jobs.selected(expanded, ["3.99"])


DEMO = {
    "jobs": {
        "demo": {
            "name": "demo ${{ matrix.python }}",
            "runs-on": "ubuntu-latest",
            "strategy": {"matrix": {"include": [{"python": "here", "greeting": "hello"}]}},
            "steps": [
                {"uses": "actions/checkout@v4"},
                {"uses": "actions/setup-python@v5", "with": {"python-version": "${{ matrix.python }}"}},
                {
                    "name": "sudo, python, the clone",
                    "run": "sudo true\n"
                    "python -c 'import os, sys; print(os.path.realpath(sys.executable))' > python.txt\n"
                    "test -f tracked.txt && test ! -e untracked.txt",
                },
                {
                    "name": "matrix and runner in the environment",
                    "env": {"GREETING": "${{ matrix.greeting }}", "OS": "${{ runner.os == 'Linux' && 'l' }}"},
                    "run": 'echo "$GREETING $OS" > greeting.txt',
                },
                {"name": "fails", "run": "exit 3"},
                {"name": "skipped after a failure", "run": "touch skipped.txt"},
                {"name": "runs anyway", "if": "${{ !cancelled() }}", "run": "touch anyway.txt"},
                {
                    "name": "Upload",
                    "if": "always()",
                    "uses": "actions/upload-artifact@v4",
                    "with": {"name": "out-${{ matrix.python }}", "path": "python.txt\ngreeting.txt\n*.txt\n"},
                },
            ],
        }
    }
}


def _repository(folder):
    folder.mkdir()

    def git(*args):
        subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)

    git("init", "-q")
    (folder / "tracked.txt").write_text("committed\n")
    git("add", "tracked.txt")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "demo")
    (folder / "untracked.txt").write_text("not committed\n")
    return folder


@pytest.mark.skipif(os.name == "nt", reason="jobs run with bash")
def test_a_job_runs_its_steps_in_a_fresh_clone_with_its_python_and_uploads_what_it_lists(tmp_path):
    source = _repository(tmp_path / "source")
    (job,) = jobs.expand(DEMO)
    interpreter = jobs.Interpreter(Path(sys.executable), "this Python")
    outcome = jobs.JobRun(job, interpreter, tmp_path / "out", source).run()

    assert outcome.result == "failed"
    assert outcome.failed_steps == ["fails (exit 3)"]
    artifacts = tmp_path / "out" / "artifacts" / "out-here"
    assert (artifacts / "python.txt").read_text().strip() == os.path.realpath(sys.executable)
    assert (artifacts / "greeting.txt").read_text() == "hello l\n"
    assert (artifacts / "anyway.txt").exists() and not (artifacts / "skipped.txt").exists()
    assert (artifacts / "tracked.txt").exists() and not (artifacts / "untracked.txt").exists()
    log = (tmp_path / "out" / "log.txt").read_text()
    assert "step 6 skipped" in log and "step 7: runs anyway" in log
