"""gather that ignores return_exceptions=True: the first error ends it."""

import asyncio as _asyncio
from typing import Any

import reference
from reference import *  # noqa: F401,F403

TARGETS = ["asyncio.gather.return-exceptions"]


def _gather(*awaitables: Any, return_exceptions: bool = False) -> Any:
    return _asyncio.gather(*awaitables)


asyncio = reference.asyncio.replace(gather=_gather)
