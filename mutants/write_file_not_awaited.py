"""write_file() that forgets to await f.write(): nothing is written.

The forgotten coroutine is also reported by the loop ("coroutine ... was never awaited"), which
fails every asyncio test that calls write_file, the FIFO test of aiofiles.loop-keeps-running too.
"""

from typing import Any

from concurrency_spec.reference import Reference

TARGETS = ["aiofiles.roundtrip", "aiofiles.loop-keeps-running"]


class Implementation(Reference):
    async def write_file(impl, path: Any, content: str) -> None:
        async with impl.aiofiles.open(path, "w") as f:
            f.write(content)  # the mistake: the coroutine is created, never awaited
