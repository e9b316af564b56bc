"""gather that awaits its arguments one after the other: nothing runs concurrently."""

from typing import Any, List

import reference
from reference import *  # noqa: F401,F403

TARGETS = ["asyncio.gather.concurrent", "asyncio.gather.argument-order"]


async def _gather(*awaitables: Any, return_exceptions: bool = False) -> List[Any]:
    results = []
    for awaitable in awaitables:
        try:
            results.append(await awaitable)
        except Exception as error:
            if not return_exceptions:
                raise
            results.append(error)
    return results


asyncio = reference.asyncio.replace(gather=_gather)
