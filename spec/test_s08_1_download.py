"""§8.1 练习: 并发下载 (exercise: concurrent download), "使用 asyncio 并发下载多个网页" (download
several web pages concurrently with asyncio), checked on the reference solution (``download_all``).

The pages come from a loopback aiohttp server on 127.0.0.1 (``http_server``, see
``concurrency_spec/testing/servers.py``) that counts the downloads in flight: it holds every request until
``limit`` are in flight and every request the client started has arrived, so its peak is exactly
the program's concurrency.
"""

import pytest

N_PAGES = 30
LIMIT = 5


@pytest.mark.asyncio
@pytest.mark.claim("exercise.download.all-pages")
async def test_download_all_returns_every_page_under_its_own_url(impl, http_server):
    urls = [http_server.url(f"/page/{i}") for i in range(N_PAGES)]
    pages = await impl.download_all(urls, limit=LIMIT)
    assert pages == {url: http_server.expected_text(url) for url in urls}


@pytest.mark.asyncio
@pytest.mark.claim("exercise.download.bounded-concurrency")
async def test_download_all_has_exactly_limit_downloads_in_flight_at_its_peak(impl, http_server):
    http_server.hold(lambda server: server.in_flight >= LIMIT and server.in_flight == server.requests_sent)
    urls = [http_server.url(f"/page/{i}") for i in range(N_PAGES)]

    async with http_server.client_session() as session:
        await impl.download_all(urls, limit=LIMIT, session=session)

    assert not http_server.hold_timed_out  # LIMIT downloads did get under way at once
    assert http_server.peak == LIMIT  # and never more
