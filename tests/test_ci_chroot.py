"""``python3 dev.py ci`` (.ci/jobs.py) hosts the 3.14 job where this machine has no python3.14: with
Debian's python3.14 in a chroot, as probed there, or to be built on the job's first run where root can
build one (mmdebstrap); the job's steps then run in the chroot, with the scratch folder at its own path
and the mounts in a mount namespace of their own. The decision and the commands only: nothing here
builds or enters a chroot."""

import shlex
from pathlib import Path

import pytest
from workflow import jobs, load_workflow

PYTHON = Path("/usr/bin/python3.14")
CPYTHON_314 = ["cpython", "3.14", "3.14.0", "0"]


@pytest.fixture
def as_root(monkeypatch):
    monkeypatch.setattr(jobs.os, "geteuid", lambda: 0, raising=False)


@pytest.fixture
def built(tmp_path):
    (tmp_path / "usr" / "bin").mkdir(parents=True)
    (tmp_path / "usr" / "bin" / "python3.14").touch()
    return tmp_path


def prober_giving(answer):
    calls = []

    def prober(path, root):
        calls.append((path, root))
        return answer

    prober.calls = calls
    return prober


def test_a_built_chroot_hosts_3_14_with_the_python_probed_there(built, as_root):
    prober = prober_giving(CPYTHON_314)
    interpreter = jobs.chroot_interpreter("3.14", built, prober)
    assert interpreter == jobs.Interpreter(PYTHON, f"CPython 3.14.0 in a Debian chroot ({built})", built)
    assert prober.calls == [(PYTHON, built)]


@pytest.mark.parametrize("request_", ["3.13", "3.14t", "pypy3.10"])
def test_only_the_pythons_debian_gives_come_from_a_chroot(built, as_root, request_):
    prober = prober_giving(CPYTHON_314)
    assert jobs.chroot_interpreter(request_, built, prober) is None
    assert prober.calls == []


OTHERS = [
    None,
    ["cpython", "3.13", "3.13.5", "0"],
    ["cpython", "3.14", "3.14.0", "1"],
    ["pypy", "3.14", "x", "0"],
]


@pytest.mark.parametrize("answer", OTHERS)
def test_a_chroot_whose_python_does_not_run_or_is_another_hosts_nothing(built, as_root, answer):
    assert jobs.chroot_interpreter("3.14", built, prober_giving(answer)) is None


def test_a_missing_chroot_is_built_on_the_first_run_where_mmdebstrap_is(tmp_path, as_root, monkeypatch):
    monkeypatch.setattr(jobs.shutil, "which", lambda name: f"/usr/bin/{name}")
    root, prober = tmp_path / "root", prober_giving(CPYTHON_314)
    interpreter = jobs.chroot_interpreter("3.14", root, prober)
    assert interpreter is not None and interpreter.chroot == root and interpreter.path == PYTHON
    assert interpreter.description == f"CPython 3.14 in a Debian chroot ({root}), built on first run"
    assert prober.calls == []  # nothing to probe yet
    root.mkdir()
    (root / "etc").mkdir()  # something else lives there: not overwritten
    assert jobs.chroot_interpreter("3.14", root, prober) is None
    assert jobs.chroot_obstacle(root, str(PYTHON)) == f"{root} has no {PYTHON}"


def test_without_root_or_mmdebstrap_there_is_no_chroot_and_the_reason_says_why(built, monkeypatch):
    monkeypatch.setattr(jobs.os, "geteuid", lambda: 1000, raising=False)
    assert jobs.chroot_interpreter("3.14", built, prober_giving(CPYTHON_314)) is None
    assert jobs.chroot_obstacle(built, str(PYTHON)) == "chroot and mount need root"
    monkeypatch.setattr(jobs.os, "geteuid", lambda: 0)
    monkeypatch.setattr(jobs.shutil, "which", lambda name: None)
    assert "apt-get install mmdebstrap" in jobs.chroot_obstacle(built / "absent", str(PYTHON))


def test_the_listing_says_the_3_14_job_runs_in_the_chroot(built, as_root, capsys):
    (job,) = [job for job in jobs.expand(load_workflow()) if job.name == "ubuntu-latest 3.14"]

    def finder(request):
        return jobs.chroot_interpreter(request, built, prober_giving(CPYTHON_314))

    assert jobs.not_hosted(job, finder) is None
    jobs.listing([job], finder)
    assert capsys.readouterr().out.split(None, 2)[2].strip() == (
        f"hosted: CPython 3.14.0 in a Debian chroot ({built})"
    )


def test_a_chrooted_step_sees_its_folder_python_sudo_and_the_mounts_it_needs(tmp_path):
    root, scratch = tmp_path / "root", tmp_path / "scratch"
    interpreter = jobs.Interpreter(PYTHON, "CPython 3.14.0 in a Debian chroot", root)
    jobs.make_bin(scratch / "bin", interpreter)
    assert (scratch / "bin" / "python").readlink() == PYTHON  # read in the chroot
    assert (scratch / "bin" / "sudo").exists()  # the chroot has none, whatever the host has
    env = jobs.job_environment(scratch / "workspace", scratch / "bin", interpreter)
    assert env["PATH"].split(":")[:2] == [str(scratch / "bin"), "/usr/bin"]

    command = jobs.chroot_command(root, scratch, scratch / "workspace", ["bash", "-e", "step.sh"])
    assert command[:4] == ["unshare", "--mount", "--propagation", "private"]  # mounts die with it
    script = command[-1].splitlines()
    mounts = {shlex.split(line)[-1]: shlex.split(line)[1:-1] for line in script if line.startswith("mount ")}
    assert mounts[f"{root}{scratch}"] == ["--bind", str(scratch)]  # at its own path
    assert mounts[f"{root}/dev/shm"] == ["-t", "tmpfs", "tmpfs"]  # multiprocessing's semaphores
    assert {f"{root}/opt", f"{root}/proc", f"{root}/dev", f"{root}/sys"} <= set(mounts)
    inside = ["env", "-C", str(scratch / "workspace"), "bash", "-e", "step.sh"]
    assert shlex.split(script[-1]) == ["exec", "chroot", str(root), *inside]
