"""Bad input to `concurrency-spec run` and `report` gets one line and exit status 2, before anything
runs, and leaves the previous results and report as they were; Ctrl-C prints pytest's interrupted
summary, keeps the finished tests apart as partial results, and leaves no process behind."""

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from processes import as_in_a_terminal, parent_of, session_members

ROOT = Path(__file__).resolve().parent.parent
PREVIOUS = {"results.json": '{"previous": true}', "report.html": "<p>the previous report</p>"}

MODULES = {
    "syntax_error": "def broken(:\n",
    "raises_at_import": "raise RuntimeError('boom at import')\n",
    "not_a_class": "Implementation = 42\n",
    "no_asyncio": "from concurrency_spec.reference import Reference\n"
    "class Implementation(Reference):\n    asyncio = None\n",
    "unknown_deviation": "from concurrency_spec.reference import Reference\n"
    "class Implementation(Reference):\n    DEVIATIONS = {'no.such.claim': 'why'}\n",
    "fails_to_instantiate": "class Implementation:\n"
    "    def __init__(self):\n        raise ValueError('no')\n",
}


def cli(*args, cwd, timeout=120, **kwargs):
    env = dict(os.environ, PYTHONPATH=str(cwd))
    return subprocess.run(
        [sys.executable, "-m", "concurrency_spec", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        **kwargs,
    )


@pytest.fixture
def workdir(tmp_path):
    """A user's directory with their modules and the results and report of an earlier run."""
    for name, source in MODULES.items():
        (tmp_path / f"{name}.py").write_text(source)
    (tmp_path / ".concurrency-spec").mkdir()
    for name, text in PREVIOUS.items():
        (tmp_path / ".concurrency-spec" / name).write_text(text)
    return tmp_path


@pytest.mark.parametrize(
    "args, says",
    [
        (["--impl", "syntax_error"], "SyntaxError: "),  # the reason in words is the interpreter's own
        (["--impl", "raises_at_import"], "RuntimeError: boom at import"),
        (["--impl", "not_a_class"], "is 42 (int), not a class"),
        (["--impl", "fails_to_instantiate"], "Implementation() raised ValueError: no"),
        (["--impl", "no_asyncio"], "does not fulfil the contract"),
        (
            ["--impl", "unknown_deviation"],
            "DEVIATIONS names claims the catalogue does not have: no.such.claim",
        ),
        (["--section", "99"], "--section 99: no such section"),
        (["--claim", "nosuchclaim"], "--claim nosuchclaim: no claim matches"),
        (["--loop", "nosuch:thing"], "cannot load the loop factory"),
        (["--loop", "asyncio:new_event_loop", "--loop", "uvloop:new_event_loop"], "would both be"),
        (["--start-method", "bogus"], "--start-method bogus: not offered here"),
        (["--", "-k", "no_test_has_this_name"], "no test ran"),
    ],
)
def test_bad_input_to_run_is_one_line_and_keeps_the_previous_report(args, says, workdir):
    run = cli("run", *args, cwd=workdir)
    assert run.returncode == 2, run.stdout[-2000:] + run.stderr
    assert says in run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    if args[0] != "--":  # pytest's own output comes first when pytest ran and selected nothing
        assert len((run.stdout + run.stderr).strip().splitlines()) == 1, run.stdout + run.stderr
    _assert_previous_results_kept(workdir)


def test_results_where_a_file_is_is_one_line(workdir):
    (workdir / "occupied").write_text("a file")
    run = cli("run", "--results", "occupied", cwd=workdir)
    assert run.returncode == 2
    assert run.stderr.strip() == "concurrency-spec run: --results occupied: exists and is not a directory"


def test_an_incomplete_implementation_runs_when_asked(workdir):
    run = cli(
        "run", "--impl", "no_asyncio", "--incomplete", "--section", "5.2", "--loop", "asyncio", cwd=workdir
    )
    assert run.returncode == 1, run.stdout[-3000:]
    assert "(no_asyncio) has asyncio = None, where the contract requires" in run.stdout


def test_a_report_of_a_file_that_is_not_results_names_the_file(tmp_path):
    (tmp_path / "garbage.json").write_text('{"facts": ')
    run = cli("report", "garbage.json", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr.startswith("concurrency-spec report: garbage.json: not a results file")
    assert len(run.stderr.strip().splitlines()) == 1


def test_report_without_arguments_reads_the_results_of_run(tmp_path):
    run = cli("report", cwd=tmp_path)
    assert run.returncode == 2 and "no results in .results or .concurrency-spec" in run.stderr
    done = cli("run", "--section", "2.3", "--no-report", cwd=tmp_path)
    assert done.returncode == 0, done.stdout[-2000:]
    report = cli("report", "--no-html", cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    assert "threading.lock" in report.stdout or "§2.3" in report.stdout


# Runs to interrupt: process tests (forkserver, resource tracker and spawned workers alive), enough of
# them (about 50) that the signal, sent once four have finished, lands while the rest run even when a
# loaded machine starts the workers slowly and they then finish two dozen tests at once.
PROCESS_SECTIONS = [arg for section in ("3.1", "3.2", "3.3", "3.4", "9.5") for arg in ("--section", section)]


def _assert_previous_results_kept(workdir):
    for name, text in PREVIOUS.items():
        assert (workdir / ".concurrency-spec" / name).read_text() == text, f"{name} was replaced"


def _start_process_run(workdir):
    """``concurrency-spec run`` of PROCESS_SECTIONS in a session of its own, as from a terminal."""
    return subprocess.Popen(
        [sys.executable, "-m", "concurrency_spec", "run", *PROCESS_SECTIONS],
        cwd=workdir,
        env=dict(os.environ, PYTHONPATH=str(workdir)),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        preexec_fn=as_in_a_terminal,
    )


def _wait_for_finished_tests(workdir, count, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for log in workdir.glob(".concurrency-spec/.run-*/**/*.jsonl"):
            if len(log.read_text().splitlines()) > count:
                return
        time.sleep(0.05)
    raise AssertionError(f"no {count} tests finished within {timeout} s")


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
@pytest.mark.parametrize("who", ["the parent", "the whole group"])
def test_ctrl_c_keeps_partial_results_apart_and_leaves_no_process(who, workdir):
    """Interrupted while process tests run (forkserver, resource tracker, spawned workers alive)."""
    with _start_process_run(workdir) as run:
        _wait_for_finished_tests(workdir, 3)
        if who == "the parent":
            os.kill(run.pid, signal.SIGINT)
        else:
            os.killpg(run.pid, signal.SIGINT)
        output, _ = run.communicate(timeout=60)
    tail = output[-3000:]
    assert run.returncode == 130, tail
    assert "KeyboardInterrupt" in output and re.search(r"^=+ .*passed.* in [\d.]+s", output, re.M), tail
    partial = json.loads((workdir / ".concurrency-spec" / "partial" / "results.json").read_text())
    assert partial["complete"] is False and partial["tests"], tail
    _assert_previous_results_kept(workdir)
    assert not list(workdir.glob(".concurrency-spec/.run-*")), tail
    assert session_members(run.pid) == [], tail


def _pytest_of(session):
    """The pytest processes of a session that keep results (the run's phases start one after the other),
    not the workers they forked (``--forks``)."""
    found = []
    for member in session_members(session):
        pid, command = member.split(" ", 1)
        if " -m pytest " in f" {command} ":
            found.append(int(pid))
    return [pid for pid in found if parent_of(pid) not in found]


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
def test_a_run_killed_mid_way_keeps_what_finished_apart_and_the_previous_report(workdir):
    """pytest killed with SIGKILL (out of memory, a hung machine): no results, only its log."""
    with _start_process_run(workdir) as run:
        _wait_for_finished_tests(workdir, 3)
        [pytest_pid] = _pytest_of(run.pid)
        os.kill(pytest_pid, signal.SIGKILL)
        output, _ = run.communicate(timeout=60)
    tail = output[-3000:]
    assert run.returncode == 128 + signal.SIGKILL, tail
    assert "ended before its results" in output and "(marked partial)" in output, tail
    log = (workdir / ".concurrency-spec" / "partial" / "results.jsonl").read_text().splitlines()
    assert len(log) > 3 and not (workdir / ".concurrency-spec" / "partial" / "results.json").exists(), tail
    _assert_previous_results_kept(workdir)
    assert session_members(run.pid) == [], tail
    done = cli("run", "--claim", "threading.lock.one-holder", cwd=workdir)  # the next run: its own results
    assert done.returncode == 0, done.stdout[-2000:]
    tests = json.loads((workdir / ".concurrency-spec" / "results.json").read_text())["tests"]
    assert [entry["claims"] for entry in tests] == [["threading.lock.one-holder"]]


@pytest.fixture
def full_disk(tmp_path):
    """A 48 KiB file system holding an earlier run's results: room for them, not for a new run's."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=48k", "tmpfs", str(mount)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {made.stderr.decode().strip()}")
    try:
        for name, text in PREVIOUS.items():
            (mount / name).write_text(text)
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_is_one_error_line_and_keeps_the_previous_results(full_disk, tmp_path):
    run = cli("run", "--results", str(full_disk), "--section", "2.3", cwd=tmp_path)
    assert run.returncode == 3, run.stdout[-2000:] + run.stderr
    assert f"ERROR: the results could not be written to {full_disk}" in run.stdout
    assert "No space left on device" in run.stdout and "Traceback" not in run.stdout + run.stderr
    for name, text in PREVIOUS.items():
        assert (full_disk / name).read_text() == text
    assert not list(full_disk.glob(".run-*")) and not list(full_disk.glob(".*.part"))
