"""fetch() that returns the raw body (bytes) instead of the text."""

from concurrency_spec.reference import Reference

TARGETS = ["aiohttp.fetch.concurrent-results-line-up", "aiohttp.fetch.returns-text"]


class Implementation(Reference):
    async def fetch(impl, url: str) -> bytes:  # type: ignore[override]
        async with impl.aiohttp.ClientSession() as session, session.get(url) as response:
            return await response.read()
