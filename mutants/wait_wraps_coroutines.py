"""asyncio.wait as it was before Python 3.11: it still wraps bare coroutines into tasks (with a
DeprecationWarning) instead of rejecting them."""

import asyncio as _asyncio
import inspect
import warnings
from typing import Any

from concurrency_spec.reference import Reference

TARGETS = ["asyncio.wait.rejects-coroutines"]


async def _wait(aws: Any, **kwargs: Any) -> Any:
    if any(inspect.iscoroutine(a) for a in aws):
        warnings.warn("passing coroutines to asyncio.wait() is deprecated", DeprecationWarning, stacklevel=2)
        aws = [_asyncio.ensure_future(a) for a in aws]
    return await _asyncio.wait(aws, **kwargs)


class Implementation(Reference):
    asyncio = Reference.asyncio.replace(wait=_wait)
