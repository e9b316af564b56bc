"""Shared by mutants that change one thing of a multiprocessing Pool (not a mutant itself)."""

from typing import Any, Callable, Optional, Type

from concurrency_spec.reference import Reference
from concurrency_spec.reference.primitives import Namespace


class ContextWithPool:
    """A multiprocessing context whose Pool is ``pool_class``; everything else is the reference's context."""

    def __init__(self, method: Optional[str], pool_class: Type[Any]) -> None:
        self._context = Reference.multiprocessing.get_context(method)
        self._pool_class = pool_class

    def __getattr__(self, name: str) -> Any:
        return getattr(self._context, name)

    def Pool(self, processes: Optional[int] = None, *args: Any, **kwargs: Any) -> Any:  # noqa: N802
        return self._pool_class(processes, *args, context=self._context, **kwargs)


def get_context_with_pool(pool_class: Type[Any]) -> Callable[..., ContextWithPool]:
    """A ``get_context(method=None)`` for a mutant whose pools are ``pool_class``."""
    return lambda method=None: ContextWithPool(method, pool_class)


def multiprocessing_with_pool(pool_class: Type[Any]) -> Namespace:
    """The reference's ``multiprocessing`` namespace, whose contexts make pools of ``pool_class``::

    class Implementation(Reference):
        multiprocessing = multiprocessing_with_pool(MyPool)
    """
    return Reference.multiprocessing.replace(get_context=get_context_with_pool(pool_class))
