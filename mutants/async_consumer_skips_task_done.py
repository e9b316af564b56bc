"""§5.8 an asyncio consumer that never calls queue.task_done(): queue.join() never returns."""

from typing import Any, List, Optional

from concurrency_spec.reference import Reference

TARGETS = ["asyncio.queue.task-done-per-item"]


class Implementation(Reference):
    async def consumer(impl, queue: Any, log: Optional[List[str]] = None) -> List[int]:
        consumed = []
        while True:
            item = await queue.get()
            if item is None:
                break
            consumed.append(item)
            if log is not None:
                log.append(f"Consumed: {item}")
        return consumed
