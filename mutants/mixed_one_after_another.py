"""mixed() that does its three parts one after the other instead of at once."""

from typing import Any, Callable, Tuple

from concurrency_spec.reference import Reference

TARGETS = ["choosing.mixed.combined"]


class Implementation(Reference):
    async def mixed(
        impl, url: str, blocking: Callable[[], Any], executor: Any, cpu: Callable[..., Any], *cpu_args: Any
    ) -> Tuple[str, Any, Any]:
        page = await impl.fetch(url)
        blocked = await impl.in_thread(blocking)
        computed = await impl.in_process(executor, cpu, *cpu_args)
        return page, blocked, computed
