"""fetch() that returns the raw body (bytes) instead of the text."""

import aiohttp

from reference import *  # noqa: F401,F403

TARGETS = ["aiohttp.fetch.concurrent-results-line-up", "aiohttp.fetch.returns-text"]


async def fetch(url: str) -> bytes:  # type: ignore[override]
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return await response.read()
