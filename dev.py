#!/usr/bin/env python3
"""Developer entry point; needs only Python >= 3.9 and the standard library.

    python3 dev.py spec [--serial] [tox args]  the spec on every interpreter found (tox), then the report;
                                                two interpreters at a time, or one after the other with
                                                --serial (needed to measure CPU parallelism) or tox args
    python3 dev.py check [--all] [pytest args]  the project's own tests (tests/); --all adds the slow
                                                end-to-end ones (the adapters' matrix, a wheel installed
                                                in a fresh virtualenv)

Both use one tools virtualenv, .venv/, made once with the interpreter running this script and
refreshed only when pyproject.toml changes. ``spec`` runs tox with tox-uv where it installs (uv makes
and fills the environments several times faster), plain tox elsewhere; tox keeps its environments
between runs. The exit code is tox's or pytest's.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
TOX_REQ = "tox>=4.26"  # 4.26: free-threaded factors (py313t)
TOX_UV_REQ = "tox-uv>=1.11"
# uv looks for the interpreters tox asks for on this machine only, never downloads one
ENV = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "UV_PYTHON_DOWNLOADS": "never"}


def run(*cmd: str | Path) -> int:
    args = [str(c) for c in cmd]
    print("+", shlex.join(args), flush=True)
    return subprocess.call(args, cwd=ROOT, env=ENV)


def pip_install(stamp: str, key: str, *reqs: str, required: bool = True) -> bool:
    """``pip install reqs`` into .venv unless the last install under ``stamp`` had the same ``key``."""
    stamp_file = VENV / f".dev-{stamp}"
    if stamp_file.exists() and stamp_file.read_text() == key:
        return True
    if run(PYTHON, "-m", "pip", "install", "-q", *reqs):
        if required:
            sys.exit(f"dev.py: pip install {' '.join(reqs)} failed")
        return False
    stamp_file.write_text(key)
    return True


def ensure_venv() -> None:
    if PYTHON.exists() and subprocess.call([str(PYTHON), "-c", ""], stderr=subprocess.DEVNULL) == 0:
        return
    print(f"+ creating {VENV.name}/ with {sys.executable} (Python {sys.version.split()[0]})", flush=True)
    shutil.rmtree(VENV, ignore_errors=True)
    venv.EnvBuilder(with_pip=True).create(VENV)


def spec(args: list[str]) -> int:
    ensure_venv()
    pip_install("tox", TOX_REQ, TOX_REQ)
    if not pip_install("tox-uv", TOX_UV_REQ, TOX_UV_REQ, required=False):
        print("dev.py: tox-uv does not install here; plain tox makes the environments", flush=True)
    shutil.rmtree(ROOT / ".results", ignore_errors=True)  # the report covers this run only
    if args:  # --serial, or tox's own arguments: one environment after the other
        return run(BIN / "tox", *[a for a in args if a != "--serial"])
    return run(BIN / "tox", "p", "-p", "auto")


def check(args: list[str]) -> int:
    ensure_venv()
    pyproject = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    pip_install("project", pyproject, "-e", ".[test,dev,adapters,uvloop]")
    everything = "--all" in args
    args = [a for a in args if a != "--all"]
    selection = [] if everything else ["-m", "not slow"]
    # the mutant runs dominate, and a third of their time is waiting (a broken implementation's test
    # runs into its timeout): one more worker than cores
    parallel = [] if args else ["-n", str(max(3, (os.cpu_count() or 1) + 1))]
    return run(PYTHON, "-m", "pytest", "tests", *parallel, *selection, *args)


def main(argv: list[str]) -> int:
    commands = {"spec": spec, "check": check}
    if not argv or argv[0] not in commands:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        return commands[argv[0]](argv[1:])
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
