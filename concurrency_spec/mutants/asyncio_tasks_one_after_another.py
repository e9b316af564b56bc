"""§1.1 "concurrent" tasks that run one after another: each to its end before the next starts."""

import asyncio
import threading

from reference import *  # noqa: F401,F403

TARGETS = ["concurrency.interleaving"]


def interleaved_tasks(names, steps):
    log = []

    async def task(name):
        for step in range(steps):
            log.append((name, step, threading.get_ident()))
            await asyncio.sleep(0)

    async def main():
        for name in names:
            await task(name)  # awaited in turn: no other task runs meanwhile

    asyncio.run(main())
    return log
