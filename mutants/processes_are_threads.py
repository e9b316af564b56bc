"""A multiprocessing context whose Process is a thread (multiprocessing.dummy.Process) in disguise."""

import multiprocessing.dummy

from concurrency_spec.reference import Reference

TARGETS = ["sharing.copy-not-shared", "sharing.pickle.spawn-process-args"]
START_METHODS = ["fork", "spawn"]  # one of its targets is a claim about spawn


class _Context:
    """The reference's context, except for Process."""

    def __init__(self, real):
        self._real = real

    def __getattr__(self, name):
        return getattr(self._real, name)

    def Process(self, *args, **kwargs):
        # breaks §9.5: the "child" shares this process's memory, and nothing is pickled at start()
        return multiprocessing.dummy.Process(*args, **kwargs)


def get_context(method=None):
    return _Context(Reference.multiprocessing.get_context(method))


class Implementation(Reference):
    multiprocessing = Reference.multiprocessing.replace(get_context=get_context)
