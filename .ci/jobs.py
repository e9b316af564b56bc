"""The CI workflow's jobs, run on this machine from the workflow file itself (``python3 dev.py ci``).

    python3 dev.py ci [JOB ...] [--list]

reads .github/workflows/spec.yml, expands each job's matrix and runs every job this machine can host (a
Linux runner whose interpreter is here: CPython from pyenv's versions/ or PATH, PyPy as ``pypy3``, and
for 3.14, where neither has it, Debian's python3.14 in a chroot: see ``chroot_interpreter``), or
only those named (a job's name, e.g. "ubuntu-latest 3.9", or a word of it: 3.9, pypy3.10, ubuntu-latest).
A job runs its steps as written, as GitHub's runner would:

- ``actions/checkout``: the job runs in a fresh ``git clone`` of the current commit (uncommitted changes
  are not in it);
- ``actions/setup-python``: the job's interpreter is first on PATH as ``python`` and ``python3``;
- ``${{ }}`` expressions (``matrix.*``, ``runner.os``, ``github.*``, status functions) and ``if:``
  conditions are evaluated; a ``run:`` step runs with the shell GitHub uses (``bash -e {0}`` by default);
- ``sudo`` runs the command itself where there is no sudo (a shim; this machine's jobs run as root);
- ``actions/upload-artifact``: the paths it lists are copied into .ci-jobs/<job>/artifacts/<name>/.

Each job's output goes to .ci-jobs/<job>/log.txt; one line per job tells its result and time, and the jobs
not hosted here say why (macOS, Windows, no such interpreter, no free-threaded build). The exit status is
1 if a hosted job failed, 2 for a usage error. ``--list`` shows the jobs and where each would run.
"""

from __future__ import annotations

import argparse
import contextlib
import fnmatch
import glob
import itertools
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Dict, Iterator, List, Optional

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "spec.yml"
OUTPUT = ROOT / ".ci-jobs"
PYENV_VERSIONS = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv") / "versions"
# what the runner would not have: this checkout's tools and the caller's settings of the project
DROPPED_ENV = ("VIRTUAL_ENV", "PYTHONHOME", "PYTHONPATH", "PYENV_VERSION")
DROPPED_PREFIXES = ("SPEC_", "PYTEST_", "TOX_")
SHELLS = {
    None: ["bash", "-e", "{0}"],
    "bash": ["bash", "--noprofile", "--norc", "-eo", "pipefail", "{0}"],
    "sh": ["sh", "-e", "{0}"],
    "python": ["python", "{0}"],
}
RUNNER_OS = {"macos": "macOS", "windows": "Windows", "ubuntu": "Linux"}
# setup-python's versions that a Debian chroot gives where this machine has no such interpreter: Debian
# forky's python3.14, in the chroot of the developer tool py314 (mmdebstrap), built on the first job's run
CHROOT = Path("/tmp/py314-root")
CHROOT_PYTHONS = {"3.14": "/usr/bin/python3.14"}
CHROOT_SUITE = "forky"
CHROOT_PACKAGES = ("python3.14", "python3.14-venv", "ca-certificates")
RUNNER_TOOLS = {"git": "usr/bin/git"}  # what the project's tests expect of GitHub's runner image
# the host's network settings, copied in before each step: resolver, certificates (with any proxy's CA),
# pip's configuration (which may name the local package index under /opt, bound in the chroot)
HOST_SETTINGS = ("/etc/resolv.conf", "/etc/ssl/certs/ca-certificates.crt", "/etc/pip.conf", "/etc/xdg/pip")
CHROOT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


# ---- expressions: ${{ ... }} (https://docs.github.com/en/actions/reference/evaluate-expressions) ----

TOKEN = re.compile(
    r"\s*(?:(?P<string>'(?:[^']|'')*')|(?P<number>\d+(?:\.\d+)?)"
    r"|(?P<op>==|!=|<=|>=|&&|\|\||[!<>()\[\].,])|(?P<name>[A-Za-z_][\w-]*))"
)


