"""The §8.1 download program with an off-by-one: the last URL is never downloaded."""

from typing import Any, Dict, Optional, Sequence

import reference
from reference import *  # noqa: F401,F403

TARGETS = ["exercise.download.all-pages"]


async def download_all(urls: Sequence[str], limit: int = 10, session: Optional[Any] = None) -> Dict[str, str]:
    return await reference.download_all(urls[:-1], limit, session)
