"""busy_wait() that checks the flag only once and gives up."""

from typing import Any

from concurrency_spec.reference import Reference

TARGETS = [
    "asyncio-vs-threads.threads-preempted",
    "asyncio-vs-threads.no-switch-without-await",
]


def busy_wait(flag: Any, max_checks: int) -> bool:
    return bool(flag.is_set())


class Implementation(Reference):
    busy_wait = staticmethod(busy_wait)
