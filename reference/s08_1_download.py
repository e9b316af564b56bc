"""§8.1 exercise: concurrent download with asyncio (使用 asyncio 并发下载多个网页), solved.

Download many pages at once, but at most ``limit`` at a time (an ``impl.asyncio.Semaphore``), and
return each page with its URL.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Sequence, Tuple


async def download_all(
    impl: Any, urls: Sequence[str], limit: int = 10, session: Optional[Any] = None
) -> Dict[str, str]:
    """Download every URL, at most ``limit`` at once; return {url: page text}.

    Uses ``session`` (an aiohttp ClientSession) when given, else a session of its own.
    """
    if session is None:
        async with impl.aiohttp.ClientSession() as own_session:
            return await impl.download_all(urls, limit, own_session)

    semaphore = impl.asyncio.Semaphore(limit)

    async def download(url: str) -> Tuple[str, str]:
        async with semaphore, session.get(url) as response:
            return url, await response.text()

    return dict(await impl.asyncio.gather(*(download(url) for url in urls)))