def tokens(text: str) -> List[str]:
    found, position = [], 0
    text = text.strip()
    while position < len(text):
        match = TOKEN.match(text, position)
        if not match or match.end() == position:
            raise ValueError(f"cannot read the expression {text!r} at {text[position:]!r}")
        found.append(match.group().strip())
        position = match.end()
    return found


def truthy(value: Any) -> bool:
    return value not in (False, 0, "", None)


def equal(left: Any, right: Any) -> bool:
    """GitHub compares strings ignoring case."""
    if isinstance(left, str) and isinstance(right, str):
        return left.casefold() == right.casefold()
    return bool(left == right)


FUNCTIONS: Dict[str, Callable[..., Any]] = {
    "startsWith": lambda s, p: str(s).casefold().startswith(str(p).casefold()),
    "endsWith": lambda s, p: str(s).casefold().endswith(str(p).casefold()),
    "contains": lambda s, p: (
        any(equal(i, p) for i in s) if isinstance(s, list) else str(p).casefold() in str(s).casefold()
    ),
    "format": lambda f, *a: re.sub(r"\{(\d+)\}", lambda m: str(a[int(m.group(1))]), f),
}


class Expression:
    """A recursive-descent reading of one expression: || && == != < <= > >= ! (), property access,
    literals and function calls (the status functions read ``status``: success, failure, cancelled)."""

    def __init__(self, text: str, context: Dict[str, Any], status: str = "success"):
        self.text, self.items, self.context, self.status = text, tokens(text), context, status

    def value(self) -> Any:
        result = self.either()
        if self.items:
            raise ValueError(f"unexpected {self.items[0]!r} in {self.text!r}")
        return result

    def take(self, *expected: str) -> Optional[str]:
        if self.items and self.items[0] in expected:
            return self.items.pop(0)
        return None

    def either(self) -> Any:
        left = self.both()
        while self.take("||"):
            right = self.both()
            left = left if truthy(left) else right
        return left

    def both(self) -> Any:
        left = self.comparison()
        while self.take("&&"):
            right = self.comparison()
            left = right if truthy(left) else left
        return left

    def comparison(self) -> Any:
        left = self.negation()
        while True:
            op = self.take("==", "!=", "<", "<=", ">", ">=")
            if op is None:
                return left
            right = self.negation()
            if op in ("==", "!="):
                left = equal(left, right) == (op == "==")
            else:
                left = {"<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right}[op]

    def negation(self) -> Any:
        if self.take("!"):
            return not truthy(self.negation())
        return self.postfix(self.primary())

    def primary(self) -> Any:
        if not self.items:
            raise ValueError(f"the expression {self.text!r} ends too soon")
        item = self.items.pop(0)
        if item == "(":
            inner = self.either()
            self.expect(")")
            return inner
        if item.startswith("'"):
            return item[1:-1].replace("''", "'")
        if item[0].isdigit():
            return float(item) if "." in item else int(item)
        if item in ("true", "false", "null"):
            return {"true": True, "false": False, "null": None}[item]
        if self.take("("):
            return self.call(item)
        if item not in self.context:
            raise ValueError(f"unknown name {item!r} in {self.text!r}")
        return self.context[item]

    def postfix(self, value: Any) -> Any:
        while True:
            if self.take("."):
                value = member(value, self.items.pop(0))
            elif self.take("["):
                key = self.either()
                self.expect("]")
                value = member(value, key)
            else:
                return value

    def call(self, name: str) -> Any:
        arguments = []
        while not self.take(")"):
            arguments.append(self.either())
            self.take(",")
        statuses = {"success": "success", "failure": "failure", "cancelled": "cancelled"}
        if name == "always":
            return True
        if name in statuses:
            return self.status == statuses[name]
        if name not in FUNCTIONS:
            raise ValueError(f"unknown function {name}() in {self.text!r}")
        return FUNCTIONS[name](*arguments)

    def expect(self, item: str) -> None:
        if not self.take(item):
            raise ValueError(f"expected {item!r} in {self.text!r}")


def member(value: Any, key: Any) -> Any:
    return value.get(key) if isinstance(value, dict) else None


def evaluate(text: str, context: Dict[str, Any], status: str = "success") -> Any:
    return Expression(text, context, status).value()


def as_text(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return {None: "", True: "true", False: "false"}[value]
    return str(value)


def interpolate(text: Any, context: Dict[str, Any]) -> str:
    """A value with ``${{ }}`` in it, as the string GitHub makes of it."""
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: as_text(evaluate(m.group(1), context)), str(text))


STATUS_FUNCTIONS = re.compile(r"\b(always|success|failure|cancelled)\s*\(")


def condition_holds(condition: Any, context: Dict[str, Any], status: str) -> bool:
    """``if:``, with or without ``${{ }}``; without a status function it means ``success() && (...)``."""
    if condition is None:
        return status == "success"
    text = str(condition).strip()
    if text.startswith("${{") and text.endswith("}}"):
        text = text[3:-2]
    if not STATUS_FUNCTIONS.search(text):
        text = f"success() && ({text})"
    return truthy(evaluate(text, context, status))


# ---- the jobs of the workflow ----


@dataclass
class Job:
    job_id: str
    name: str
    matrix: Dict[str, Any]
    definition: Dict[str, Any]
    runs_on: str = ""
    python: str = ""

    @property
    def slug(self) -> str:
        return re.sub(r"[^\w.+-]+", "-", self.name).strip("-")

    def context(self, **more: Any) -> Dict[str, Any]:
        runner_os = next((os for word, os in RUNNER_OS.items() if word in self.runs_on.lower()), "Linux")
        return {"matrix": self.matrix, "runner": {"os": runner_os, "arch": "X64"}, "env": {}, **more}


def load_workflow(path: Path = WORKFLOW) -> Dict[str, Any]:
    from ruamel.yaml import YAML  # with check-jsonschema (dev extra); dev.py ci installs it

    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def combinations(strategy: Dict[str, Any]) -> List[Dict[str, Any]]:
    """A matrix's jobs: the product of its lists, less ``exclude``, with ``include`` merged into the
    combinations it does not overwrite, or added as a job of its own."""
    matrix = dict(strategy.get("matrix") or {})
    include, exclude = matrix.pop("include", []) or [], matrix.pop("exclude", []) or []
    keys = list(matrix)
    product = itertools.product(*(matrix[k] for k in keys)) if keys else iter(())
    rows: List[Dict[str, Any]] = [dict(zip(keys, values)) for values in product]
    rows = [row for row in rows if not any(all(row.get(k) == v for k, v in ex.items()) for ex in exclude)]
    originals = list(rows)
    for extra in include:
        matching = [row for row in originals if all(row[k] == v for k, v in extra.items() if k in keys)]
        for row in matching:
            row.update(extra)
        if not matching:
            rows.append(dict(extra))
    return rows or [dict()]


def setup_python_version(definition: Dict[str, Any], context: Dict[str, Any]) -> str:
    for step in definition.get("steps", []):
        if str(step.get("uses", "")).startswith("actions/setup-python"):
            return interpolate((step.get("with") or {}).get("python-version", ""), context)
    return ""


def expand(workflow: Dict[str, Any]) -> List[Job]:
    jobs = []
    for job_id, definition in (workflow.get("jobs") or {}).items():
        for row in combinations(definition.get("strategy") or {}):
            context = Job(job_id, job_id, row, definition).context()
            default_name = f"{job_id} ({', '.join(map(str, row.values()))})" if row else job_id
            name = interpolate(definition["name"], context) if "name" in definition else default_name
            runs_on = interpolate(definition.get("runs-on", ""), context)
            python = setup_python_version(definition, context)
            jobs.append(Job(job_id, name, row, definition, runs_on, python))
    return jobs


# ---- which jobs this machine hosts ----


@dataclass
class Interpreter:
    path: Path
    description: str
    chroot: Optional[Path] = None  # path is inside this root


PROBE = (
    "import sys, sysconfig; print(sys.implementation.name, '%d.%d' % sys.version_info[:2],"
    " sys.version.split()[0], int(bool(sysconfig.get_config_var('Py_GIL_DISABLED'))))"
)


def probe(path: Path, chroot: Optional[Path] = None) -> Optional[List[str]]:
    """[implementation, X.Y, full version, free-threaded 0/1], or None if it does not run."""
    command = (["chroot", str(chroot)] if chroot else []) + [str(path), "-c", PROBE]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except OSError:
        return None
    return run.stdout.split() if run.returncode == 0 else None


def candidates(request: str) -> Iterator[Path]:
    """Where the interpreter setup-python would give (3.12, 3.13t, pypy3.10) may be on this machine."""
    if request.startswith("pypy"):
        yield from (Path(p) for p in filter(None, [shutil.which("pypy3"), shutil.which(request)]))
        return
    version, free_threaded = request.rstrip("t"), request.endswith("t")
    suffix = "t" if free_threaded else ""
    patterns = sorted(PYENV_VERSIONS.glob(f"{version}.*{suffix}"), reverse=True)
    for folder in patterns:
        if folder.name.endswith("t") == free_threaded:
            yield folder / "bin" / f"python{version}{suffix}"
    shims = str(PYENV_VERSIONS.parent / "shims")
    path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep) if p != shims)
    found = shutil.which(f"python{version}{suffix}", path=path)
    if found:
        yield Path(found)


