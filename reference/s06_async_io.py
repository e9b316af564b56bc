"""§6 async I/O libraries: the document's programs on aiohttp and aiofiles (``impl.aiohttp``,
``impl.aiofiles``)."""

from __future__ import annotations

import os
from typing import Any, Union

Path = Union[str, "os.PathLike[str]"]


async def fetch(impl: Any, url: str) -> str:
    """§6.1: GET ``url`` in a session of its own and return the body as text."""
    async with impl.aiohttp.ClientSession() as session:  # noqa: SIM117 (nested as in the document)
        async with session.get(url) as response:
            text: str = await response.text()
            return text


async def read_file(impl: Any, path: Path) -> str:
    """§6.2: read the whole text file at ``path`` through aiofiles (the loop stays free meanwhile)."""
    async with impl.aiofiles.open(path, "r") as f:
        text: str = await f.read()
        return text


async def write_file(impl: Any, path: Path, content: str) -> None:
    """§6.2: write ``content`` to the text file at ``path`` through aiofiles."""
    async with impl.aiofiles.open(path, "w") as f:
        await f.write(content)
