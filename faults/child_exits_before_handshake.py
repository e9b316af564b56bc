"""Processes whose child exits at once, before running its target: nothing the test waits for from
the child (a handshake, an item, a shared value) ever comes. The tests' own timeouts end them."""

import os

from concurrency_spec.reference import Reference

TARGETS = [
    "multiprocessing.process.child-process",
    "multiprocessing.process.return-value-dropped",
    "multiprocessing.queue.producer-consumer",
    "multiprocessing.shared-memory.types",
    "multiprocessing.shared-memory.value-array",
    "sharing.copy-not-shared",
    "sharing.value.locked-updates-exact",
    "sharing.value.unlocked-update-lost",
]
ARGS = ["--section", "3.1", "--section", "3.3", "--section", "3.4", "--section", "9.5"]
BOUND = 150


class Context:
    """The reference's context for a start method, with Processes that exit before their target."""

    def __init__(self, method=None):
        self._context = Reference.multiprocessing.get_context(method)

    def __getattr__(self, name):
        return getattr(self._context, name)

    def Process(self, *args, **kwargs):  # noqa: N802
        return ExitsAtOnce(self._context, *args, **kwargs)


def ExitsAtOnce(context, *args, **kwargs):  # noqa: N802
    process = context.Process(*args, **kwargs)
    process.run = _exit_at_once
    return process


def _exit_at_once():
    os._exit(0)


class Implementation(Reference):
    multiprocessing = Reference.multiprocessing.replace(get_context=Context)
