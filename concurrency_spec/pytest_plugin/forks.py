"""The collected tests run side by side in processes forked from the collecting one (``--forks N``).

pytest-xdist starts each worker as a new interpreter, which imports pytest and the suite and collects
every test again before it runs any: on the spec, more than a second of CPU per worker and per run.
Here the session collects once; then it forks N workers, which already hold the collected tests, and
hands them out in runs of consecutive tests (a module's fixtures stay in one worker, mostly), fewer at
a time as the run nears its end. A worker runs each test through pytest's whole protocol (its
fixtures, timeouts, warnings, captured output, this suite's hygiene) and sends the reports back; this
process logs them as if it had run the tests itself (terminal, JUnit XML, the spec's results).
A worker that dies fails the test it was running, and a new worker takes over the tests it held.
The tests marked ``performance`` measure the cores: this process runs them itself, one after the other,
once every worker has ended (one session for both phases of a run, see ``concurrency_spec.phases``).

Where there is no ``os.fork`` the option is refused; ``concurrency_spec.phases`` uses pytest-xdist there
and on macOS.
"""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import json
import os
import pickle
import select
import selectors
import signal
import struct
import sys
import time
import traceback
import warnings
from collections import deque
from typing import IO, Any, Deque, Dict, List, Optional, Sequence, Set

import pytest

from concurrency_spec.pytest_plugin.core import (
    IN_FORKED_WORKER,
    PERFORMANCE,
    absorb_worker_output,
    worker_output,
)

#: Set in a worker: the spec's measurements must not believe the cores are theirs (claims.py).
WORKER_VARIABLE = "SPEC_FORK_WORKER"
_LENGTH = struct.Struct("!I")  # before each message a worker sends
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
EXIT_POLL_SECONDS = 0.5  # how often workers are looked at when none sends anything
INTERRUPT_GRACE = 1.0  # seconds an interrupted worker has to end before it is told again, then killed
ALONE = PERFORMANCE  # the marker of the tests that need the cores to themselves


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("concurrency-spec").addoption(
        "--forks",
        type=int,
        default=0,
        metavar="N",
        help="run the collected tests in N processes forked after the collection (POSIX)",
    )


@pytest.hookimpl(trylast=True)  # after the terminal's
def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--forks", 0) < 2:
        return
    if not hasattr(os, "fork"):
        raise pytest.UsageError("--forks: this platform cannot fork; use pytest-xdist's -n")
    if config.getoption("usepdb", False) or config.getoption("trace", False):
        raise pytest.UsageError("--forks: the debugger needs the terminal; leave --forks out with --pdb")
    terminal = config.pluginmanager.getplugin("terminalreporter")
    if terminal is not None:
        terminal.showfspath = False  # the workers' tests end file after file: one line of dots, as xdist


def pytest_report_header(config: pytest.Config) -> Optional[str]:
    count = config.getoption("--forks", 0)
    if count < 2:
        return None
    return (
        f"forks: {count} workers, forked once the tests are collected; tests marked {ALONE} after them, alone"
    )


@pytest.hookimpl(tryfirst=True)
def pytest_runtestloop(session: pytest.Session) -> Optional[bool]:
    config = session.config
    count = config.getoption("--forks", 0)
    if count < 2 or config.option.collectonly or not session.items:
        return None
    if session.testsfailed and not config.option.continue_on_collection_errors:
        return None  # pytest's own loop reports the collection errors
    tmp_path_factory = getattr(config, "_tmp_path_factory", None)
    if tmp_path_factory is not None:
        tmp_path_factory.getbasetemp()  # one base for every worker's tmp_path, made before they start
    shared = [index for index, item in enumerate(session.items) if item.get_closest_marker(ALONE) is None]
    if shared:
        Pool(session, shared, min(count, len(shared))).run()
    _run_alone([item for item in session.items if item.get_closest_marker(ALONE) is not None])
    return True


def _run_alone(items: Sequence[pytest.Item]) -> None:
    """Run ``items`` here, one after the other, as pytest's own loop does (the workers have ended)."""
    for index, item in enumerate(items):
        next_item = items[index + 1] if index + 1 < len(items) else None
        item.config.hook.pytest_runtest_protocol(item=item, nextitem=next_item)
        _stop_if_asked(item.session)


def _stop_if_asked(session: pytest.Session) -> None:
    """End the run as pytest's own loop does when a test asked to (``-x``, ``--maxfail``, ...)."""
    if session.shouldfail:
        raise session.Failed(session.shouldfail)
    if session.shouldstop:
        raise session.Interrupted(session.shouldstop)


