"""§3.1 a Process whose join() (the document's, without a timeout) returns at once instead of waiting
for the child to end; join(timeout) still waits."""

import multiprocessing

from concurrency_spec.reference import Reference

TARGETS = ["multiprocessing.process.child-process"]


class _Context:
    def __init__(self, method):
        self._context = multiprocessing.get_context(method)

    def __getattr__(self, name):
        return getattr(self._context, name)

    def Process(self, *args, **kwargs):
        process = self._context.Process(*args, **kwargs)
        join = process.join
        process.join = lambda timeout=None: None if timeout is None else join(timeout)
        return process


def get_context(method=None):
    return _Context(method)


class Implementation(Reference):
    multiprocessing = Reference.multiprocessing.replace(get_context=get_context)