def find_interpreter(request: str) -> Optional[Interpreter]:
    """This machine's interpreter for setup-python's ``request``, else one in a Debian chroot."""
    return native_interpreter(request) or chroot_interpreter(request)


def native_interpreter(request: str) -> Optional[Interpreter]:
    """The interpreter that stands for setup-python's ``request``: any PyPy 3 for pypy3.X (say so in the
    description), else the CPython of that version, free-threaded if the request ends in t."""
    suffix = "t" if request.endswith("t") else ""
    for path in candidates(request):
        implementation, version, full, free_threaded = probe(path) or ["", "", "", ""]
        if request.startswith("pypy") and implementation == "pypy":
            return Interpreter(path, f"PyPy {full} for {request}")
        wanted = ("cpython", request.rstrip("t"), "1" if suffix else "0")
        if (implementation, version, free_threaded) == wanted:
            return Interpreter(path, f"CPython {full}{suffix}")
    return None


def chroot_interpreter(
    request: str, root: Path = CHROOT, prober: Callable[[Path, Path], Optional[List[str]]] = probe
) -> Optional[Interpreter]:
    """Debian's CPython ``request`` (3.14) in the chroot ``root``: as probed there, or, where the chroot is
    not built yet and can be, to be built on the job's first run (JobRun.enter_chroot)."""
    python = CHROOT_PYTHONS.get(request)
    if python is None or chroot_obstacle(root, python):
        return None
    if not (root / python.lstrip("/")).exists():
        where = f"in a Debian chroot ({root}), built on first run"
        return Interpreter(Path(python), f"CPython {request} {where}", root)
    return probe_chroot(request, root, prober)


