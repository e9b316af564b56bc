"""read_file() that reads one line (readline) instead of the whole file (read)."""

from typing import Any

from concurrency_spec.reference import Reference

TARGETS = ["aiofiles.roundtrip"]


class Implementation(Reference):
    async def read_file(impl, path: Any) -> str:
        async with impl.aiofiles.open(path, "r") as f:
            text: str = await f.readline()  # the mistake: the first line only
            return text
