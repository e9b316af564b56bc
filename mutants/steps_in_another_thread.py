"""steps() that does its work in a thread of its own and waits for it: it runs off the loop's
thread, and without any await between its steps."""

import threading
from typing import List, Optional, Tuple

from concurrency_spec.reference import Reference
from concurrency_spec.reference.s09_3_asyncio_vs_threads import Sleep

TARGETS = ["asyncio-vs-threads.one-thread", "asyncio-vs-threads.switch-at-await"]


class Implementation(Reference):
    async def steps(
        impl, name: str, n: int, log: List[Tuple[str, int, int]], sleep: Optional[Sleep] = None
    ) -> None:
        def work() -> None:
            for i in range(n):
                log.append((name, i, threading.get_ident()))

        worker = impl.threading.Thread(target=work)
        worker.start()
        worker.join()
