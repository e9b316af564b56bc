"""steps() with no await between its steps: nothing else runs until all its steps are done."""

import threading
from typing import List, Optional, Tuple

from concurrency_spec.reference import Reference
from concurrency_spec.reference.s09_3_asyncio_vs_threads import Sleep

TARGETS = ["asyncio-vs-threads.switch-at-await"]


class Implementation(Reference):
    async def steps(
        impl, name: str, n: int, log: List[Tuple[str, int, int]], sleep: Optional[Sleep] = None
    ) -> None:
        for i in range(n):
            log.append((name, i, threading.get_ident()))
