"""fetch_many() with aiohttp's default connector, which opens at most 100 connections at once."""

from typing import Any, List, Sequence

from concurrency_spec.reference import Reference

TARGETS = ["choosing.asyncio.many-requests-one-thread"]


class Implementation(Reference):
    async def fetch_many(impl, urls: Sequence[str]) -> List[str]:
        async def get(session: Any, url: str) -> str:
            async with session.get(url) as response:
                text: str = await response.text()
                return text

        async with impl.aiohttp.ClientSession() as session:
            return list(await impl.asyncio.gather(*(get(session, url) for url in urls)))
