"""gather that awaits its arguments one after the other: nothing runs concurrently."""

from typing import Any, List

from concurrency_spec.reference import Reference

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


class Implementation(Reference):
    asyncio = Reference.asyncio.replace(gather=_gather)
