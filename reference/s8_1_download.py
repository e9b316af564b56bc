"""§8.1 exercise: concurrent download with asyncio (使用 asyncio 并发下载多个网页), solved.

Download many pages at once, but at most ``limit`` at a time (a Semaphore), and return each page
with its URL.
"""

from __future__ import annotations

import asyncio
from typing import Any, Dict, Optional, Sequence, Tuple

__all__ = ["download_all"]


async def download_all(urls: Sequence[str], limit: int = 10, session: Optional[Any] = None) -> Dict[str, str]:
    """Download every URL, at most ``limit`` at once; return {url: page text}.

    Uses ``session`` (an aiohttp ClientSession) when given, else a session of its own.
    """
    if session is None:
        import aiohttp

        async with aiohttp.ClientSession() as own_session:
            return await download_all(urls, limit, own_session)

    semaphore = asyncio.Semaphore(limit)

    async def download(url: str) -> Tuple[str, str]:
        async with semaphore, session.get(url) as response:
            return url, await response.text()

    return dict(await asyncio.gather(*(download(url) for url in urls)))
