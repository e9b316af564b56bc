#!/usr/bin/env python3
"""Developer entry point; needs only Python >= 3.9 and the standard library.

    python3 dev.py spec [--serial] [tox args]  the spec on every interpreter found (tox), then the report:
                                                the deterministic tests of several interpreters side by
                                                side, then the CPU measurements one interpreter at a
                                                time; --serial: each interpreter whole, one after the
                                                other (CI); tox args: as given
    python3 dev.py check [--all] [pytest args]  the project's own tests (tests/); --all adds the slow
                                                end-to-end ones (the adapters' matrix, a wheel installed
                                                in a fresh virtualenv)
    python3 dev.py mutate [mutmut args]         mutation testing of the reference and the instruments
                                                (mutmut 3, POSIX): a fresh run, then the survivors and,
                                                last, the scores;
                                                with arguments, a mutmut command on the last run
                                                (``results``, ``show NAME``, ``run NAME``...)
    python3 dev.py ci [JOB ...] [--list]        the CI workflow's jobs this machine can host, run from
                                                .github/workflows/spec.yml as written (.ci/jobs.py)
    python3 dev.py lint                         ruff check, ruff format --check, and mypy for Python 3.9

All use one tools virtualenv, .venv/, made once with the interpreter running this script (without pip:
uv is installed into it by this interpreter's pip), filled with uv where it installs (pip elsewhere) and
refreshed only when pyproject.toml changes. ``spec`` runs tox with tox-uv where it installs (uv makes
and fills the environments several times faster), plain tox elsewhere, PyPy first; tox keeps its
environments between runs. The exit code is tox's or pytest's.
"""

from __future__ import annotations

import configparser
import hashlib
import importlib.util
import json
import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
TOX_REQ = "tox>=4.26"  # 4.26: free-threaded factors (py313t)
TOX_UV_REQ = "tox-uv>=1.11"
UV_REQ = "uv>=0.4"
UV = BIN / ("uv.exe" if os.name == "nt" else "uv")
# pip's --python (pip >= 22.3) installs into .venv without pip of its own there
HOST_PIP = importlib.util.find_spec("pip") is not None
# uv looks for the interpreters tox asks for on this machine only, never downloads one
ENV = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "UV_PYTHON_DOWNLOADS": "never"}


def run(*cmd: str | Path, env: dict[str, str] = ENV) -> int:
    args = [str(c) for c in cmd]
    print("+", shlex.join(args), flush=True)
    return subprocess.call(args, cwd=ROOT, env=env)


def ensure_pip() -> bool:
    """pip in .venv, for where uv is missing or fails (.venv is made without it: ensurepip alone takes
    longer than uv filling .venv)."""
    has_pip = subprocess.call([str(PYTHON), "-c", "import pip"], stderr=subprocess.DEVNULL) == 0
    return has_pip or run(PYTHON, "-m", "ensurepip") == 0


def ensure_uv() -> bool:
    """uv in .venv (one pip run, once), where it installs: it fills .venv several times faster than pip.
    The pip of the Python running this script installs it (``pip --python``), else .venv's own."""
    if UV.exists():
        return True
    if HOST_PIP and run(sys.executable, "-m", "pip", "--python", PYTHON, "install", "-q", UV_REQ) == 0:
        return UV.exists()
    if ensure_pip():
        run(PYTHON, "-m", "pip", "install", "-q", UV_REQ)
    return UV.exists()


def pip_install(stamp: str, key: str, *reqs: str, required: bool = True, compiled: bool = False) -> bool:
    """Install ``reqs`` into .venv unless the last install under ``stamp`` had the same ``key``: with
    uv, or with pip where uv is missing or fails (uv does not read pip's configuration). ``compiled``:
    byte-compiled as pip does (uv does not by default; where PYTHONDONTWRITEBYTECODE is set, every
    fresh interpreter would compile aiohttp, pytest... again, and the tests start many)."""
    stamp_file = VENV / f".dev-{stamp}"
    if stamp_file.exists() and stamp_file.read_text() == key:
        return True
    options = ["--compile-bytecode"] if compiled else []
    with_uv = ensure_uv() and run(UV, "pip", "install", "-q", *options, "--python", PYTHON, *reqs) == 0
    if not with_uv and (not ensure_pip() or run(PYTHON, "-m", "pip", "install", "-q", *reqs)):
        if required:
            sys.exit(f"dev.py: pip install {' '.join(reqs)} failed")
        return False
    stamp_file.write_text(key)
    return True


