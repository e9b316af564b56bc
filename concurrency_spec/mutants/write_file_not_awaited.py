"""write_file() that forgets to await f.write(): nothing is written.

The forgotten coroutine is also reported by the loop ("coroutine ... was never awaited"), which
fails every asyncio test that calls write_file, the FIFO test of aiofiles.loop-keeps-running too.
"""

from typing import Any

import aiofiles

from reference import *  # noqa: F401,F403

TARGETS = ["aiofiles.roundtrip", "aiofiles.loop-keeps-running"]


async def write_file(path: Any, content: str) -> None:
    async with aiofiles.open(path, "w") as f:
        f.write(content)  # the mistake: the coroutine is created, never awaited