def probe_chroot(
    request: str, root: Path, prober: Callable[[Path, Path], Optional[List[str]]] = probe
) -> Optional[Interpreter]:
    """The chroot's CPython ``request``, if it runs there."""
    python = Path(CHROOT_PYTHONS[request])
    implementation, version, full, free_threaded = prober(python, root) or ["", "", "", ""]
    if (implementation, version, free_threaded) != ("cpython", request, "0"):
        return None
    return Interpreter(python, f"CPython {full} in a Debian chroot ({root})", root)


def chroot_obstacle(root: Path, python: str) -> Optional[str]:
    """Why this machine can neither use nor build a chroot with ``python`` at ``root``, or None."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "chroot and mount need root"
    if (root / python.lstrip("/")).exists():
        return None
    if shutil.which("mmdebstrap") is None:
        return "mmdebstrap builds it: apt-get install mmdebstrap"
    if root.exists() and any(root.iterdir()):
        return f"{root} has no {python}"
    return None


def not_hosted(job: Job, finder: Callable[[str], Optional[Interpreter]]) -> Optional[str]:
    """Why this machine cannot run the job, or None."""
    runner_os = job.context()["runner"]["os"]
    if runner_os != "Linux" or not any(word in job.runs_on.lower() for word in ("ubuntu", "linux")):
        return f"{runner_os} runner ({job.runs_on})" if runner_os != "Linux" else f"runner {job.runs_on!r}"
    if job.python and finder(job.python) is None:
        if job.python.endswith("t"):
            return f"free-threaded build absent (no python{job.python} here)"
        python = CHROOT_PYTHONS.get(job.python)
        obstacle = chroot_obstacle(CHROOT, python) if python else None
        return f"no {job.python} interpreter here" + (f" (nor a chroot: {obstacle})" if obstacle else "")
    return None


# ---- running one job ----


@dataclass
class Outcome:
    job: Job
    result: str  # passed, failed, not hosted
    seconds: float = 0.0
    detail: str = ""
    failed_steps: List[str] = field(default_factory=list)


def job_environment(workspace: Path, bin_dir: Path, interpreter: Interpreter) -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in DROPPED_ENV and not k.startswith(DROPPED_PREFIXES)}
    system = CHROOT_PATH if interpreter.chroot else env.get("PATH", "")
    path = [str(bin_dir), str(interpreter.path.parent), system]
    env.update(PATH=os.pathsep.join(path), CI="true", GITHUB_ACTIONS="true", RUNNER_OS="Linux")
    env.update(GITHUB_WORKSPACE=str(workspace))
    return env


def make_bin(bin_dir: Path, interpreter: Interpreter) -> None:
    """``python`` and ``python3`` (setup-python), and a ``sudo`` that runs its command where none is."""
    bin_dir.mkdir(parents=True)
    for name in ("python", "python3"):
        (bin_dir / name).symlink_to(interpreter.path)  # in a chroot, the link is read there
    root = interpreter.chroot
    if not ((root / "usr/bin/sudo").exists() if root else shutil.which("sudo")):
        sudo = bin_dir / "sudo"
        sudo.write_text('#!/bin/sh\n# no sudo on this machine: run the command itself\nexec "$@"\n')
        sudo.chmod(0o755)


def clone(source: Path, workspace: Path) -> str:
    """``source``'s current commit in a fresh clone, as actions/checkout gives it; its id."""
    commit = git("rev-parse", "HEAD", root=source)
    git("clone", "-q", "--no-checkout", str(source), str(workspace), root=source)
    git("checkout", "-q", "--detach", commit, root=workspace)
    return commit


