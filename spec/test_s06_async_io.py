"""§6 异步 I/O 库 (async I/O libraries): aiohttp fetching several URLs concurrently, and aiofiles
writing and reading a file without blocking the event loop.

No test touches the network: httpbin.org is played by a loopback aiohttp server on 127.0.0.1
(``http_server``, see ``concurrency_spec/testing/servers.py``), and where the point is the
document's own URLs,
aioresponses answers them inside the process.

That aiofiles leaves the loop free is shown with a FIFO (a named pipe), whose open() blocks until
its other end is opened too: the test opens the other end from the event loop, which it can only
do if read_file/write_file are waiting in a worker thread rather than in the loop's own thread.

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

from concurrency_spec.testing.aio import eventually
from concurrency_spec.testing.servers import mock_response_class
from concurrency_spec.testing.waits import TIMEOUT

HTTPBIN_URLS = ["https://httpbin.org/get", "https://httpbin.org/ip"]  # answered by aioresponses only
RESCUE_AFTER = TIMEOUT  # only a broken implementation, blocking the loop, waits this long


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


@pytest.mark.asyncio
@pytest.mark.claim("aiohttp.fetch.returns-text")
async def test_a_client_session_gets_a_page_and_its_body_as_text(impl, http_server):
    url = http_server.url("/get", id=1)
    async with impl.aiohttp.ClientSession() as session:  # noqa: SIM117 (nested as in the document)
        async with session.get(url) as response:
            text = await response.text()
    assert isinstance(text, str)
    assert text == http_server.expected_text(url)


# §6.2 aiofiles (文件 I/O, file I/O)
#
#     async def read_file(path):
#         async with aiofiles.open(path, "r") as f:
#             return await f.read()
#
#     async def write_file(path, content):
#         async with aiofiles.open(path, "w") as f:
#             await f.write(content)


@pytest.mark.asyncio
@pytest.mark.claim("aiofiles.roundtrip")
async def test_aiofiles_reads_back_the_text_it_wrote(impl, tmp_path):
    path = tmp_path / "test.txt"
    await impl.write_file(path, "Hello, async!")
    assert path.read_text() == "Hello, async!"
    assert await impl.read_file(path) == "Hello, async!"


@pytest.mark.asyncio
@pytest.mark.claim("aiofiles.roundtrip")
async def test_write_file_replaces_what_the_file_held_and_read_file_gives_back_every_line(impl, tmp_path):
    path = tmp_path / "test.txt"
    await impl.write_file(path, "an older text\nof two lines\n")
    await impl.write_file(path, "Hello, async!\nand a second line\nand a third")  # open(path, "w")

    assert path.read_text() == "Hello, async!\nand a second line\nand a third"
    assert await impl.read_file(path) == "Hello, async!\nand a second line\nand a third"  # f.read(): all


@pytest.mark.asyncio
@pytest.mark.claim("aiofiles.roundtrip")
async def test_aiofiles_open_writes_and_reads_a_text_file(impl, tmp_path):
    path = tmp_path / "test.txt"
    async with impl.aiofiles.open(path, "w") as f:
        await f.write("Hello, async!")
    async with impl.aiofiles.open(path, "r") as f:  # noqa: UP015 (the document's explicit mode)
        assert await f.read() == "Hello, async!"


@pytest.mark.asyncio
@pytest.mark.claim("aiofiles.loop-keeps-running")
async def test_the_loop_keeps_running_while_read_file_waits_on_a_blocking_open(impl, tmp_path):
    # Opening a FIFO for reading blocks until someone opens it for writing. Here the writer is this
    # test, on the event loop: the read can only finish if the loop runs while the read waits.
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    writer = []

    def open_writer():
        try:  # succeeds once a reader has the FIFO open
            writer.append(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            return False
        return True

    def rescue_a_blocked_loop():  # a blocked loop never opens the writing end: open it, end the read
        os.close(os.open(fifo, os.O_WRONLY))

    with Watchdog(rescue_a_blocked_loop) as watchdog:
        reading = asyncio.ensure_future(impl.read_file(fifo))
        await eventually(open_writer, "the loop opened the FIFO while read_file waited", RESCUE_AFTER)
        watchdog.stand_down()
        os.write(writer[0], b"Hello, async!")
        os.close(writer[0])
        assert await asyncio.wait_for(reading, RESCUE_AFTER) == "Hello, async!"


@pytest.mark.asyncio
@pytest.mark.claim("aiofiles.loop-keeps-running")
async def test_the_loop_keeps_running_while_write_file_waits_on_a_blocking_open(impl, tmp_path):
    # Opening a FIFO for writing blocks until someone opens it for reading. Here the reader is this
    # test, on the event loop: only a loop left running by write_file gets to open it and read.
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)

    def rescue_a_blocked_loop():  # a blocked loop never opens the reading end: open it, drain it
        with open(fifo, "rb") as stolen:
            stolen.read()

    with Watchdog(rescue_a_blocked_loop) as watchdog:
        writing = asyncio.ensure_future(impl.write_file(fifo, "Hello, async!"))
        await asyncio.sleep(0)  # write_file has begun: a blocking open would hold the loop from here on
        reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # the loop ran
        watchdog.stand_down()
        try:
            await asyncio.wait_for(writing, RESCUE_AFTER)
        finally:
            os.close(reader)
    assert not watchdog.rescued, "write_file blocked the loop until another thread opened the FIFO"


class Watchdog:
    """Runs ``rescue()`` in a thread after RESCUE_AFTER seconds, unless stood down first.

    A broken ``read_file``/``write_file`` blocks the event loop in ``open()`` of a FIFO, and only
    another thread can open the other end: the rescue ends the block, so the test fails instead
    of hanging. A correct implementation never needs it.
    """

    def __init__(self, rescue):
        self._rescue = rescue
        self.rescued = False
        self._stood_down = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="fifo-watchdog")

    def _watch(self):
        if not self._stood_down.wait(RESCUE_AFTER):
            self.rescued = True  # before the rescue, which unblocks the loop
            self._rescue()

    def stand_down(self):
        self._stood_down.set()

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stand_down()
        self._thread.join(2 * RESCUE_AFTER)