def ensure_venv() -> None:
    if PYTHON.exists() and subprocess.call([str(PYTHON), "-c", ""], stderr=subprocess.DEVNULL) == 0:
        return
    print(f"+ creating {VENV.name}/ with {sys.executable} (Python {sys.version.split()[0]})", flush=True)
    if VENV.is_symlink() or VENV.is_file():  # a tox's .venv file (PEP 832), from before venv_redirect
        VENV.unlink()
    shutil.rmtree(VENV, ignore_errors=True)
    venv.EnvBuilder(with_pip=False).create(VENV)  # pip only if needed (ensure_pip)


def tox_config() -> configparser.ConfigParser:
    config = configparser.ConfigParser(interpolation=None)
    config.read(ROOT / "tox.ini", encoding="utf-8")
    return config


def longest_first() -> list[str]:
    """tox's environments with PyPy first: it takes about twice as long as a CPython, and started last
    it would run alone at the end while the other slot stands idle."""
    envs = [e.strip() for e in tox_config()["tox"]["environments"].replace("\n", ",").split(",") if e.strip()]
    return sorted(envs, key=lambda env: not env.startswith("pypy"))


def spec(args: list[str]) -> int:
    ensure_venv()
    # byte-compiled: every tox call imports some 400 modules of tox, tox-uv and virtualenv, and where
    # PYTHONDONTWRITEBYTECODE is set it would compile them all again each time
    if not pip_install("tox", f"{TOX_REQ} {TOX_UV_REQ}", TOX_REQ, TOX_UV_REQ, required=False, compiled=True):
        pip_install("tox", TOX_REQ, TOX_REQ, compiled=True)
        print("dev.py: tox-uv does not install here; plain tox makes the environments", flush=True)
    results = ROOT / ".results"  # tox.ini's commands write {envname}.json there
    shutil.rmtree(results, ignore_errors=True)  # the report covers this run only
    if args:  # --serial, or tox's own arguments: one environment after the other, each whole
        return run(BIN / "tox", *[a for a in args if a != "--serial"])
    interpreters = [env for env in longest_first() if env != "report"]
    # The deterministic tests wait more than they compute (a grace, a handshake, a child starting):
    # several interpreters side by side, one more than the cores. Then the CPU measurements, which need
    # the cores to themselves: one interpreter at a time. (concurrency_spec/phases.py)
    slots = str((os.cpu_count() or 1) + 1)
    deterministic = run(
        BIN / "tox", "p", "-p", slots, "-e", ",".join(interpreters), env=phase("deterministic")
    )
    # the deterministic phase has just built and installed the package in each environment (those it
    # reported SKIP, their interpreter missing, left no results and are not asked for again); the report
    # last, in the same tox call
    present = [env for env in interpreters if (results / f"{env}.json").exists()]
    measured = run(
        BIN / "tox", "--skip-pkg-install", "-e", ",".join([*present, "report"]), env=phase("measure")
    )
    return deterministic or measured


def phase(name: str) -> dict[str, str]:
    """The environment of one phase of the spec's runs: the deterministic phase in two forked workers per
    interpreter (the interpreters run side by side already; the one that runs last, alone, still has two
    cores' worth of work); in one where workers are not forked (concurrency_spec.phases.can_fork), as a
    pytest-xdist worker collects every test again."""
    forks = hasattr(os, "fork") and sys.platform != "darwin"
    workers = {"SPEC_WORKERS": "2" if forks else "1"} if name == "deterministic" else {}
    return {**ENV, "SPEC_PHASE": name, **workers}


