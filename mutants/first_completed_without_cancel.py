"""The §5.4 program without its last step: the pending tasks are never cancelled."""

from typing import Any, List, Optional, Sequence, Set, Tuple

from concurrency_spec.reference import Reference
from concurrency_spec.reference.s05_asyncio import Sleep

TARGETS = ["asyncio.wait.cancel-pending"]


class Implementation(Reference):
    async def first_completed(
        impl, delays: Sequence[float] = (2, 1, 3), sleep: Optional[Sleep] = None
    ) -> Tuple[List[Any], Set[Any]]:
        aio = impl.asyncio
        tasks = [aio.create_task(impl.echo_after(d, sleep)) for d in delays]
        done, pending = await aio.wait(tasks, return_when=aio.FIRST_COMPLETED)
        return [t.result() for t in done], pending
