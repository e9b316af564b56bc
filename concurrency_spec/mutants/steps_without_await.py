"""steps() with no await between its steps: nothing else runs until all its steps are done."""

import threading
from typing import Any, List, Tuple

from reference import *  # noqa: F401,F403

TARGETS = ["asyncio-vs-threads.switch-at-await"]


async def steps(name: str, n: int, log: List[Tuple[str, int, int]], sleep: Any = None) -> None:
    for i in range(n):
        log.append((name, i, threading.get_ident()))