def project_extras(implementation: str, version: tuple[int, int], free_threaded: bool) -> list[str]:
    """The extras .venv gets on an interpreter: those whose compiled dependencies have wheels for it
    (tests/test_install_sets.py checks each CI job's install sets against the package index). PyPy has
    no wheels of greenlet (playwright), rpds-py (check-jsonschema) or ast-serialize (mypy); free-threaded
    3.13 none of those, nor of uvloop, librt (mypy)..."""
    if implementation != "cpython" or (free_threaded and version < (3, 14)):
        return ["test", "adapters"]
    return ["test", "browser", "dev", "adapters", "uvloop"]


def host_extras() -> list[str]:
    free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    return project_extras(sys.implementation.name, sys.version_info[:2], free_threaded)


def pyproject_key() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_project() -> None:
    """.venv with the project and the host's extras (check and mutate), again only when pyproject.toml
    changes."""
    ensure_venv()
    extras = ",".join(host_extras())
    pip_install("project", f"{pyproject_key()} {extras}", "-e", f".[{extras}]", compiled=True)


def check_env() -> dict[str, str]:
    """The browser test cannot be required where playwright does not install."""
    if "browser" in host_extras() or ENV.get("SPEC_REQUIRE_BROWSER") != "1":
        return ENV
    print("dev.py: playwright has no wheels for this interpreter: the browser test is skipped", flush=True)
    return {**ENV, "SPEC_REQUIRE_BROWSER": "0"}


def check(args: list[str]) -> int:
    ensure_project()
    everything = "--all" in args
    args = [a for a in args if a != "--all"]
    selection = [] if everything else ["-m", "not slow"]
    paths = [] if any(not a.startswith("-") for a in args) else ["tests"]
    # the mutant runs dominate, and much of their time is waiting (a broken implementation's test runs
    # into its timeout): two more workers than cores
    parallel = (
        []
        if any(a.startswith(("-n", "--numprocesses")) for a in args)
        else ["-n", str((os.cpu_count() or 1) + 2)]
    )
    return run(PYTHON, "-m", "pytest", *paths, *parallel, *selection, *args, env=check_env())


LINT_VENV = ROOT / ".venv-lint"
OLDEST = (3, 9)  # the oldest Python the project supports: mypy checks for it, with its packages


def lint(args: list[str]) -> int:
    """ruff check and ruff format --check (the tools' .venv), then mypy for the oldest Python the
    project supports, run by that Python over the packages it gets (the newest releases of pytest and
    others use syntax that Python 3.9 lacks)."""
    if "dev" not in host_extras():
        print(
            f"dev.py lint: ruff and mypy have no wheels for {sys.implementation.name} "
            f"{sys.version.split()[0]}; run it with CPython",
            file=sys.stderr,
        )
        return 2
    ensure_project()
    codes = [run(BIN / "ruff", "check", "."), run(BIN / "ruff", "format", "--check", ".")]
    oldest = PYTHON if sys.version_info[:2] == OLDEST else lint_python()
    if oldest is None:
        print(f"dev.py lint: no Python {OLDEST[0]}.{OLDEST[1]} here: mypy checks for this one", flush=True)
        codes.append(
            run(BIN / "mypy", "--python-version", f"{sys.version_info[0]}.{sys.version_info[1]}", *args)
        )
    else:
        codes.append(run(oldest, "-m", "mypy", *args))
    return next((code for code in codes if code), 0)


def oldest_python() -> str | None:
    """An interpreter of the oldest supported Python that runs (pyenv's shims may not: not selected)."""
    version = f"{OLDEST[0]}.{OLDEST[1]}"
    pyenv = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    candidates = [str(p) for p in sorted(pyenv.glob(f"versions/{version}.*/bin/python{version}"))]
    candidates.append(shutil.which(f"python{version}") or "")
    runs = (c for c in candidates if c and subprocess.call([c, "-c", ""], stderr=subprocess.DEVNULL) == 0)
    return next(runs, None)


def lint_python() -> Path | None:
    """.venv-lint/: the oldest supported Python (in pyenv or on PATH) with the project and mypy."""
    found = oldest_python()
    if found is None or not ensure_uv():
        return None
    python = LINT_VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    stamp = LINT_VENV / ".dev-lint"
    if not (stamp.exists() and stamp.read_text() == pyproject_key()):
        shutil.rmtree(LINT_VENV, ignore_errors=True)
        if run(UV, "venv", "-q", "--python", found, LINT_VENV) or run(
            UV, "pip", "install", "-q", "--python", python, "-e", ".[adapters,uvloop]", "mypy>=1.10,<1.19"
        ):
            return None
        stamp.write_text(pyproject_key())
    return python