def git(*args: str, root: Path = ROOT) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True)
    return done.stdout.strip()


# ---- a job in a Debian chroot (setup-python's 3.14 where this machine has none) ----


def debian_mirror() -> str:
    """The host's Debian mirror (its apt sources, not the security one), for the chroot's packages."""
    for sources in (Path("/etc/apt/sources.list.d/debian.sources"), Path("/etc/apt/sources.list")):
        text = sources.read_text(encoding="utf-8") if sources.exists() else ""
        for uri in re.findall(r"^(?:URIs:|deb)\s+(?:\[[^\]]*\]\s+)?(\S+)", text, re.MULTILINE):
            if "security" not in uri:
                return str(uri)
    return "http://deb.debian.org/debian"


def build_chroot(root: Path, log: IO[str]) -> None:
    """Debian ``CHROOT_SUITE`` with its python at ``root``, as the tool py314 builds it (mmdebstrap, no
    root filesystem of its own to download: apt from the host's mirror), with the runner's tools."""
    keyring = "/usr/share/keyrings/debian-archive-keyring.gpg"
    source = f"deb [signed-by={keyring}] {debian_mirror()} {CHROOT_SUITE} main"
    packages = ",".join((*CHROOT_PACKAGES, *RUNNER_TOOLS))
    command = ["mmdebstrap", "--variant=apt", '--aptopt=Acquire::Check-Valid-Until "false"']
    command += [f"--include={packages}", CHROOT_SUITE, str(root), source]
    subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, check=True)


def copy_host_settings(root: Path) -> None:
    for name in HOST_SETTINGS:
        if Path(name).exists():
            copy(Path(name), root / name.lstrip("/"))


