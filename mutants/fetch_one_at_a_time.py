"""fetch() that lets only one request run at a time (a lock around it): gather gains nothing."""

import asyncio as _asyncio
import weakref
from typing import Any

from concurrency_spec.reference import Reference

TARGETS = ["aiohttp.fetch.concurrent-results-line-up"]

_locks: "weakref.WeakKeyDictionary[Any, _asyncio.Lock]" = weakref.WeakKeyDictionary()


class Implementation(Reference):
    async def fetch(impl, url: str) -> str:
        lock = _locks.setdefault(_asyncio.get_running_loop(), _asyncio.Lock())
        async with lock:
            return await super().fetch(url)
