"""write_file() that forgets to await f.write(): nothing is written."""

from typing import Any

import aiofiles

from reference import *  # noqa: F401,F403

TARGETS = ["aiofiles.roundtrip"]


async def write_file(path: Any, content: str) -> None:
    async with aiofiles.open(path, "w") as f:
        f.write(content)  # the mistake: the coroutine is created, never awaited
