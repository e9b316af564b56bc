"""A busy-waiting coroutine that awaits between its checks: other tasks get to run meanwhile."""

from typing import Any

from concurrency_spec.reference import Reference

TARGETS = ["asyncio-vs-threads.no-switch-without-await"]


class Implementation(Reference):
    async def busy_wait_in_coroutine(impl, flag: Any, max_checks: int) -> bool:
        for _ in range(max_checks):
            if flag.is_set():
                return True
            await impl.asyncio.sleep(0)
        return False
