"""An asyncio Queue that hands out the newest item first (a LifoQueue)."""

import asyncio as _asyncio

import reference
from reference import *  # noqa: F401,F403

TARGETS = ["asyncio.queue.consumer-gets-all"]

asyncio = reference.asyncio.replace(Queue=_asyncio.LifoQueue)
