"""§1.1 "concurrent" tasks that run one after another: each to its end before the next starts."""

import threading

from concurrency_spec.reference import Reference

TARGETS = ["concurrency.interleaving"]


class Implementation(Reference):
    def interleaved_tasks(impl, names, steps):
        log = []

        async def task(name):
            for step in range(steps):
                log.append((name, step, threading.get_ident()))
                await impl.asyncio.sleep(0)

        async def main():
            for name in names:
                await task(name)  # awaited in turn: no other task runs meanwhile

        impl.asyncio.run(main())
        return log
