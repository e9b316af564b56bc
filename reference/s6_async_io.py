"""§6 async I/O libraries: aiohttp (HTTP client) and aiofiles (file I/O), the document's programs.

aiohttp and aiofiles are imported inside the functions, so that importing ``reference`` stays
cheap (a process started with "spawn" imports it to find its worker functions).
"""

from __future__ import annotations

import os
from typing import Union

__all__ = ["fetch", "read_file", "write_file"]

Path = Union[str, "os.PathLike[str]"]


async def fetch(url: str) -> str:
    """§6.1: GET ``url`` in a session of its own and return the body as text."""
    import aiohttp

    async with aiohttp.ClientSession() as session:  # noqa: SIM117 (nested as in the document)
        async with session.get(url) as response:
            return await response.text()


async def read_file(path: Path) -> str:
    """§6.2: read the whole text file at ``path`` through aiofiles (the loop stays free meanwhile)."""
    import aiofiles

    async with aiofiles.open(path, "r") as f:  # noqa: UP015 (the document's explicit mode)
        return await f.read()


async def write_file(path: Path, content: str) -> None:
    """§6.2: write ``content`` to the text file at ``path`` through aiofiles."""
    import aiofiles

    async with aiofiles.open(path, "w") as f:
        await f.write(content)