def chroot_command(root: Path, scratch: Path, directory: Path, command: List[str]) -> List[str]:
    """``command`` run in ``directory`` of the chroot ``root``, in a mount namespace of its own (unshare):
    ``scratch`` (the clone, the job's bin/) at its own path, /opt (a local package index pip's settings
    may name), /proc, /dev, a tmpfs on /dev/shm (multiprocessing's semaphores), /sys. The mounts are
    private to the namespace: the host never sees them and they go with its last process."""
    mounts = [
        ("--bind", str(scratch), f"{root}{scratch}"),
        ("--bind", "/opt", f"{root}/opt"),
        ("-t proc", "proc", f"{root}/proc"),
        ("--rbind", "/dev", f"{root}/dev"),
        ("-t tmpfs", "tmpfs", f"{root}/dev/shm"),
        ("--rbind", "/sys", f"{root}/sys"),
    ]
    script = [f"mount {how} {shlex.quote(what)} {shlex.quote(where)}" for how, what, where in mounts]
    script.append("exec " + shlex.join(["chroot", str(root), "env", "-C", str(directory), *command]))
    return ["unshare", "--mount", "--propagation", "private", "sh", "-ec", "\n".join(script)]


class JobRun:
    """One job's steps, in order, in its own clone, with its log and artifacts under .ci-jobs/<job>/."""

    def __init__(self, job: Job, interpreter: Interpreter, output: Path, source: Path = ROOT):
        self.job, self.interpreter, self.output, self.source = job, interpreter, output, source
        self.status = "success"
        self.failed: List[str] = []

    def run(self) -> Outcome:
        start = time.monotonic()
        self.deadline = start + 60 * float(self.job.definition.get("timeout-minutes", 360))
        shutil.rmtree(self.output, ignore_errors=True)
        self.output.mkdir(parents=True)
        log = self.output / "log.txt"
        with tempfile.TemporaryDirectory(prefix="ci-") as scratch, log.open("w", encoding="utf8") as self.log:
            try:
                self.prepare(Path(scratch))
            except (OSError, subprocess.CalledProcessError, RuntimeError) as error:
                self.note(f"the job cannot start: {error}")
                self.status, self.failed = "failure", [f"setting the job up ({error})"]
            else:
                for number, step in enumerate(self.job.definition.get("steps", []), 1):
                    self.step(number, step)
            finally:
                self.leave_chroot(Path(scratch))
        result = "passed" if self.status == "success" else "failed"
        detail = f"failed: {'; '.join(self.failed)}" if self.failed else ""
        return Outcome(self.job, result, time.monotonic() - start, detail, self.failed)

    def prepare(self, scratch: Path) -> None:
        """The clone (actions/checkout) and the PATH with the job's python (actions/setup-python)."""
        self.workspace = scratch / "workspace"
        self.commit = clone(self.source, self.workspace)
        if self.interpreter.chroot:
            self.interpreter = self.enter_chroot(self.interpreter.chroot, scratch)
        self.note(f"commit {self.commit}, {self.interpreter.description} ({self.interpreter.path})")
        make_bin(scratch / "bin", self.interpreter)
        self.env = job_environment(self.workspace, scratch / "bin", self.interpreter)

    def enter_chroot(self, root: Path, scratch: Path) -> Interpreter:
        """The chroot of the job's python, built if absent, with the runner's tools; its interpreter, as
        probed there."""
        python = self.interpreter.path
        if not (root / python.relative_to("/")).exists():
            self.note(f"building a Debian {CHROOT_SUITE} chroot with {python} in {root} (mmdebstrap)")
            build_chroot(root, self.log)
        (root / scratch.relative_to("/")).mkdir(parents=True, exist_ok=True)  # where scratch is bound
        self.add_runner_tools(root, scratch)
        found = probe_chroot(self.job.python, root)
        if found is None:
            raise RuntimeError(f"{python} does not run in {root}")
        return found

    def add_runner_tools(self, root: Path, scratch: Path) -> None:
        """The runner's tools the chroot lacks (the tool py314 builds it without git), from its apt."""
        missing = " ".join(tool for tool, path in RUNNER_TOOLS.items() if not (root / path).exists())
        if not missing:
            return
        self.note(f"installing {missing} in {root}, as GitHub's runner has it")
        apt = f"apt-get update -qq && apt-get install -y -qq --no-install-recommends {missing}"
        environment = {**os.environ, "PATH": CHROOT_PATH, "DEBIAN_FRONTEND": "noninteractive"}
        if self.call(self.chrooted(root, scratch, Path("/"), ["sh", "-c", apt]), scratch, environment):
            raise RuntimeError(f"apt-get could not install {missing} in {root}")

    def chrooted(self, root: Path, scratch: Path, directory: Path, command: List[str]) -> List[str]:
        copy_host_settings(root)  # again at each step: a package's update may have replaced them
        return chroot_command(root, scratch, directory, command)

    def leave_chroot(self, scratch: Path) -> None:
        """The chroot's mount point of the scratch folder, gone (its mounts went with their namespace)."""
        if self.interpreter.chroot:
            with contextlib.suppress(OSError):
                (self.interpreter.chroot / scratch.relative_to("/")).rmdir()

    def note(self, text: str) -> None:
        self.log.write(f"== {text}\n")
        self.log.flush()

    def context(self) -> Dict[str, Any]:
        github = {"workspace": str(self.workspace), "event_name": "push", "sha": self.commit}
        return self.job.context(github=github, env=dict(self.job.definition.get("env") or {}))

    def step(self, number: int, step: Dict[str, Any]) -> None:
        title = step.get("name") or step.get("uses") or str(step.get("run", "")).splitlines()[0]
        title = interpolate(title, self.context())
        if not condition_holds(step.get("if"), self.context(), self.status):
            self.note(f"step {number} skipped (if: {step.get('if', 'success()')}): {title}")
            return
        self.note(f"step {number}: {title}")
        started = time.monotonic()
        code = self.execute(step)
        self.note(f"step {number} exit {code} ({time.monotonic() - started:.0f} s): {title}")
        if code != 0:
            self.status = "failure"
            self.failed.append(f"{title} (exit {code})")

    def execute(self, step: Dict[str, Any]) -> int:
        uses = str(step.get("uses", ""))
        if uses.startswith(("actions/checkout@", "actions/setup-python@")):
            return 0  # the clone, and the interpreter first on PATH
        if uses.startswith("actions/upload-artifact@"):
            return self.upload(step.get("with") or {})
        if uses:
            self.note(f"cannot emulate uses: {uses}")
            return 1
        return self.shell(step)

    def shell(self, step: Dict[str, Any]) -> int:
        context, definition = self.context(), self.job.definition
        env = dict(self.env)
        for variables in (definition.get("env") or {}, step.get("env") or {}):
            env.update({name: interpolate(value, context) for name, value in variables.items()})
        shell = step.get("shell") or ((definition.get("defaults") or {}).get("run") or {}).get("shell")
        if shell not in SHELLS:
            self.note(f"cannot emulate shell: {shell}")
            return 1
        script = Path(self.workspace.parent) / f"step-{time.monotonic_ns()}.sh"
        script.write_text(interpolate(step["run"], context) + "\n", encoding="utf-8")
        command = [str(script) if part == "{0}" else part for part in SHELLS[shell]]
        directory = self.workspace / interpolate(step.get("working-directory", "."), context)
        root = self.interpreter.chroot
        if root:  # the scratch folder is at its own path in the chroot
            command, directory = self.chrooted(root, script.parent, directory, command), script.parent
        return self.call(command, directory, env)

    def call(self, command: List[str], directory: Path, env: Dict[str, str]) -> int:
        process = subprocess.Popen(
            command,
            cwd=directory,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            return process.wait(timeout=max(self.deadline - time.monotonic(), 1))
        except subprocess.TimeoutExpired:
            self.note("the job's timeout-minutes ran out: stopping the step")
            os.killpg(process.pid, signal.SIGKILL)
            return process.wait()
        except KeyboardInterrupt:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait()
            raise

    def upload(self, options: Dict[str, Any]) -> int:
        context = self.context()
        name = interpolate(options.get("name", "artifact"), context)
        target = self.output / "artifacts" / re.sub(r"[^\w.+-]+", "-", name)
        copied = 0
        for pattern in interpolate(options.get("path", ""), context).splitlines():
            for found in glob.glob(str(self.workspace / pattern.strip())) if pattern.strip() else []:
                copied += copy(Path(found), target / Path(found).relative_to(self.workspace))
        self.note(f"artifact {name}: {copied} files in {relative(target)}")
        return 1 if copied == 0 and options.get("if-no-files-found", "warn") == "error" else 0


def copy(source: Path, target: Path) -> int:
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True)
        return sum(1 for p in target.rglob("*") if p.is_file())
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)
    return 1


