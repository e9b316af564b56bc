"""§3.4 an Array that is a plain list: each process gets its own copy, so a child's write is lost."""

import multiprocessing

from concurrency_spec.reference import Reference

TARGETS = ["multiprocessing.shared-memory.value-array", "multiprocessing.shared-memory.types"]


class _Context:
    def __init__(self, method):
        self._context = multiprocessing.get_context(method)

    def __getattr__(self, name):
        return getattr(self._context, name)

    def Array(self, typecode, values, *args, **kwargs):
        return list(values)


def get_context(method=None):
    return _Context(method)


class Implementation(Reference):
    multiprocessing = Reference.multiprocessing.replace(get_context=get_context)
