"""The §8.1 download program without its bound: every download starts at once."""

from typing import Any, Dict, Optional, Sequence, Tuple

from concurrency_spec.reference import Reference

TARGETS = ["exercise.download.bounded-concurrency"]


class Implementation(Reference):
    async def download_all(
        impl, urls: Sequence[str], limit: int = 10, session: Optional[Any] = None
    ) -> Dict[str, str]:
        if session is None:
            return await super().download_all(urls, limit)

        async def download(url: str) -> Tuple[str, str]:
            async with session.get(url) as response:
                return url, await response.text()

        return dict(await impl.asyncio.gather(*(download(url) for url in urls)))
