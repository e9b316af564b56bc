"""write_file() that opens the file to append ("a") instead of to write ("w"): what the file held stays."""

from typing import Any

from concurrency_spec.reference import Reference

TARGETS = ["aiofiles.roundtrip"]


class Implementation(Reference):
    async def write_file(impl, path: Any, content: str) -> None:
        async with impl.aiofiles.open(path, "a") as f:  # the mistake: "a", not "w"
            await f.write(content)
