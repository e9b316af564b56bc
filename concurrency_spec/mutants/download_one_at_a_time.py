"""The §8.1 download program that downloads one page after the other: correct, but not concurrent."""

from typing import Any, Dict, Optional, Sequence

import reference
from reference import *  # noqa: F401,F403

TARGETS = ["exercise.download.bounded-concurrency"]


async def download_all(urls: Sequence[str], limit: int = 10, session: Optional[Any] = None) -> Dict[str, str]:
    pages: Dict[str, str] = {}
    for url in urls:
        pages.update(await reference.download_all([url], 1, session))
    return pages
