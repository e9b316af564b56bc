"""The §8.1 download program without its bound: every download starts at once."""

import asyncio as _asyncio
from typing import Any, Dict, Optional, Sequence, Tuple

import reference
from reference import *  # noqa: F401,F403

TARGETS = ["exercise.download.bounded-concurrency"]


async def download_all(urls: Sequence[str], limit: int = 10, session: Optional[Any] = None) -> Dict[str, str]:
    if session is None:
        return await reference.download_all(urls, limit)

    async def download(url: str) -> Tuple[str, str]:
        async with session.get(url) as response:
            return url, await response.text()

    return dict(await _asyncio.gather(*(download(url) for url in urls)))