class Worker:
    def __init__(self, number: int, pid: int, commands: int, events: IO[bytes]) -> None:
        self.number = number
        self.pid = pid
        self.commands = (
            commands  # a descriptor, written unbuffered: nothing is left to flush to a dead worker
        )
        self.events = events
        self.held: Deque[int] = deque()  # sent, not finished
        self.running: Optional[int] = None
        self.stopped = False
        self.said_goodbye = False
        self.partial = b""


class Pool:
    """The forked workers, as this process sees them: what each holds, and what is left to hand out."""

    def __init__(self, session: pytest.Session, indexes: Sequence[int], size: int) -> None:
        self.session = session
        self.config = session.config
        self.items: Sequence[pytest.Item] = session.items
        self.size = size
        self.left: Deque[int] = deque(indexes)  # of session.items, which the workers hold too
        self.workers: Dict[int, Worker] = {}
        self.selector = selectors.DefaultSelector()
        self.numbers = itertools.count()
        self.outputs: List[Dict[str, Any]] = []
        self.deaths_between_tests = 0
        # the terminal shows a test when its result comes (tests of several workers start in between)
        terminal = self.config.pluginmanager.getplugin("terminalreporter")
        self.log_start = self.config.pluginmanager.subset_hook_caller(
            "pytest_runtest_logstart", [terminal] if terminal is not None else []
        )

    def run(self) -> None:
        try:
            for _ in range(self.size):
                self._hand_out(self._start())
            while self.workers:
                for key, _ in self.selector.select(timeout=EXIT_POLL_SECONDS):
                    if key.data.number in self.workers:  # not lost while this batch was read
                        self._read(key.data)
                self._reap_exited()
                if self.session.shouldfail or self.session.shouldstop:
                    self._end_all()
        except KeyboardInterrupt:
            self._interrupt_all()
            raise
        except BaseException:
            self._end_all()
            raise
        finally:
            self.selector.close()
        for output in self.outputs:
            absorb_worker_output(self.config, output)
        _stop_if_asked(self.session)

    def _start(self) -> Worker:
        number = next(self.numbers)
        down_read, down_write = os.pipe()
        up_read, up_write = os.pipe()
        for stream in (sys.stdout, sys.stderr):
            stream.flush()  # or the worker would write what this process had buffered, again
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # pragma: no cover (the worker; it never returns)
            code = 70
            try:
                _die_with(parent)
                os.close(down_write)
                os.close(up_read)
                for worker in self.workers.values():
                    os.close(worker.commands)
                    worker.events.close()
                self.selector.close()
                code = _work(self.session, number, os.fdopen(down_read, "r"), os.fdopen(up_write, "wb"))
            except KeyboardInterrupt:  # the process that forked it reports the interrupt
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # one passed on would cut the teardown short
                with contextlib.suppress(Exception):
                    self.session._setupstate.teardown_exact(None)  # as pytest does at the session's end
                code = 2
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(code)
        os.close(down_read)
        os.close(up_write)
        worker = Worker(number, pid, down_write, os.fdopen(up_read, "rb"))
        self.workers[number] = worker
        self.selector.register(worker.events, selectors.EVENT_READ, worker)
        return worker

    def _hand_out(self, worker: Worker) -> None:
        """Give ``worker`` its next run of tests, or tell it to stop when none is left."""
        if worker.stopped:
            return
        if not self.left:
            self._send(worker, "stop")
            worker.stopped = True
            return
        share = max(1, len(self.left) // (4 * self.size))
        chunk = [self.left.popleft() for _ in range(min(share, len(self.left)))]
        worker.held.extend(chunk)
        self._send(worker, json.dumps(chunk))

    def _send(self, worker: Worker, line: str) -> None:
        with contextlib.suppress(BrokenPipeError):  # it died: its end says so
            os.write(worker.commands, (line + "\n").encode())  # short: written whole

    def _read(self, worker: Worker, status: Optional[int] = None) -> None:
        """What ``worker`` sent since the last read, message by message (a buffered file would keep
        messages that the selector no longer announces)."""
        chunk = os.read(worker.events.fileno(), 1 << 16)
        if not chunk:
            self._lost(worker, status)
            return
        worker.partial += chunk
        while len(worker.partial) >= _LENGTH.size:
            (size,) = _LENGTH.unpack_from(worker.partial)
            end = _LENGTH.size + size
            if len(worker.partial) < end:
                break
            message, worker.partial = worker.partial[_LENGTH.size : end], worker.partial[end:]
            self._event(worker, *pickle.loads(message))

    def _event(self, worker: Worker, kind: str, data: Any) -> None:
        if kind == "start":
            worker.running = data
            item = self.items[data]
            self.log_start(nodeid=item.nodeid, location=item.location)
        elif kind == "report":
            item = self.items[worker.running] if worker.running is not None else None
            report = self.config.hook.pytest_report_from_serializable(config=self.config, data=data)
            (item.ihook if item else self.config.hook).pytest_runtest_logreport(report=report)
        elif kind == "warning":
            self._warning(data)
        elif kind == "finish":
            item = self.items[data]
            worker.running = None
            worker.held.remove(data)
            item.ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
            if len(worker.held) < 3 and self.left:
                self._hand_out(worker)  # ahead of its asking: it need not wait
        elif kind == "want":
            if len(worker.held) < 2:
                self._hand_out(worker)
        elif kind == "goodbye":
            self.outputs.append(data)
            worker.said_goodbye = True

    def _warning(self, data: Dict[str, Any]) -> None:
        category = _category(data["category"])
        message = warnings.WarningMessage(
            category(data["message"]), category, data["filename"], data["lineno"]
        )
        self.config.hook.pytest_warning_recorded.call_historic(
            kwargs=dict(
                warning_message=message,
                when=data["when"],
                nodeid=data["nodeid"],
                location=tuple(data["location"]) if data["location"] else None,
            )
        )

    def _reap_exited(self) -> None:
        """Workers that exited though their end of the pipe is still open (a process they started
        holds it): what they sent, then their end."""
        for worker in list(self.workers.values()):
            with contextlib.suppress(ChildProcessError):
                pid, status = os.waitpid(worker.pid, os.WNOHANG)
                if pid:
                    while worker.number in self.workers and select.select([worker.events], [], [], 0)[0]:
                        self._read(worker, status)
                    if worker.number in self.workers:
                        self._lost(worker, status)

    def _lost(self, worker: Worker, status: Optional[int] = None) -> None:
        """``worker`` ended (its end of the pipe closed, or it exited). If it ended before its goodbye,
        it died: the test it ran fails, and a new worker takes the tests it held."""
        self.selector.unregister(worker.events)
        worker.events.close()
        os.close(worker.commands)
        del self.workers[worker.number]
        if status is None:
            status = _wait(worker.pid)
        if worker.said_goodbye and status == 0:
            return
        how = _status_text(status)
        if worker.running is not None:
            self._crashed(worker.running, f"the worker running this test {how}")
            worker.held.remove(worker.running)
        else:
            self.deaths_between_tests += 1
            if self.deaths_between_tests > self.size:  # a new worker would die as well: no end
                raise RuntimeError(
                    f"--forks: {self.deaths_between_tests} workers died between tests; the last {how}"
                )
            sys.stderr.write(f"concurrency-spec: fork worker {worker.number} {how} between tests\n")
        self.left.extendleft(reversed(worker.held))
        if self.left and not (self.session.shouldfail or self.session.shouldstop):
            self._hand_out(self._start())

    def _crashed(self, index: int, what: str) -> None:
        item = self.items[index]
        report = pytest.TestReport(
            nodeid=item.nodeid,
            location=item.location,
            keywords={name: 1 for name in item.keywords},
            outcome="failed",
            longrepr=what,
            when="call",
            user_properties=list(item.user_properties),
        )
        item.ihook.pytest_runtest_logreport(report=report)
        item.ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)

    def _interrupt_all(self) -> None:
        """Ctrl-C: each worker ends its test and its fixtures, as pytest does when interrupted. A
        terminal's Ctrl-C reaches them too; one sent to this process alone is passed on after a while."""
        alive = _reap({worker.pid for worker in self.workers.values()}, time.monotonic() + INTERRUPT_GRACE)
        for pid in alive:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGINT)
        _reap(alive, time.monotonic() + 10 * INTERRUPT_GRACE)
        self._end_all()

    def _end_all(self) -> None:
        """Stop every worker now, in the middle of its test: the run is over (``-x``, an interrupt)."""
        for worker in list(self.workers.values()):
            with contextlib.suppress(ProcessLookupError):
                os.kill(worker.pid, signal.SIGKILL)
            _wait(worker.pid)
            worker.events.close()
            os.close(worker.commands)
        self.workers.clear()


