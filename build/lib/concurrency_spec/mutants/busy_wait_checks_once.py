"""busy_wait() that checks the flag only once and gives up."""

from typing import Any

from concurrency_spec.reference import Reference
from concurrency_spec.reference.s9_async_questions import busy_wait as _busy_wait

TARGETS = ["asyncio-vs-threads.threads-preempted"]


def busy_wait(flag: Any, max_checks: int) -> bool:
    return bool(flag.is_set())


class Implementation(Reference):
    busy_wait = staticmethod(busy_wait)

    async def busy_wait_in_coroutine(impl, flag: Any, max_checks: int) -> bool:
        # Only the threads' busy_wait checks once: the coroutine of §9.3 keeps the reference's loop, as
        # it did when programs did not reach busy_wait through the implementation.
        return _busy_wait(flag, max_checks)
