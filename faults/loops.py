"""Event loops with defects of their own, to prove that the suite tells a loop's defects from a claim's.

``leaky_loop`` leaks its self-pipe sockets when it is closed (their Python objects are dropped, never
closed), so a ResourceWarning surfaces after every test on it: a finding of the loop, not of the claims.
``owning_loop`` takes ownership of a socket handed to ``create_server(sock=...)`` as the asyncio
documentation allows: it detaches it, so the caller's object has no descriptor left (fileno -1).
"""

from __future__ import annotations

import asyncio
import socket
from typing import Any


class LeakyLoop(asyncio.SelectorEventLoop):
    def _close_self_pipe(self) -> None:
        self._remove_reader(self._ssock.fileno())  # type: ignore[attr-defined]
        self._ssock = None  # type: ignore[assignment]  # dropped, not closed: the leak
        self._csock = None  # type: ignore[assignment]
        self._internal_fds -= 1  # type: ignore[attr-defined]


class OwningLoop(asyncio.SelectorEventLoop):
    async def create_server(self, *args: Any, sock: Any = None, **kwargs: Any) -> Any:  # type: ignore[override]
        if sock is not None:
            sock = socket.socket(sock.family, sock.type, sock.proto, fileno=sock.detach())
        return await super().create_server(*args, sock=sock, **kwargs)


def leaky_loop() -> asyncio.AbstractEventLoop:
    return LeakyLoop()


def owning_loop() -> asyncio.AbstractEventLoop:
    return OwningLoop()
