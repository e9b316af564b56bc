"""Shared by mutants that break one primitive for the tests that use it directly (not a mutant itself).

Programs reach every primitive and every other program through ``impl``, so a broken member is used
by every program that depends on it, and most mutants keep it so: their TARGETS list every claim
the broken member reaches. Where the consequences in the programs are races or hangs rather than
certain failures (a Thread whose join() returns early), a mutant keeps those programs on the
reference's member with :func:`on_reference`, so that what it breaks, it breaks every time::

    class Implementation(Reference):
        threading = Reference.threading.replace(Thread=EarlyJoinThread)
        run_workers = on_reference(Reference.run_workers, "threading")
"""

import functools
import inspect
import types
from typing import Any, Callable, Tuple

from concurrency_spec.reference import Reference


class _ReferenceFor:
    """The implementation, except for the members named in ``names``, which are the reference's (a
    dotted name, ``threading.Thread``, is one primitive of a namespace: the others stay the
    implementation's)."""

    def __init__(self, impl: Any, names: Tuple[str, ...]) -> None:
        self._impl = impl
        self._names = names

    def __getattr__(self, name: str) -> Any:
        primitives = [n.split(".", 1)[1] for n in self._names if n.startswith(name + ".")]
        if primitives:
            reference = getattr(Reference, name)
            return getattr(self._impl, name).replace(**{p: getattr(reference, p) for p in primitives})
        if name not in self._names:
            return getattr(self._impl, name)
        value = vars(Reference)[name]
        if isinstance(value, staticmethod):
            return value.__func__
        if inspect.isfunction(value):
            return types.MethodType(value, self)  # a reference program, on these same members
        return value


def on_reference(program: Callable[..., Any], *names: str) -> Callable[..., Any]:
    """``program`` (a function whose first parameter is ``impl``), run with the reference's members
    ``names`` (namespaces of primitives, one primitive of a namespace, programs, workers) instead of
    the implementation's."""
    for name in names:
        namespace, _, primitive = name.partition(".")
        if namespace not in vars(Reference) or (
            primitive and not hasattr(getattr(Reference, namespace), primitive)
        ):
            raise AttributeError(f"the reference has no member {name!r}")

    if inspect.iscoroutinefunction(program):

        @functools.wraps(program)
        async def run_async(impl: Any, *args: Any, **kwargs: Any) -> Any:
            return await program(_ReferenceFor(impl, names), *args, **kwargs)

        return run_async

    @functools.wraps(program)
    def run(impl: Any, *args: Any, **kwargs: Any) -> Any:
        return program(_ReferenceFor(impl, names), *args, **kwargs)

    return run
