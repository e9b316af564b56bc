"""steps() that does its work in a thread of its own and waits for it: it runs off the loop's
thread, and without any await between its steps."""

import threading
from typing import Any, List, Tuple

from reference import *  # noqa: F401,F403

TARGETS = ["asyncio-vs-threads.one-thread", "asyncio-vs-threads.switch-at-await"]


async def steps(name: str, n: int, log: List[Tuple[str, int, int]], sleep: Any = None) -> None:
    def work() -> None:
        for i in range(n):
            log.append((name, i, threading.get_ident()))

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
