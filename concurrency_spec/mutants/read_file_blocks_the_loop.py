"""read_file() with the built-in open(): the read blocks the event loop's own thread."""

from typing import Any

from reference import *  # noqa: F401,F403

TARGETS = ["aiofiles.loop-keeps-running"]


async def read_file(path: Any) -> str:
    with open(path) as f:
        return f.read()
