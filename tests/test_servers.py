"""concurrency_spec/testing/servers.py proves itself: the loopback server answers like httpbin, counts the
requests it holds (``in_flight``) and the most it held at once (``peak``), holds them until its condition
holds (checked again on ``recheck``) or it is released, and answers anyway after its hold's timeout;
``client_session`` counts the requests it starts; ``mock_response_class`` makes responses aioresponses
can build.

Every check reads the server from the test's own event loop: a handler runs from its arrival to its hold
in one step, so when the test sees a request arrived, it sees it held or answered.
"""

import asyncio
import json
import signal
import socket

import aiohttp
import pytest
import pytest_asyncio
from aioresponses import aioresponses

from concurrency_spec.testing.aio import eventually, finish
from concurrency_spec.testing.servers import BACKLOG, HOST, LoopbackServer, mock_response_class

WAIT = 5.0  # what happens at once gets this long: only a broken instrument ever waits it out
TIMEOUT = aiohttp.ClientTimeout(total=WAIT)


@pytest_asyncio.fixture
async def server():
    started = LoopbackServer()
    await started.start()
    try:
        yield started
    finally:
        await started.close()


async def get(session, url):
    async with session.get(url) as response:
        return response.status, await response.text()


def arrived(server, count):
    return eventually(lambda: len(server.arrivals) >= count, f"{count} requests arrived")


@pytest.mark.asyncio
async def test_urls_are_on_the_loopback_address_and_the_servers_own_free_port(server):
    other = LoopbackServer()
    await other.start()
    try:
        assert server.port > 1023 and other.port > 1023 and server.port != other.port
    finally:
        await other.close()
    assert server.base_url == f"http://127.0.0.1:{server.port}"
    assert server.url() == f"{server.base_url}/get"
    assert server.url("/ip") == f"{server.base_url}/ip"
    assert server.url("/get", a=1, b="x") == f"{server.base_url}/get?a=1&b=x"


@pytest.mark.asyncio
async def test_it_answers_like_httpbin(server):
    base = server.base_url
    expected = {
        server.url("/get", a=1, b="x"): {"args": {"a": "1", "b": "x"}, "url": f"{base}/get?a=1&b=x"},
        server.url("/get"): {"args": {}, "url": f"{base}/get"},
        server.url("/anything", n=2): {"args": {"n": "2"}, "url": f"{base}/anything?n=2"},
        server.url("/ip"): {"origin": "127.0.0.1"},
    }
    async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
        for url, body in expected.items():
            async with session.get(url) as response:
                assert (response.status, response.content_type) == (200, "application/json")
                assert json.loads(await response.text()) == body
                assert server.expected_text(url) == json.dumps(body)

    assert server.arrivals == ["/get?a=1&b=x", "/get", "/anything?n=2", "/ip"]
    assert (server.in_flight, server.peak, server.hold_timed_out) == (0, 1, False)


@pytest.mark.asyncio
async def test_it_holds_requests_until_its_condition_holds_then_answers_them_all(server):
    server.hold(lambda s: s.in_flight == 3)
    async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
        first = asyncio.ensure_future(get(session, server.url(n=1)))
        try:
            await arrived(server, 1)
            assert (server.in_flight, first.done()) == (1, False)  # held
            others = [get(session, server.url(n=n)) for n in (2, 3)]
            answers = await asyncio.wait_for(asyncio.gather(first, *others), WAIT)
        finally:
            await finish(first)

    assert [status for status, _ in answers] == [200, 200, 200]
    assert (server.in_flight, server.peak, server.hold_timed_out) == (0, 3, False)


@pytest.mark.asyncio
async def test_a_condition_on_something_outside_is_checked_again_on_recheck(server):
    outside = {"ready": False}
    server.hold(lambda s: outside["ready"] and s.in_flight == 1)
    async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
        held = asyncio.ensure_future(get(session, server.url()))
        try:
            await arrived(server, 1)
            assert server.in_flight == 1
            outside["ready"] = True
            server.recheck()
            assert (await asyncio.wait_for(held, WAIT))[0] == 200
        finally:
            await finish(held)
    assert server.hold_timed_out is False


