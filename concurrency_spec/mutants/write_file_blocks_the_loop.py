"""write_file() with the built-in open(): the write blocks the event loop's own thread."""

from typing import Any

from reference import *  # noqa: F401,F403

TARGETS = ["aiofiles.loop-keeps-running"]


async def write_file(path: Any, content: str) -> None:
    with open(path, "w") as f:
        f.write(content)