MUTATE = ROOT / ".mutate"
MUTMUT = ("-c", "import sys; from mutmut.__main__ import cli; sys.exit(cli())")


def self_tests() -> list[str]:
    """The project's tests that dev.py mutate runs besides the spec ([tool.mutmut]'s test selection):
    tests/test_instruments.py and the instruments' self-tests, each a file of tests/."""
    tool: dict = load_toml(ROOT / "pyproject.toml")["tool"]
    return [name for name in tool["mutmut"]["pytest_add_cli_args_test_selection"] if name.endswith(".py")]


def mutate_tree() -> None:
    """.mutate/: the checkout in the installed layout, as symbolic links, for mutmut to run in.

    mutmut names a mutant after its file's path (reference/s03_multiprocessing.py -> reference.s03_...)
    and its trampoline activates it only in the module of that name, but the reference is imported as
    concurrency_spec.reference.*: in .mutate/ it is concurrency_spec/reference/. The self-tests of
    tests/ it runs besides the spec are linked in at the top. mutmut copies the tree into
    .mutate/mutants/ and runs pytest there.
    """
    package = MUTATE / "concurrency_spec"
    package.mkdir(parents=True, exist_ok=True)
    links = {MUTATE / name: ROOT / name for name in ("pyproject.toml", "conftest.py", "spec")}
    for name in ("mutmut_plugin.py", *self_tests()):
        links[MUTATE / name] = ROOT / "tests" / name
    package_entries = (ROOT / "concurrency_spec").iterdir()
    links.update({package / e.name: e for e in package_entries if e.name != "__pycache__"})
    links[package / "reference"] = ROOT / "reference"
    for directory in (MUTATE, package):
        for entry in directory.iterdir():
            if entry.is_symlink() and entry not in links:
                entry.unlink()
    for link, target in links.items():
        relative = os.path.relpath(target, link.parent)
        if link.is_symlink() and os.readlink(link) == relative:
            continue
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(relative, target_is_directory=target.is_dir())


def mutate(args: list[str]) -> int:
    if os.name == "nt":
        sys.exit("dev.py mutate: mutmut needs fork (Linux, macOS; on Windows, WSL)")
    if sys.implementation.name != "cpython" or sys.version_info < (3, 10):
        this = f"{sys.implementation.name} {sys.version.split()[0]}"
        sys.exit(f"dev.py mutate: mutmut 3 needs CPython 3.10 or newer; this is {this}")
    ensure_project()
    pip_install("mutate", pyproject_key(), "-e", ".[mutate]")
    mutate_tree()
    # `python -c`, not the mutmut script: a child started with spawn or forkserver imports the parent's
    # __main__ again, and the script's is mutmut's command line (libcst: a second or more per child)
    mutmut = [PYTHON, *MUTMUT]
    if args:
        return subprocess.call([str(a) for a in (*mutmut, *args)], cwd=MUTATE, env=ENV)
    shutil.rmtree(MUTATE / "mutants", ignore_errors=True)  # mutmut reuses results unless spec/ changed...
    workers = str(min(2, os.cpu_count() or 1))  # ...which it cannot see: every run starts afresh
    print("+", shlex.join([str(a) for a in mutmut]), "run --max-children", workers, flush=True)
    code = subprocess.call([str(a) for a in (*mutmut, "run", "--max-children", workers)], cwd=MUTATE, env=ENV)
    if code:
        return code
    results = subprocess.run(
        [str(a) for a in (*mutmut, "results", "--all", "true")],
        cwd=MUTATE,
        env=ENV,
        capture_output=True,
        text=True,
    ).stdout
    return score(results)


