"""§6 异步 I/O 库 (async I/O libraries): aiohttp fetching several URLs concurrently, and aiofiles
writing and reading a file without blocking the event loop.

No test touches the network: httpbin.org is played by a loopback aiohttp server on 127.0.0.1
(``http_server``, see ``harness/servers.py``), and where the point is the document's own URLs,
aioresponses answers them inside the process.

    async def fetch(url):
        async with aiohttp.ClientSession() as session:
            async with session.get(url) as response:
                return await response.text()
"""

import asyncio
import json
import os
import threading

import pytest
from aioresponses import aioresponses

from harness.loops import eventually
from harness.servers import mock_response_class

HTTPBIN_URLS = ["https://httpbin.org/get", "https://httpbin.org/ip"]  # answered by aioresponses only


# §6.1 aiohttp


@pytest.mark.asyncio
@pytest.mark.claim("aiohttp.fetch.concurrent-results-line-up")
async def test_fetching_several_urls_with_gather_runs_them_at_once_and_lines_results_up(impl, http_server):
    http_server.hold(lambda server: server.in_flight >= 2)  # both requests must be in flight together
    urls = [http_server.url("/get"), http_server.url("/ip")]

    results = await asyncio.gather(*(impl.fetch(url) for url in urls))

    assert not http_server.hold_timed_out
    assert http_server.peak == 2
    assert results == [http_server.expected_text(url) for url in urls]


@pytest.mark.asyncio
@pytest.mark.claim("aiohttp.fetch.returns-text")
async def test_fetch_returns_each_response_body_as_text_for_the_documents_urls(impl):
    bodies = [json.dumps({"url": HTTPBIN_URLS[0]}), json.dumps({"origin": "203.0.113.7"})]
    with aioresponses() as mocked:  # answers inside the process; any other URL is refused
        for url, body in zip(HTTPBIN_URLS, bodies):
            mocked.get(url, body=body, response_class=mock_response_class())
        results = await asyncio.gather(*(impl.fetch(url) for url in HTTPBIN_URLS))
        requested = sorted(str(url) for _method, url in mocked.requests)

    assert results == bodies
    assert all(isinstance(result, str) for result in results)
    assert requested == sorted(HTTPBIN_URLS)


# §6.2 aiofiles
#
#     async with aiofiles.open(path, "w") as f:
#         await f.write(content)


@pytest.mark.asyncio
@pytest.mark.claim("aiofiles.roundtrip")
async def test_aiofiles_reads_back_the_text_it_wrote(impl, tmp_path):
    path = tmp_path / "test.txt"
    await impl.write_file(path, "Hello, async!")
    assert path.read_text() == "Hello, async!"
    assert await impl.read_file(path) == "Hello, async!"


@pytest.mark.asyncio
@pytest.mark.claim("aiofiles.loop-keeps-running")
async def test_the_loop_keeps_running_while_aiofiles_waits_on_a_blocking_read(impl, tmp_path):
    # Opening a FIFO for reading blocks until someone opens it for writing. Here the writer is this
    # test, on the event loop: the read can only finish if the loop runs while the read waits.
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    loop_wrote, watchdog = threading.Event(), None
    writer = []

    def open_writer():
        try:  # succeeds once a reader has the FIFO open
            writer.append(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            return False
        return True

    def rescue_a_blocked_loop():
        if not loop_wrote.wait(1.0):  # the loop never got to write: the read blocked it
            fd = os.open(fifo, os.O_WRONLY)
            os.write(fd, b"the loop was blocked")
            os.close(fd)

    watchdog = threading.Thread(target=rescue_a_blocked_loop, name="fifo-watchdog")
    watchdog.start()
    try:
        reading = asyncio.ensure_future(impl.read_file(fifo))
        await eventually(open_writer, "the loop opened the FIFO for writing while read_file waited")
        os.write(writer[0], b"Hello, async!")
        os.close(writer[0])
        loop_wrote.set()
        assert await asyncio.wait_for(reading, 2) == "Hello, async!"
    finally:
        loop_wrote.set()
        watchdog.join(5)
