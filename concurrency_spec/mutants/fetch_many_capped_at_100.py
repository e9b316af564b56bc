"""fetch_many() with aiohttp's default connector, which opens at most 100 connections at once."""

import asyncio as _asyncio
from typing import Any, List, Sequence

import aiohttp

from reference import *  # noqa: F401,F403

TARGETS = ["choosing.asyncio.many-requests-one-thread"]


async def fetch_many(urls: Sequence[str]) -> List[str]:
    async def get(session: Any, url: str) -> str:
        async with session.get(url) as response:
            return await response.text()

    async with aiohttp.ClientSession() as session:
        return list(await _asyncio.gather(*(get(session, url) for url in urls)))
