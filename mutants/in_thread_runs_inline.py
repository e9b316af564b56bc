"""in_thread() that calls the blocking function right there, in the event loop's thread."""

from typing import Any, Callable

from concurrency_spec.reference import Reference

TARGETS = [
    "choosing.threads.blocking-call-off-loop",
    "choosing.mixed.combined",
]


class Implementation(Reference):
    async def in_thread(impl, func: Callable[..., Any], *args: Any) -> Any:
        return func(*args)
