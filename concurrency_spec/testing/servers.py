"""A loopback HTTP server for the asyncio claims: aiohttp on 127.0.0.1, counting requests in flight.

The ``http_server`` fixture starts it in the test's own event loop (so on uvloop in ``[uvloop]``
tests) on a free port, and stops it after the test. It stands in for httpbin.org: ``/get`` answers
like httpbin's ``/get`` (the URL and its query as JSON), ``/ip`` like httpbin's ``/ip``; any other
path answers like ``/get``. ``expected_text(url)`` is what it answers for a URL, so a test can check
that every result lines up with its URL.

Concurrency is measured where it happens, at the server: ``in_flight`` counts requests received and
not yet answered, ``peak`` its maximum. ``hold(until)`` makes the server keep every request waiting
until ``until(server)`` holds, then answer everything: holding requests until the bound is reached
is what makes ``peak == N`` a deterministic proof. ``client_session()`` opens an aiohttp session
that also counts, on the client side, the requests it has started (``requests_sent``): a hold
condition ``in_flight == requests_sent`` says "every request the client has started has arrived".
"""

from __future__ import annotations

import asyncio
import inspect
import json
import socket
from types import SimpleNamespace
from typing import Any, AsyncIterator, Callable, List, Optional
from urllib.parse import parse_qsl, urlsplit

import pytest_asyncio

from concurrency_spec.testing.counters import InFlight
from concurrency_spec.testing.waits import TIMEOUT

HOST = "127.0.0.1"
BACKLOG = 1024  # connections waiting to be accepted: more than the largest burst a test sends

Condition = Callable[["LoopbackServer"], bool]


class LoopbackServer:
    """An aiohttp server on 127.0.0.1 that counts requests in flight and can hold them."""

    def __init__(self) -> None:
        self.port = 0
        self.requests = InFlight()  # requests received and not yet answered
        self.arrivals: List[str] = []  # path and query of each request, in the order they arrived
        self.requests_sent = 0  # requests started by sessions from client_session()
        self.hold_timed_out = False
        self._until: Optional[Condition] = None
        self._hold_timeout = TIMEOUT
        self._released: Optional[asyncio.Event] = None
        self._runner: Any = None

    @property
    def in_flight(self) -> int:
        return self.requests.now

    @property
    def peak(self) -> int:
        return self.requests.peak

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def url(self, path: str = "/get", **query: Any) -> str:
        """The URL of ``path`` with ``query`` on this server."""
        text = "&".join(f"{key}={value}" for key, value in query.items())
        return f"{self.base_url}{path}" + (f"?{text}" if text else "")

    def expected_text(self, url: str) -> str:
        """The body this server answers for ``url``."""
        parts = urlsplit(url)
        if parts.path == "/ip":
            return json.dumps({"origin": HOST})
        return json.dumps({"args": dict(parse_qsl(parts.query)), "url": self.base_url + _path_qs(parts)})

    def hold(self, until: Condition, timeout: float = TIMEOUT) -> None:
        """Keep every request waiting until ``until(self)`` holds; from then on answer at once.

        After ``timeout`` real seconds without the condition, answer anyway and set
        ``hold_timed_out`` (a correct implementation never gets there).
        """
        self._until = until
        self._hold_timeout = timeout
        self.recheck()

    def release(self) -> None:
        """Answer every held request, and all later ones at once."""
        if self._released is not None:
            self._released.set()

    def client_session(self, **kwargs: Any) -> Any:
        """An aiohttp ClientSession whose started requests count in ``requests_sent``."""
        import aiohttp

        async def started(_session: Any, _context: Any, _params: Any) -> None:
            self.requests_sent += 1
            self.recheck()

        tracing = aiohttp.TraceConfig()
        tracing.on_request_start.append(started)
        return aiohttp.ClientSession(trace_configs=[tracing], **kwargs)

    def recheck(self) -> None:
        """Evaluate the hold condition again (after a change it depends on, outside the server)."""
        if self._until is not None and self._released is not None and self._until(self):
            self._released.set()

    async def _handle(self, request: Any) -> Any:
        from aiohttp import web

        assert self._released is not None
        self.requests.enter()
        self.arrivals.append(request.path_qs)
        try:
            if self._until is not None:
                self.recheck()
                try:
                    await asyncio.wait_for(self._released.wait(), self._hold_timeout)
                except asyncio.TimeoutError:
                    self.hold_timed_out = True
                    self._released.set()
            return web.Response(text=self.expected_text(str(request.url)), content_type="application/json")
        finally:
            self.requests.leave()

    async def start(self) -> None:
        from aiohttp import web

        self._released = asyncio.Event()
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0)
        await self._runner.setup()
        # A socket bound here, not a host name for the loop to resolve: uvloop resolves even
        # "127.0.0.1" in libuv's thread pool, whose threads then live on in this process (and a
        # later fork() of a multi-threaded process is unsafe).
        listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind((HOST, 0))
        # read before the socket is handed over: create_server(sock=...) transfers its ownership to
        # the server, and a loop may detach it (its fileno is then -1)
        self.port = listening.getsockname()[1]
        site = web.SockSite(self._runner, listening, backlog=BACKLOG)
        await site.start()

    async def close(self) -> None:
        self.release()
        if self._runner is not None:
            await self._runner.cleanup()


def mock_response_class() -> Any:
    """A ClientResponse class for aioresponses (``mocked.get(url, response_class=...)``).

    aioresponses 0.7.9 builds responses without the ``stream_writer`` argument that aiohttp 3.14
    made required (pnuckowski/aioresponses#289, fix pending in #288); this class supplies it.
    With older aiohttp it is aiohttp's own ClientResponse.
    """
    import aiohttp

    if "stream_writer" not in inspect.signature(aiohttp.ClientResponse.__init__).parameters:
        return aiohttp.ClientResponse

    class MockResponse(aiohttp.ClientResponse):
        def __init__(self, method: str, url: Any, **kwargs: Any) -> None:
            kwargs.setdefault("stream_writer", SimpleNamespace(output_size=0))
            super().__init__(method, url, **kwargs)

    return MockResponse


def _path_qs(parts: Any) -> str:
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest_asyncio.fixture(loop_scope="function")
async def http_server() -> AsyncIterator[LoopbackServer]:
    """A loopback HTTP server (see ``concurrency_spec.testing.servers``), running in the test's event loop."""
    server = LoopbackServer()
    await server.start()
    try:
        yield server
    finally:
        await server.close()
