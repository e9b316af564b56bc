"""Running the spec in a pytest child process, and stopping whatever that run leaves behind.

``run_spec`` starts pytest on the spec (wherever the suite is installed) with the suite's plugin. On
POSIX the child runs in a process group of its own, and this process forwards an interrupt (Ctrl-C
or SIGTERM, whether the terminal's whole group got it or this process alone) to that group once:
pytest and every process of the run get it, and pytest prints its interrupted summary. A second
Ctrl-C is forwarded again; a third kills the group. When pytest has exited, the processes still in
its group (a forkserver, a resource tracker, a child stuck in a broken implementation) get a grace to
exit, then are killed and named in one line, so that a run never leaves a process behind.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any, Dict, List, Optional, Sequence

from concurrency_spec import PACKAGE_DIR, spec_dir

INI = PACKAGE_DIR / "spec.ini"
LEFTOVER_GRACE = 5.0  # seconds the processes a run left get to exit on their own
INTERRUPTS_BEFORE_KILL = 3
#: pytest options that need the terminal's input (a debugger): the child then stays in this group
NEEDS_TERMINAL = ("--pdb", "--trace", "-s", "--capture=no")


def pytest_command(impl: str, results_json: Optional[Path], extra: Sequence[str]) -> List[str]:
    """The command that runs the spec (wherever it is installed) with the suite's plugin: pytest, in
    phases when it writes results (``concurrency_spec.phases``: the deterministic tests side by side,
    then the measurements alone)."""
    spec = spec_dir()
    runner = ["concurrency_spec.phases"] if results_json is not None else ["pytest"]
    command = [sys.executable, "-m", *runner, str(spec), "-p", "concurrency_spec.pytest_plugin"]
    command += ["-c", str(INI), "--rootdir", str(spec.parent), "-p", "no:cacheprovider", "--impl", impl]
    if results_json is not None:
        command.append(f"--results-json={results_json}")
    return [*command, *extra]


def spec_environment(label: str = "", phase: str = "") -> Dict[str, str]:
    """The environment of a spec run: the current directory importable (in every child process too)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (os.getcwd(), env.get("PYTHONPATH", "")) if p)
    if label:
        env["SPEC_LABEL"] = label
    if phase:
        env["SPEC_PHASE"] = phase
    return env


@dataclass
class Finished:
    """How a spec run ended."""

    code: int  # pytest's exit status
    interrupted: bool = False  # Ctrl-C or SIGTERM reached it
    leftovers: List[str] = field(default_factory=list)  # processes it left, stopped after it


def run_spec(
    impl: str,
    results_json: Optional[Path],
    extra: Sequence[str],
    label: str = "",
    quiet: bool = False,
    phase: str = "",
) -> Finished:
    command = pytest_command(impl, results_json, extra)
    own_group = os.name == "posix" and not any(option in NEEDS_TERMINAL for option in extra)
    output = subprocess.DEVNULL if quiet else None
    group: Dict[str, Any] = {"preexec_fn": os.setpgrp} if own_group else {}
    child = subprocess.Popen(command, env=spec_environment(label, phase), stdout=output, **group)
    forwarder = _Interrupts(child.pid if own_group else None)
    with forwarder:
        code = _wait(child)
    leftovers = _stop_group(child.pid) if own_group else []
    return Finished(code, forwarder.count > 0, leftovers)


def _wait(child: subprocess.Popen[Any]) -> int:
    """The child's exit status (128 + N when it was killed by signal N, as a shell says)."""
    while True:
        try:
            code = child.wait()
            return 128 - code if code < 0 else code
        except KeyboardInterrupt:  # without a group of its own, the child got the terminal's Ctrl-C too
            continue


class _Interrupts:
    """Forward SIGINT and SIGTERM to the run's process group while it runs."""

    def __init__(self, group: Optional[int]) -> None:
        self.group = group
        self.count = 0
        self._previous: Dict[int, Any] = {}

    def __enter__(self) -> _Interrupts:
        if self.group is not None:
            for number in (signal.SIGINT, signal.SIGTERM):
                if signal.getsignal(number) != signal.SIG_IGN:  # ignored here: the child ignores it too
                    self._previous[number] = signal.signal(number, self._forward)
        return self

    def __exit__(self, *_exc: object) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)

    def _forward(self, number: int, _frame: Optional[FrameType]) -> None:
        self.count += 1
        assert self.group is not None
        kill = self.count >= INTERRUPTS_BEFORE_KILL
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.group, signal.SIGKILL if kill else number)


def _stop_group(group: int) -> List[str]:
    """The processes still in ``group`` once its leader has exited, killed after a grace (named)."""
    deadline = time.monotonic() + LEFTOVER_GRACE
    while _members(group) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = _members(group)
    if left:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)
        deadline = time.monotonic() + LEFTOVER_GRACE
        while _members(group) and time.monotonic() < deadline:  # SIGKILL is delivered, not awaited
            time.sleep(0.05)
    return left


def _members(group: int) -> List[str]:
    """The live processes of a process group, as "PID (command)" (from /proc where there is one)."""
    proc = Path("/proc")
    if not proc.is_dir():
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return []
        return [f"process group {group}"]
    found = []
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        state, _parent, process_group = stat[stat.rindex(")") + 2 :].split()[:3]
        if int(process_group) == group and state != "Z":
            found.append(f"{entry.name} ({command.strip()[:120]})")
    return found
