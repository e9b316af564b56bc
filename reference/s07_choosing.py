"""§7 choosing a concurrency model: the document's table as programs.

| scenario (场景)               | recommended (推荐方式) | why (原因)                 |
| many HTTP requests           | asyncio + aiohttp     | I/O-bound, high concurrency |
| numeric computation          | multiprocessing       | bypasses the GIL            |
| a few blocking I/O calls     | threading             | simple                      |
| mixed work                   | combine them          | each part to its tool       |

From asyncio, a blocking call goes to a thread (``in_thread``), CPU work to a process pool
(``in_process``), and the event loop stays free for everything else.
"""

from __future__ import annotations

import asyncio
from typing import Any, Callable, List, Sequence, Tuple


async def fetch_many(impl: Any, urls: Sequence[str]) -> List[str]:
    """Many HTTP requests at once from one thread: one session, no cap on its connections."""

    async def get(session: Any, url: str) -> str:
        async with session.get(url) as response:
            text: str = await response.text()
            return text

    async with impl.aiohttp.ClientSession(connector=impl.aiohttp.TCPConnector(limit=0)) as session:
        return list(await impl.asyncio.gather(*(get(session, url) for url in urls)))


async def in_thread(impl: Any, func: Callable[..., Any], *args: Any) -> Any:
    """Run a blocking call in a worker thread; the event loop goes on meanwhile."""
    return await asyncio.to_thread(func, *args)


async def in_process(impl: Any, executor: Any, func: Callable[..., Any], *args: Any) -> Any:
    """Run CPU-bound ``func(*args)`` in a process pool; the event loop goes on meanwhile."""
    return await asyncio.get_running_loop().run_in_executor(executor, func, *args)


async def mixed(
    impl: Any, url: str, blocking: Callable[[], Any], executor: Any, cpu: Callable[..., Any], *cpu_args: Any
) -> Tuple[str, Any, Any]:
    """Mixed work, each part to its tool at once: ``url`` fetched on the loop, ``blocking()`` in a
    thread, ``cpu(*cpu_args)`` in a process of ``executor``. Returns the three results."""
    page, blocked, computed = await impl.asyncio.gather(
        impl.fetch(url), impl.in_thread(blocking), impl.in_process(executor, cpu, *cpu_args)
    )
    return page, blocked, computed
