"""write_file() with the built-in open(): the write blocks the event loop's own thread."""

from typing import Any

from concurrency_spec.reference import Reference

TARGETS = ["aiofiles.loop-keeps-running"]


class Implementation(Reference):
    async def write_file(impl, path: Any, content: str) -> None:
        with open(path, "w") as f:
            f.write(content)
