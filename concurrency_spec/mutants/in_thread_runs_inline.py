"""in_thread() that calls the blocking function right there, in the event loop's thread."""

from typing import Any, Callable

from reference import *  # noqa: F401,F403

TARGETS = ["choosing.threads.blocking-call-off-loop"]


async def in_thread(func: Callable[..., Any], *args: Any) -> Any:
    return func(*args)
