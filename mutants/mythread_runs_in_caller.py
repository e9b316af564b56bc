"""A Thread subclass whose start() calls run() in the caller's thread instead of a new one (§2.1)."""

import functools
from typing import Any, Callable, Type

from concurrency_spec.reference import Reference
from concurrency_spec.reference.s02_threading import my_thread_class

TARGETS = ["threading.thread.subclass-run"]


@functools.cache
def _runs_in_caller(thread_class: Type[Any]) -> Type[Any]:
    class MyThread(my_thread_class(thread_class)):  # type: ignore[misc]
        def start(self) -> None:
            self.run()

    return MyThread


class Implementation(Reference):
    def MyThread(impl, name: str, say: Callable[[str], object] = print) -> Any:
        return _runs_in_caller(impl.threading.Thread)(name, say)