# ---- the command line ----


def matches(job: Job, name: str) -> bool:
    return name in (job.name, job.slug) or name in job.name.split() or fnmatch.fnmatch(job.name, name)


def selected(jobs: List[Job], names: List[str]) -> List[Job]:
    if not names:
        return jobs
    chosen = [job for job in jobs if any(matches(job, name) for name in names)]
    unknown = [name for name in names if not any(matches(job, name) for job in jobs)]
    if unknown:
        raise ValueError(f"no job named {', '.join(unknown)} (python3 dev.py ci --list)")
    return chosen


def line(outcome: Outcome) -> str:
    minutes, seconds = divmod(round(outcome.seconds), 60)
    took = f"{minutes:d}m{seconds:02d}s" if outcome.result != "not hosted" else ""
    return f"{outcome.job.name:<24} {outcome.result:<10} {took:>7}  {outcome.detail}".rstrip()


def run_jobs(jobs: List[Job], finder: Callable[[str], Optional[Interpreter]], output: Path) -> List[Outcome]:
    outcomes = []
    for job in jobs:
        reason = not_hosted(job, finder)
        if reason:
            outcome = Outcome(job, "not hosted", detail=reason)
        else:
            interpreter = finder(job.python) if job.python else None
            interpreter = interpreter or Interpreter(Path(sys.executable), "this Python")
            print(f"{job.name:<24} running with {interpreter.description} ...", flush=True)
            outcome = JobRun(job, interpreter, output / job.slug).run()
            log = f"log: {relative(output / job.slug / 'log.txt')}"
            outcome.detail = f"{outcome.detail}; {log}" if outcome.detail else log
        print(line(outcome), flush=True)
        outcomes.append(outcome)
    return outcomes


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def listing(jobs: List[Job], finder: Callable[[str], Optional[Interpreter]]) -> None:
    for job in jobs:
        reason = not_hosted(job, finder)
        interpreter = None if reason or not job.python else finder(job.python)
        hosted = f"hosted: {interpreter.description if interpreter else 'this Python'}"
        print(f"{job.name:<24} {f'not hosted: {reason}' if reason else hosted}")


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="dev.py ci", description=__doc__.split("\n\n")[0])
    parser.add_argument("jobs", nargs="*", metavar="JOB", help="a job's name or a word of it (default: all)")
    parser.add_argument("--list", action="store_true", help="list the jobs and where each would run")
    args = parser.parse_args(argv)
    try:
        jobs = selected(expand(load_workflow()), args.jobs)
    except ValueError as error:
        print(f"dev.py ci: {error}", file=sys.stderr)
        return 2
    if args.list:
        listing(jobs, find_interpreter)
        return 0
    if git("status", "--porcelain", "--untracked-files=no"):
        commit = git("rev-parse", "--short", "HEAD")
        print(f"dev.py ci: the jobs run commit {commit}; uncommitted changes are not in their clones")
    try:
        outcomes = run_jobs(jobs, find_interpreter, OUTPUT)
    except KeyboardInterrupt:  # the running step's process group has been stopped
        print("dev.py ci: interrupted", file=sys.stderr)
        return 130
    ran = [o for o in outcomes if o.result != "not hosted"]
    failed = [o for o in ran if o.result != "passed"]
    print(f"{len(ran) - len(failed)} of {len(ran)} hosted jobs passed; {len(outcomes) - len(ran)} not hosted")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
