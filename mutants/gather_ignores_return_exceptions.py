"""gather that ignores return_exceptions=True: the first error ends it."""

import asyncio as _asyncio
from typing import Any

from concurrency_spec.reference import Reference

TARGETS = ["asyncio.gather.return-exceptions"]


def _gather(*awaitables: Any, return_exceptions: bool = False) -> Any:
    return _asyncio.gather(*awaitables)


class Implementation(Reference):
    asyncio = Reference.asyncio.replace(gather=_gather)
