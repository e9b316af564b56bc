"""busy_wait() that checks the flag only once and gives up."""

from typing import Any

from reference import *  # noqa: F401,F403

TARGETS = ["asyncio-vs-threads.threads-preempted"]


def busy_wait(flag: Any, max_checks: int) -> bool:
    return bool(flag.is_set())