def _reap(pids: Set[int], deadline: float) -> Set[int]:
    """Those of ``pids`` still alive at ``deadline`` (the others waited for)."""
    alive = set(pids)
    while alive:
        for pid in list(alive):
            with contextlib.suppress(ChildProcessError):
                if os.waitpid(pid, os.WNOHANG)[0] == 0:
                    continue
            alive.discard(pid)
        if not alive or time.monotonic() >= deadline:
            break
        time.sleep(0.05)
    return alive


def _wait(pid: int) -> int:
    try:
        return os.waitpid(pid, 0)[1]
    except ChildProcessError:
        return 0


def _status_text(status: int) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        return f"was killed by signal {number} ({signal.Signals(number).name})"
    return f"exited with status {os.WEXITSTATUS(status)}"


def _category(name: str) -> type:
    module, _, qualname = name.rpartition(".")
    found: Any = sys.modules.get(module)
    for part in qualname.split("."):
        found = getattr(found, part, None)
    return found if isinstance(found, type) and issubclass(found, Warning) else UserWarning


# The worker's side.


class _Sender:
    """Sends what the worker's tests report, in place of the terminal and the results that this
    process's copy of the session would otherwise keep."""

    def __init__(self, config: pytest.Config, events: IO[bytes]) -> None:
        self.config = config
        self.events = events
        self.live = False  # registering replays the warnings recorded before the fork: not ours

    def send(self, kind: str, data: Any) -> None:
        message = pickle.dumps((kind, data))  # pickle, not JSON: a report's tuples stay tuples
        self.events.write(_LENGTH.pack(len(message)) + message)
        self.events.flush()

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.send("report", self.config.hook.pytest_report_to_serializable(config=self.config, report=report))

    def pytest_warning_recorded(
        self, warning_message: warnings.WarningMessage, when: str, nodeid: str, location: Any
    ) -> None:
        if not self.live:
            return
        category = warning_message.category
        self.send(
            "warning",
            {
                "message": str(warning_message.message),
                "category": f"{category.__module__}.{category.__qualname__}",
                "filename": warning_message.filename,
                "lineno": warning_message.lineno,
                "when": when,
                "nodeid": nodeid,
                "location": location,
            },
        )