SURVIVORS = ROOT / "tests" / "mutation_survivors.toml"
PREFIX = "concurrency_spec."
# what is mutated, scored apart: the reference, and the suite's instruments (testing/) with the plugin's
# verdict code; the names of mutants (after PREFIX) begin with one of a scope's prefixes
SCOPES = {
    "reference/": ("reference.",),
    "instruments": ("testing.", "outcomes.", "pytest_plugin.core."),
}
STOPPED = ("killed", "timeout", "segfault")  # a timeout, or a kill at mutmut's CPU limit, stops a mutant too


def mutant_statuses(results: str) -> dict[str, str]:
    """The status of each mutant in ``mutmut results --all true``, by its name after PREFIX."""
    statuses = {}
    for line in results.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name.startswith(PREFIX):
            statuses[name.removeprefix(PREFIX)] = status
    return statuses


def scope_score(statuses: dict[str, str], explained: dict[str, dict[str, str]]) -> str:
    """``K/N killed (P%)`` over the mutants of ``statuses`` that are not equivalent, and what else.

    A mutant listed as equivalent is left out of the score even in a run that killed it: no behaviour
    changes, so such a kill came from the machine (a test slowed past its timeout), and counting it
    would make the score differ from run to run."""
    equivalent_names = {name for name in statuses if explained.get(name, {}).get("kind") == "equivalent"}
    equivalent = len(equivalent_names)
    stopped = sum(status in STOPPED for name, status in statuses.items() if name not in equivalent_names)
    missed = len(statuses) - stopped - equivalent
    scored = len(statuses) - equivalent
    return (
        f"{stopped}/{scored} killed ({100 * stopped / max(scored, 1):.1f}%) "
        f"[{len(statuses)} mutants: {equivalent} equivalent, {missed} others not killed]"
    )


def load_toml(path: Path) -> dict[str, dict[str, str]]:
    """tomllib's reading of ``path``; on Python 3.10, tomli's, in .venv (a dependency of the project)."""
    try:
        import tomllib
    except ImportError:
        reader = "import json, sys, tomli; print(json.dumps(tomli.load(open(sys.argv[1], 'rb'))))"
        return json.loads(subprocess.check_output([str(PYTHON), "-c", reader, str(path)]))
    return tomllib.loads(path.read_text(encoding="utf-8"))


def score(results: str) -> int:
    """Print the mutants not killed, each with the reason tests/mutation_survivors.toml gives, and the
    score over the mutants that are not equivalent, of the reference and of the instruments apart,
    then of both; 1 if a survivor is unexplained."""
    explained = load_toml(SURVIVORS)
    statuses = mutant_statuses(results)
    survivors = {name: status for name, status in statuses.items() if status not in STOPPED}
    print(f"\n{len(survivors)} mutants not killed (python3 dev.py mutate show {PREFIX}NAME shows one):")
    for name, status in sorted(survivors.items()):
        entry = explained.get(name, {"kind": "UNEXPLAINED", "why": "not in " + SURVIVORS.name})
        print(f"    {name} ({status}) {entry['kind']}: {entry['why']}")
    stale = sorted(set(explained) - set(survivors))
    if stale:
        print(f"killed this run, listed in {SURVIVORS.name} (remove unless a race): {', '.join(stale)}")
    unexplained = sorted(set(survivors) - set(explained))
    if unexplained:
        where = SURVIVORS.relative_to(ROOT)
        print(f"{len(unexplained)} survivors have no reason in {where}: give one, or add a test")
    for scope, prefixes in SCOPES.items():
        in_scope = {name: status for name, status in statuses.items() if name.startswith(prefixes)}
        print(f"mutation score, {scope}: {scope_score(in_scope, explained)}")
    print(f"mutation score: {scope_score(statuses, explained)}")
    return 1 if unexplained else 0


def ci(args: list[str]) -> int:
    """.ci/jobs.py, with ruamel.yaml (in .venv) to read the workflow."""
    ensure_venv()
    pip_install("ci", "ruamel.yaml", "ruamel.yaml>=0.17")
    return run(PYTHON, ROOT / ".ci" / "jobs.py", *args)


def main(argv: list[str]) -> int:
    commands = {"spec": spec, "check": check, "mutate": mutate, "ci": ci, "lint": lint}
    if not argv or argv[0] not in commands:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        return commands[argv[0]](argv[1:])
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
