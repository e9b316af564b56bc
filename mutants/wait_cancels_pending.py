"""asyncio.wait(return_when=FIRST_COMPLETED) that cancels the tasks it returns as pending: the caller
gets tasks already on their way out, where the document cancels the rest itself (§5.4)."""

import asyncio as _asyncio

from concurrency_spec.reference import Reference

TARGETS = ["asyncio.wait.first-completed"]


async def wait(tasks, *, timeout=None, return_when=_asyncio.ALL_COMPLETED):
    done, pending = await _asyncio.wait(tasks, timeout=timeout, return_when=return_when)
    for task in pending:
        task.cancel()  # the mistake: the pending ones are the caller's to cancel, or to keep
    return done, pending


class Implementation(Reference):
    asyncio = Reference.asyncio.replace(wait=wait)
