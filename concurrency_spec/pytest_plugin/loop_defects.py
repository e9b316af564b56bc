"""An event loop's own resource leaks: a hygiene finding of the loop, never a failure of a claim.

A test on the loop axis fails when a ResourceWarning surfaces while it runs (an unclosed socket,
transport or file): that is how an implementation's leak is caught. But a loop may leak on its own (its
self-pipe left open at ``close()``), and then every test on it would fail for a defect that is not the
implementation's. So before the first test on a loop, the loop runs an empty program of the document's
shape (a task, a loopback connection, its default executor, then the shutdown ``asyncio.run`` does) with
no implementation code at all. What leaks there is the loop's own: the same warning during a test
(the same text but for descriptors, addresses and ports) is counted as that loop's finding, not raised;
any other still fails its test. Each finding is reported once per run and loop: what leaked, where the
loop let go of it, and how often it surfaced during the tests (terminal summary and results).
"""

from __future__ import annotations

import asyncio
import gc
import re
import socket
import sys
import warnings
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional

import pytest

from concurrency_spec.results import FindingEntry

#: What varies between two leaks of the same kind: descriptors, addresses, ports.
VARYING = re.compile(r"(fd=\d+|0x[0-9a-f]+|(?<=', )\d+(?=\)))")


@dataclass
class Finding:
    loop: str
    what: str  # the warning, as the probe saw it
    where: str  # where the loop let go of what leaked (where the warning was raised)
    pattern: str  # the warning's text with what varies left open
    count: int = 0  # how often it surfaced during tests

    def matches(self, text: str) -> bool:
        return re.fullmatch(self.pattern, text) is not None

    def as_dict(self) -> FindingEntry:
        return {
            "kind": "loop-leak",
            "loop": self.loop,
            "what": self.what,
            "where": self.where,
            "count": self.count,
        }


def pattern_of(text: str) -> str:
    """A regular expression for ``text`` with its descriptors, addresses and ports left open."""
    parts = VARYING.split(text)
    literal = [re.escape(part) for part in parts[::2]]
    varying = [_open(part) for part in parts[1::2]] + [""]
    return "".join(a + b for a, b in zip(literal, varying))


def _open(part: str) -> str:
    if part.startswith("fd="):
        return r"fd=\d+"
    return r"0x[0-9a-f]+" if part.startswith("0x") else r"\d+"


class LoopDefects:
    """The findings of every loop probed in this session, and the hook that counts them."""

    def __init__(self) -> None:
        self.findings: Dict[str, List[Finding]] = {}
        self._previous_hook: Optional[Callable[[Any], None]] = None

    def probe(self, name: str, factory: Callable[[], asyncio.AbstractEventLoop]) -> List[Finding]:
        if name not in self.findings:
            self.findings[name] = _probe(name, factory)
        return self.findings[name]

    def install(self) -> None:
        """Count the loops' own leaks where they surface (an unraisable ResourceWarning), before pytest."""
        self._previous_hook = sys.unraisablehook
        sys.unraisablehook = self._hook

    def uninstall(self) -> None:
        if self._previous_hook is not None and sys.unraisablehook == self._hook:
            sys.unraisablehook = self._previous_hook

    def _hook(self, unraisable: Any) -> None:
        error = unraisable.exc_value
        if isinstance(error, ResourceWarning):
            for finding in (f for found in self.findings.values() for f in found):
                if finding.matches(str(error)):
                    finding.count += 1
                    return
        assert self._previous_hook is not None
        self._previous_hook(unraisable)

    def all(self) -> List[Finding]:
        return [finding for found in self.findings.values() for finding in found]


def _probe(name: str, factory: Callable[[], asyncio.AbstractEventLoop]) -> List[Finding]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _run_empty_program(factory)
        gc.collect()
    found: Dict[str, Finding] = {}
    for warning in caught:
        if issubclass(warning.category, ResourceWarning):
            text = str(warning.message)
            found.setdefault(pattern_of(text), Finding(name, text, _where(warning), pattern_of(text)))
    return list(found.values())


def _where(warning: warnings.WarningMessage) -> str:
    """Where the loop let go of what leaked. Without reference counting (PyPy) an object is finalized
    whenever the collector runs, so the warning's frame is the collector's, not the loop's."""
    if not hasattr(sys, "getrefcount"):
        collector = f"{sys.implementation.name}'s garbage collector"
        return f"found by {collector} (where the loop let go of it is not known)"
    return f"dropped at {warning.filename}:{warning.lineno}"


def _run_empty_program(factory: Callable[[], asyncio.AbstractEventLoop]) -> None:
    """What ``asyncio.run`` does around a program that opens and closes a loopback connection."""
    loop = factory()
    try:
        loop.run_until_complete(_empty_program())
        loop.run_until_complete(loop.shutdown_asyncgens())
        shutdown_executor = getattr(loop, "shutdown_default_executor", None)
        if shutdown_executor is not None:
            loop.run_until_complete(shutdown_executor())
    finally:
        loop.close()
    del loop


async def _empty_program() -> None:
    await asyncio.get_running_loop().run_in_executor(None, int)
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    address = listening.getsockname()
    server = await asyncio.start_server(_echo, sock=listening)
    client = socket.create_connection(address)
    client.setblocking(False)
    reader, writer = await asyncio.open_connection(sock=client)
    writer.write(b"x\n")
    await reader.readline()
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()


async def _echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    writer.write(await reader.readline())
    await writer.drain()
    writer.close()


_KEY = pytest.StashKey[LoopDefects]()


def defects(config: pytest.Config) -> LoopDefects:
    if _KEY not in config.stash:
        config.stash[_KEY] = LoopDefects()
    return config.stash[_KEY]


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    defects(config).install()  # after pytest's own unraisable hook (installed at its configure)


def pytest_unconfigure(config: pytest.Config) -> None:
    defects(config).uninstall()
