"""``--forks N`` (``concurrency_spec.pytest_plugin.forks``): the collected tests run in forked workers and
are reported as one process would report them."""

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from textwrap import dedent

import pytest
from processes import as_in_a_terminal

from concurrency_spec import phases

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="--forks needs os.fork")

OUTER_SESSION = (*phases.OUTER_SESSION, "PYTEST_ADDOPTS")  # the session running these tests, not theirs


def command(folder, files, *args):
    (folder / "pytest.ini").write_text("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    for name, text in files.items():
        (folder / name).write_text(text)
    return [sys.executable, "-m", "pytest", "-p", "concurrency_spec.pytest_plugin", "--forks", "2", *args]


def outer_env():
    return {name: value for name, value in os.environ.items() if name not in OUTER_SESSION}


def run_forked(folder, files, *args):
    return subprocess.run(
        command(folder, files, *args), cwd=folder, env=outer_env(), capture_output=True, text=True, timeout=60
    )


def start_forked(folder, files, *args):
    return subprocess.Popen(
        command(folder, files, "--basetemp", str(folder / "base"), "-p", "no:cacheprovider", *args),
        cwd=folder,
        env=outer_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        preexec_fn=as_in_a_terminal,  # the Ctrl-C tests
    )


# Two tests that finish only together: each waits for the other's file.
MEET = dedent("""
    import os, pathlib, time

    def meet(mine, theirs):
        pathlib.Path(mine).touch()
        deadline = time.monotonic() + 20
        while not pathlib.Path(theirs).exists():
            assert time.monotonic() < deadline, "the other test never ran beside this one"
            time.sleep(0.01)
""")


def test_every_outcome_is_reported_once_as_one_process_would(tmp_path):
    files = {
        "test_a.py": dedent("""
            import os, warnings, pytest

            def test_passes(tmp_path):
                (tmp_path / "f").write_text("x")
                assert os.environ["SPEC_FORK_WORKER"]

            def test_fails():
                print("said by test_fails")
                assert 1 == 2

            @pytest.mark.skip(reason="skipped on purpose")
            def test_skipped():
                pass

            @pytest.mark.xfail(reason="fails on purpose", strict=True)
            def test_xfails():
                assert False
        """),
        "test_b.py": dedent("""
            import warnings

            def test_warns():
                warnings.warn("a warning from test_warns", UserWarning)

            def test_also_fails():
                print("said by test_also_fails")
                raise RuntimeError("boom")
        """),
    }
    done = run_forked(tmp_path, files, "-rA", "--junitxml", str(tmp_path / "junit.xml"))
    assert done.returncode == 1, done.stdout + done.stderr
    last = done.stdout.strip().splitlines()[-1]
    for count in ("2 failed", "2 passed", "1 skipped", "1 xfailed", "1 warning"):
        assert count in last
    failures = failure_sections(done.stdout)  # in the order the workers reported them
    assert sorted(failures) == ["test_also_fails", "test_fails"]
    fails, also_fails = failures["test_fails"], failures["test_also_fails"]
    assert "said by test_fails" in fails and "said by test_also_fails" not in fails
    assert "said by test_also_fails" in also_fails and "said by test_fails" not in also_fails
    assert "a warning from test_warns" in done.stdout
    assert "skipped on purpose" in done.stdout
    cases = ElementTree.parse(tmp_path / "junit.xml").getroot().iter("testcase")
    assert sorted(case.get("name") for case in cases) == sorted(
        ["test_passes", "test_fails", "test_skipped", "test_xfails", "test_warns", "test_also_fails"]
    )


def failure_sections(output):
    """Each failed test's section of pytest's FAILURES, by the test's name."""
    failures = output.split("= FAILURES =")[1].split("= short test summary info =")[0]
    parts = re.split(r"^_+ (test_\w+) _+$", failures, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def test_a_worker_leaves_no_file_it_inherited_for_the_collector_to_find_in_a_test(tmp_path):
    tests = "".join(f"\ndef test_{n}():\n    gc.collect()\n" for n in range(4))
    files = {"test_gc.py": "import gc\n" + tests}
    done = run_forked(
        tmp_path,
        files,
        "-W",
        "error::ResourceWarning",
        "-W",
        "error::pytest.PytestUnraisableExceptionWarning",
    )
    assert done.returncode == 0, done.stdout + done.stderr  # PyPy's collector had failed a test so, in CI
    assert "4 passed" in done.stdout and "unclosed" not in done.stdout


def test_the_workers_run_tests_side_by_side(tmp_path):
    files = {
        "test_meet.py": MEET
        + dedent("""
            def test_first(tmp_path_factory):
                meet(tmp_path_factory.getbasetemp() / "first", tmp_path_factory.getbasetemp() / "second")

            def test_second(tmp_path_factory):
                meet(tmp_path_factory.getbasetemp() / "second", tmp_path_factory.getbasetemp() / "first")
        """)
    }
    done = run_forked(tmp_path, files)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 passed" in done.stdout


def test_tests_marked_performance_run_in_the_forking_process_once_every_worker_has_ended(tmp_path):
    files = {
        "test_alone.py": dedent("""
            import os, pytest

            @pytest.mark.performance
            def test_measures(tmp_path_factory):
                base = tmp_path_factory.getbasetemp()
                workers = [int(path.name.split("-")[1]) for path in base.glob("worker-*")]
                assert len(workers) == 4 and "SPEC_FORK_WORKER" not in os.environ
                for pid in workers:
                    with pytest.raises(ProcessLookupError):  # ended, and reaped
                        os.kill(pid, 0)
                (base / f"alone-{os.getpid()}").touch()
        """)
        + "".join(
            f"\ndef test_{n}(tmp_path_factory):\n"
            f"    (tmp_path_factory.getbasetemp() / f'worker-{{os.getpid()}}-{n}').touch()\n"
            for n in range(4)
        )
    }
    done = run_forked(tmp_path, files, "--basetemp", str(tmp_path / "base"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "5 passed" in done.stdout
    (alone,) = [int(path.name.split("-")[1]) for path in (tmp_path / "base").glob("alone-*")]
    workers = {int(path.name.split("-")[1]) for path in (tmp_path / "base").glob("worker-*")}
    assert alone not in workers


def test_a_worker_that_dies_fails_its_test_and_the_others_still_run(tmp_path):
    files = {
        "test_dies.py": dedent("""
            import os

            def test_before():
                pass

            def test_dies():
                os._exit(3)
        """)
        + "".join(f"\ndef test_after_{n}():\n    pass\n" for n in range(6))
    }
    done = run_forked(tmp_path, files)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "the worker running this test exited with status 3" in done.stdout
    assert "1 failed, 7 passed" in done.stdout


def test_exitfirst_ends_the_run_at_the_first_failure(tmp_path):
    files = {
        "test_x.py": dedent("""
            import time

            def test_fails():
                assert False
        """)
        + "".join(f"\ndef test_{n}():\n    time.sleep(60)  # until -x ends the run\n" for n in range(10))
    }
    done = run_forked(tmp_path, files, "-x")  # its 60 s timeout fails the test if -x waits for them
    assert done.returncode == 1, done.stdout + done.stderr
    assert "stopping after 1 failures" in done.stdout and "1 failed" in done.stdout


BLOCKS = dedent("""
    import os, time, pytest

    @pytest.fixture
    def marks_its_end(tmp_path_factory):
        base = tmp_path_factory.getbasetemp().parent
        (base / f"worker-{os.getpid()}").touch()
        yield
        (base / f"ended-{os.getpid()}").touch()

    def test_0(marks_its_end):
        time.sleep(60)  # until the worker is interrupted or killed

    test_1 = test_0
""")


def start_blocked_workers(folder):
    """pytest --forks 2 with both workers in a test that blocks; their pids."""
    run = start_forked(folder, {"test_blocks.py": BLOCKS})
    deadline = time.monotonic() + 30
    while len(list(folder.glob("worker-*"))) < 2:
        assert time.monotonic() < deadline and run.poll() is None, run.communicate()
        time.sleep(0.05)
    return run, [int(path.name.split("-")[1]) for path in folder.glob("worker-*")]


def assert_gone(pids):
    deadline = time.monotonic() + 10  # a bound, not a wait: they end at once
    while any(Path(f"/proc/{pid}").exists() for pid in pids):
        assert time.monotonic() < deadline, f"workers {pids} outlived the run"
        time.sleep(0.05)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
def test_the_workers_end_when_the_process_that_forked_them_is_killed(tmp_path):
    run, workers = start_blocked_workers(tmp_path)
    with run:
        os.kill(run.pid, signal.SIGKILL)
        run.wait()
    assert_gone(workers)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
@pytest.mark.parametrize("who", ["the parent", "the whole group"])
def test_ctrl_c_ends_each_workers_test_and_fixtures_and_reports_the_interrupt(tmp_path, who):
    run, workers = start_blocked_workers(tmp_path)
    with run:
        if who == "the parent":
            os.kill(run.pid, signal.SIGINT)
        else:
            os.killpg(run.pid, signal.SIGINT)
        output, _ = run.communicate(timeout=30)
    assert run.returncode == 2 and "KeyboardInterrupt" in output, output[-2000:]
    assert sorted(int(path.name.split("-")[1]) for path in tmp_path.glob("ended-*")) == sorted(workers)
    assert_gone(workers)


def test_a_worker_that_dies_is_seen_though_a_process_it_started_holds_its_pipe(tmp_path):
    files = {
        "test_orphan.py": dedent("""
            import os, time

            def test_leaves_a_process_and_dies(tmp_path_factory):
                child = os.fork()
                if child == 0:
                    time.sleep(120)  # holds every descriptor the worker had, until killed below
                    os._exit(0)
                (tmp_path_factory.getbasetemp().parent / f"orphan-{child}").touch()
                os._exit(3)

            def test_after():
                pass
        """)
    }
    output = tmp_path / "output.txt"
    try:
        with output.open("w") as out:  # not a pipe: the orphan holds this process's output too
            done = subprocess.run(
                command(tmp_path, files, "--basetemp", str(tmp_path / "base")),
                cwd=tmp_path,
                env=outer_env(),
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=60,
            )
    finally:
        for orphan in tmp_path.glob("orphan-*"):
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(orphan.name.split("-")[1]), signal.SIGKILL)
    text = output.read_text()
    assert done.returncode == 1, text
    assert "the worker running this test exited with status 3" in text and "1 failed, 1 passed" in text


def test_the_debugger_is_refused_with_forks(tmp_path):
    done = run_forked(tmp_path, {"test_one.py": "def test_one():\n    pass\n"}, "--pdb")
    assert done.returncode == 4 and "--forks: the debugger needs the terminal" in done.stderr, done.stderr


@pytest.mark.parametrize("verbosity", [[], ["-v"]])
def test_the_terminal_shows_each_result_once_and_no_test_without_its_result(tmp_path, verbosity):
    tests = "".join(f"\ndef test_{n}():\n    pass\n" for n in range(8))
    done = run_forked(tmp_path, {"test_a.py": tests, "test_b.py": tests}, *verbosity)
    assert done.returncode == 0, done.stdout
    lines = done.stdout.splitlines()
    if verbosity:
        shown = [line.split(" ")[0] for line in lines if line.startswith("test_")]
        assert sorted(shown) == sorted(f"test_{f}.py::test_{n}" for f in "ab" for n in range(8))
        assert all(" PASSED " in line for line in lines if line.startswith("test_"))
    else:
        assert [line for line in lines if line.startswith("test_")] == []  # dots, no file after file
        assert sum(line.count(".") for line in lines if line.endswith("[100%]")) == 16


def test_workers_that_die_before_any_test_end_the_run_with_an_error(tmp_path):
    files = {
        "conftest.py": dedent("""
            from concurrency_spec.pytest_plugin import forks

            def broken(*args):
                raise SystemExit(7)

            forks._work = broken  # every worker dies as it starts
        """),
        "test_one.py": "def test_one():\n    pass\n\ndef test_two():\n    pass\n",
    }
    done = run_forked(tmp_path, files)
    assert done.returncode == 3, done.stdout + done.stderr  # pytest's internal error
    output = done.stdout + done.stderr
    assert "--forks: 3 workers died between tests; the last exited with status 70" in output


def test_the_results_list_the_tests_in_the_collections_order_not_as_they_finished(tmp_path):
    def pytest_in_repo(*args):
        command = [sys.executable, "-m", "pytest", "spec", "--section", "2", "-q", "-p", "no:xdist", *args]
        return subprocess.run(command, cwd=ROOT, env=outer_env(), capture_output=True, text=True, timeout=120)

    done = pytest_in_repo("--forks", "3", f"--results-json={tmp_path / 'results.json'}")
    assert done.returncode == 0, done.stdout[-2000:]
    listed = pytest_in_repo("--collect-only")
    collected = [line for line in listed.stdout.splitlines() if "::" in line]
    results = json.loads((tmp_path / "results.json").read_text())
    assert [entry["test"] for entry in results["tests"] if entry["test"] in collected] == collected
