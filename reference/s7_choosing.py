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
import os
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from reference.s6_async_io import fetch

__all__ = ["fetch_many", "in_thread", "in_process", "install_gates", "gated_sum_of_squares", "mixed"]


async def fetch_many(urls: Sequence[str]) -> List[str]:
    """Many HTTP requests at once from one thread: one session, no cap on its connections."""
    import aiohttp

    async def get(session: Any, url: str) -> str:
        async with session.get(url) as response:
            return await response.text()

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        return list(await asyncio.gather(*(get(session, url) for url in urls)))


async def in_thread(func: Callable[..., Any], *args: Any) -> Any:
    """Run a blocking call in a worker thread; the event loop goes on meanwhile."""
    return await asyncio.to_thread(func, *args)


async def in_process(executor: Any, func: Callable[..., Any], *args: Any) -> Any:
    """Run CPU-bound ``func(*args)`` in a process pool; the event loop goes on meanwhile."""
    return await asyncio.get_running_loop().run_in_executor(executor, func, *args)


_gates: Dict[str, Any] = {}
GATE_TIMEOUT = 5.0


def install_gates(start: Optional[Any] = None, started: Optional[Any] = None) -> None:
    """Process-pool initializer: ``gated_sum_of_squares`` waits for ``start``, then sets ``started``.

    Both are multiprocessing Events; a test uses them to see that work overlaps.
    """
    _gates.update(start=start, started=started)


def gated_sum_of_squares(n: int) -> Tuple[int, int]:
    """CPU work in a pool process: (this process's pid, sum of i * i for i below ``n``).

    In a process started with ``install_gates``, it first waits for the ``start`` gate and then
    sets ``started``.
    """
    start, started = _gates.get("start"), _gates.get("started")
    if start is not None and not start.wait(GATE_TIMEOUT):
        raise TimeoutError("the start gate was never opened")
    if started is not None:
        started.set()
    return os.getpid(), sum(i * i for i in range(n))


async def mixed(
    url: str, blocking: Callable[[], Any], executor: Any, cpu: Callable[..., Any], *cpu_args: Any
) -> Tuple[str, Any, Any]:
    """Mixed work, each part to its tool at once: ``url`` fetched on the loop, ``blocking()`` in a
    thread, ``cpu(*cpu_args)`` in a process of ``executor``. Returns the three results."""
    page, blocked, computed = await asyncio.gather(
        fetch(url), in_thread(blocking), in_process(executor, cpu, *cpu_args)
    )
    return page, blocked, computed
