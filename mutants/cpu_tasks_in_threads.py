"""§1.2 CPU-bound coroutines that hand their work to threads (asyncio.to_thread): they overlap, and
the work leaves the loop's thread."""

import asyncio as _asyncio
import threading

from concurrency_spec.reference import Reference

TARGETS = ["concurrency.table.asyncio-cpu-not-parallel"]


class Implementation(Reference):
    def cpu_bound_in_tasks(impl, n, work):
        log = []

        async def compute(i):
            log.append(("start", i, threading.get_ident()))
            await _asyncio.to_thread(work, i)
            log.append(("end", i, threading.get_ident()))

        async def main():
            await impl.asyncio.gather(*(compute(i) for i in range(n)))

        impl.asyncio.run(main())
        return log
