"""in_process() that calls the function right there, in the event loop's thread."""

from typing import Any, Callable

from concurrency_spec.reference import Reference

TARGETS = [
    "choosing.processes.cpu-work-off-loop",
    "choosing.mixed.combined",
]


class Implementation(Reference):
    async def in_process(impl, executor: Any, func: Callable[..., Any], *args: Any) -> Any:
        return func(*args)
