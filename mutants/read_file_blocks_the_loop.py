"""read_file() with the built-in open(): the read blocks the event loop's own thread."""

from typing import Any

from concurrency_spec.reference import Reference

TARGETS = ["aiofiles.loop-keeps-running"]


class Implementation(Reference):
    async def read_file(impl, path: Any) -> str:
        with open(path) as f:
            return f.read()