@pytest.mark.asyncio
async def test_release_answers_the_held_requests_and_all_later_ones_at_once(server):
    server.hold(lambda s: False)
    async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
        held = asyncio.ensure_future(get(session, server.url(n=1)))
        try:
            await arrived(server, 1)
            server.release()
            assert (await asyncio.wait_for(held, WAIT))[0] == 200
            assert (await asyncio.wait_for(get(session, server.url(n=2)), WAIT))[0] == 200
        finally:
            await finish(held)
    assert server.hold_timed_out is False


@pytest.mark.asyncio
async def test_a_hold_whose_condition_never_holds_answers_after_its_timeout_and_says_so(server):
    server.hold(lambda s: False, timeout=0.05)
    async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
        assert (await get(session, server.url()))[0] == 200

    assert server.hold_timed_out is True


@pytest.mark.asyncio
async def test_a_client_session_counts_the_requests_it_starts_and_keeps_its_options(server):
    async with server.client_session(timeout=TIMEOUT) as session:
        assert session.timeout.total == WAIT
        for _ in range(2):
            await get(session, server.url())

    assert server.requests_sent == 2


@pytest.mark.asyncio
async def test_a_client_session_rechecks_the_hold_as_each_request_starts(server):
    server.hold(lambda s: s.requests_sent == 2 and s.in_flight == 2)
    async with server.client_session(timeout=TIMEOUT) as session:
        both = asyncio.gather(get(session, server.url()), get(session, server.url()))
        answers = await asyncio.wait_for(both, WAIT)

    assert [status for status, _ in answers] == [200, 200]
    assert (server.requests_sent, server.peak, server.hold_timed_out) == (2, 2, False)


@pytest.mark.asyncio
async def test_a_closed_server_refuses_connections():
    closed = LoopbackServer()
    await closed.start()
    await closed.close()

    async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
        with pytest.raises(aiohttp.ClientConnectionError):
            await get(session, closed.url())


@pytest.mark.asyncio
async def test_starting_it_leaves_the_signal_handlers_and_logs_no_request(caplog):
    handlers = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    caplog.set_level("DEBUG", logger="aiohttp.access")
    started = LoopbackServer()
    await started.start()
    try:
        assert {signum: signal.getsignal(signum) for signum in handlers} == handlers
        async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
            await get(session, started.url())
    finally:
        await started.close()

    assert [r for r in caplog.records if r.name == "aiohttp.access"] == []


@pytest.mark.asyncio
async def test_connections_queue_in_its_backlog_while_the_loop_is_busy(server):
    # more connections than a default backlog (128) holds, made while the test keeps the loop from
    # accepting any: all of them wait in the listening socket's queue of BACKLOG
    count = 300
    assert count <= BACKLOG
    clients = []
    try:
        for _ in range(count):
            client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            clients.append(client)
            client.settimeout(WAIT)
            client.connect((HOST, server.port))
        for client in clients:
            client.sendall(b"GET /get HTTP/1.0\r\n\r\n")
        await eventually(lambda: len(server.arrivals) == count, f"{count} requests arrived", timeout=WAIT)
    finally:
        for client in clients:
            client.close()


@pytest.mark.asyncio
async def test_mock_responses_are_built_as_aioresponses_builds_them():
    url = "http://example.invalid/get?a=1"
    with aioresponses() as mocked:
        mocked.get(url, body="mocked", response_class=mock_response_class())
        async with aiohttp.ClientSession() as session, session.get(url) as response:
            answer = (response.method.upper(), str(response.url), await response.text())
            assert answer == ("GET", url, "mocked")
    assert issubclass(mock_response_class(), aiohttp.ClientResponse)
