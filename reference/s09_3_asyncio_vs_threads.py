"""§9.3 asyncio 和多线程有什么区别? (how does asyncio differ from threads?) The tasks of an event loop
all run in the one thread that runs the loop, and they switch only where a coroutine awaits; a
coroutine that never awaits keeps every other task waiting. Threads are switched by the
interpreter, wherever they are, even in a loop that never blocks.
"""

from __future__ import annotations

import threading
from typing import Any, Awaitable, Callable, List, Optional, Tuple

Sleep = Callable[[float], Awaitable[Any]]


async def steps(
    impl: Any, name: str, n: int, log: List[Tuple[str, int, int]], sleep: Optional[Sleep] = None
) -> None:
    """§9.3: ``n`` steps, each logged as (name, step, thread id), with an ``await`` after each."""
    for i in range(n):
        log.append((name, i, threading.get_ident()))
        await (sleep or impl.asyncio.sleep)(0)


def busy_wait(flag: Any, max_checks: int) -> bool:
    """§9.3: check ``flag.is_set()`` in a loop that never blocks nor awaits; return whether it was seen."""
    return any(flag.is_set() for _ in range(max_checks))


async def busy_wait_in_coroutine(impl: Any, flag: Any, max_checks: int) -> bool:
    """§9.3: ``busy_wait`` inside a coroutine, which has no await in it."""
    seen: bool = impl.busy_wait(flag, max_checks)
    return seen
