"""mixed() that does its three parts one after the other instead of at once."""

from typing import Any, Callable, Tuple

import reference
from reference import *  # noqa: F401,F403

TARGETS = ["choosing.mixed.combined"]


async def mixed(
    url: str, blocking: Callable[[], Any], executor: Any, cpu: Callable[..., Any], *cpu_args: Any
) -> Tuple[str, Any, Any]:
    page = await reference.fetch(url)
    blocked = await reference.in_thread(blocking)
    computed = await reference.in_process(executor, cpu, *cpu_args)
    return page, blocked, computed
