"""The §8.1 download program with an off-by-one: the last URL is never downloaded."""

from typing import Any, Dict, Optional, Sequence

from concurrency_spec.reference import Reference

TARGETS = ["exercise.download.all-pages"]


class Implementation(Reference):
    async def download_all(
        impl, urls: Sequence[str], limit: int = 10, session: Optional[Any] = None
    ) -> Dict[str, str]:
        if session is None:
            async with impl.aiohttp.ClientSession() as own_session:
                return await impl.download_all(urls, limit, own_session)
        return await super().download_all(urls[:-1], limit, session)
