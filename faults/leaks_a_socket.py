"""An implementation whose asyncio.sleep leaks a socket at every pause: its own leak, which fails the
claims whose tests catch it, whatever the loop leaks of its own."""

import asyncio
import socket

from concurrency_spec.reference import Reference

TARGETS = [
    "asyncio.run.drives-to-completion",  # (not applicable on loops other than asyncio's before 3.12)
    "asyncio.sleep.does-not-block",
    "asyncio.sleep.pauses-for-its-delay",
]
ARGS = ["--section", "5.2"]
BOUND = 60


async def sleep(delay, result=None):
    socket.socket()  # dropped unclosed: a ResourceWarning
    return await asyncio.sleep(delay, result)


class Implementation(Reference):
    asyncio = Reference.asyncio.replace(sleep=sleep)
