"""pytest sessions forked from a process that has already imported what they need.

The mutant tests run the spec once per mutant. Started afresh, each run spends about a second
importing pytest, its plugins, aiohttp and the suite before its first test; a fork server imports all
that once, then forks a child per run, which starts testing at once. Where there is no fork (Windows),
each run is a plain subprocess.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import IO, List, Optional, Sequence, Tuple

SERVER = r"""
import gc, json, os, signal, sys, time, warnings
os.environ.pop("PYTEST_XDIST_WORKER", None)
import pytest, pytest_asyncio, aiohttp, looptime  # noqa: F401 - imported once, for every child
from importlib.metadata import entry_points
found = entry_points(group="pytest11") if sys.version_info >= (3, 10) else entry_points().get("pytest11", ())
for plugin in found:
    try:
        plugin.load()  # pytest's plugins from other packages: their import is most of a session's start
    except Exception:
        pass
import concurrency_spec.pytest_plugin, concurrency_spec.reference.implementation  # noqa: F401
from concurrency_spec.pytest_plugin import core, hygiene, axes, loops  # noqa: F401
core._installed_versions()  # read once, here
from concurrency_spec import spec_dir
# The spec's test modules, imported as pytest imports them (by name, from spec/ on sys.path): a child's
# pytest finds them in sys.modules and collects them without importing them again.
sys.path.insert(0, str(spec_dir()))
for path in sorted(spec_dir().glob("test_*.py")):
    if not (sys.version_info < (3, 11) and path.stem.endswith("_py311")):
        __import__(path.stem)
gc.collect()
if hasattr(gc, "freeze"):  # (not on PyPy)
    gc.freeze()  # what is imported stays: the children's collections (pytest forces some) skip it
for line in sys.stdin:
    request = json.loads(line)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        child = os.fork()
    if child == 0:
        output = os.open(request["output"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(output, 1)
        os.dup2(output, 2)
        os.chdir(request["cwd"])
        code = pytest.main(request["args"])
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(int(code))
    deadline = time.monotonic() + request["timeout"]
    while True:
        pid, status = os.waitpid(child, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            os.kill(child, signal.SIGKILL)
            pid, status = os.waitpid(child, 0)
            break
        time.sleep(0.01)
    code = os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status >> 8
    print(json.dumps({"code": code}), flush=True)
"""


class PytestRunner:
    """``run(args)`` runs ``pytest args`` in a fresh child and returns (exit code, its output)."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self._server: Optional[subprocess.Popen[str]] = None
        if hasattr(os, "fork"):
            env = dict(os.environ)
            env.pop("PYTEST_XDIST_WORKER", None)
            self._server = subprocess.Popen(
                [sys.executable, "-c", SERVER],
                cwd=cwd,
                env=env,
                text=True,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
            )

    def run(self, args: Sequence[str], timeout: float = 600) -> Tuple[int, str]:
        with tempfile.NamedTemporaryFile("r", suffix=".log", delete=False) as log:
            path = log.name
        try:
            if self._server is None:
                return self._subprocess(list(args), timeout, path)
            request = {"args": list(args), "cwd": str(self.cwd), "output": path, "timeout": timeout}
            stdin: IO[str] = self._server.stdin  # type: ignore[assignment]
            stdin.write(json.dumps(request) + "\n")
            stdin.flush()
            stdout: IO[str] = self._server.stdout  # type: ignore[assignment]
            code = json.loads(stdout.readline())["code"]
            return code, Path(path).read_text(errors="replace")
        finally:
            os.unlink(path)

    def _subprocess(self, args: List[str], timeout: float, _path: str) -> Tuple[int, str]:
        env = dict(os.environ)
        env.pop("PYTEST_XDIST_WORKER", None)
        run = subprocess.run(
            [sys.executable, "-m", "pytest", *args],
            cwd=self.cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
        )
        return run.returncode, run.stdout + run.stderr

    def close(self) -> None:
        if self._server is not None:
            self._server.stdin.close()  # type: ignore[union-attr]
            self._server.wait(10)
