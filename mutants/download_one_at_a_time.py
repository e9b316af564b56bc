"""The §8.1 download program that downloads one page after the other: correct, but not concurrent."""

from typing import Any, Dict, Optional, Sequence

from concurrency_spec.reference import Reference

TARGETS = ["exercise.download.bounded-concurrency"]


class Implementation(Reference):
    async def download_all(
        impl, urls: Sequence[str], limit: int = 10, session: Optional[Any] = None
    ) -> Dict[str, str]:
        if session is None:
            async with impl.aiohttp.ClientSession() as own_session:
                return await impl.download_all(urls, limit, own_session)
        pages: Dict[str, str] = {}
        for url in urls:
            pages.update(await super().download_all([url], 1, session))
        return pages
