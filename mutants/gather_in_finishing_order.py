"""gather that returns the results in the order the tasks finished, not in argument order."""

import asyncio as _asyncio
from typing import Any, List

from concurrency_spec.reference import Reference

TARGETS = ["asyncio.gather.argument-order", "asyncio.gather.return-exceptions"]


async def _gather(*awaitables: Any, return_exceptions: bool = False) -> List[Any]:
    futures = [_asyncio.ensure_future(a) for a in awaitables]
    results = []
    for finished in _asyncio.as_completed(futures):
        try:
            results.append(await finished)
        except Exception as error:
            if not return_exceptions:
                raise
            results.append(error)
    return results


class Implementation(Reference):
    asyncio = Reference.asyncio.replace(gather=_gather)
