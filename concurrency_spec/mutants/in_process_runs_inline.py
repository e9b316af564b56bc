"""in_process() that calls the function right there, in the event loop's thread."""

from typing import Any, Callable

from reference import *  # noqa: F401,F403

TARGETS = ["choosing.processes.cpu-work-off-loop"]


async def in_process(executor: Any, func: Callable[..., Any], *args: Any) -> Any:
    return func(*args)
