"""§1.2 asyncio I/O awaited one call after another instead of gathered."""

import asyncio

from reference import *  # noqa: F401,F403

TARGETS = ["concurrency.table.asyncio-io-overlap"]


def io_bound_in_tasks(n, io):
    async def main():
        return [await io(i) for i in range(n)]

    return asyncio.run(main())