def _work(session: pytest.Session, number: int, commands: IO[str], events: IO[bytes]) -> int:
    config = session.config
    config.stash[IN_FORKED_WORKER] = True
    os.environ[WORKER_VARIABLE] = str(number)
    _private_capture(config)
    _quiet(config)
    sender = _Sender(config, events)
    config.pluginmanager.register(sender, "concurrency-spec-fork-sender")
    sender.live = True
    items = session.items
    held: Deque[int] = deque()
    stopping = False
    while True:
        while len(held) < 2 and not stopping:  # a test starts once the next is known, or that none is
            sender.send("want", None)
            line = commands.readline()
            if not line or line.strip() == "stop":
                stopping = True
            else:
                held.extend(json.loads(line))
        if not held:
            break
        index = held.popleft()
        sender.send("start", index)
        item = items[index]
        next_item = items[held[0]] if held else None
        item.config.hook.pytest_runtest_protocol(item=item, nextitem=next_item)
        sender.send("finish", index)
    sender.send("goodbye", worker_output(config))
    return 0


def _private_capture(config: pytest.Config) -> None:
    """Captured output into files of this worker's own: the ones inherited are shared with the other
    workers (one file offset), so each would read and truncate the others' output."""
    capture = config.pluginmanager.getplugin("capturemanager")
    if capture is None or not capture.is_globally_capturing():
        return
    inherited = capture._global_capturing
    if inherited is not None:
        # closed here, not left to the collector, which may finalize them in the middle of a test (PyPy:
        # "unclosed file", a failure of that test); nothing is read from them (the forking process's)
        inherited.stop_capturing()
    capture._global_capturing = None
    capture.start_global_capturing()
    capture.suspend_global_capture()


def _quiet(config: pytest.Config) -> None:
    """What the worker's copy of the session would show or write is shown and written by the process
    that forked it, from the reports: the terminal goes nowhere, the JUnit XML is not kept here."""
    terminal = config.pluginmanager.getplugin("terminalreporter")
    if terminal is not None:
        terminal._tw = type(terminal._tw)(open(os.devnull, "w"))  # noqa: SIM115 (for the worker's life)
    for plugin in list(config.pluginmanager.get_plugins()):
        if type(plugin).__name__ == "LogXML":
            config.pluginmanager.unregister(plugin)


def _die_with(parent: int) -> None:
    """Linux: this worker is killed when the process that forked it dies (killed, say): it would
    otherwise run on until its next message finds no reader."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before that
        os._exit(1)
