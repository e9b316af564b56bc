"""§3 a get_context that ignores the start method asked for and always forks."""

import multiprocessing

from concurrency_spec.reference import Reference

TARGETS = ["multiprocessing.main-guard"]
START_METHODS = ["spawn"]  # under fork its bug does not show


def get_context(method=None):
    return multiprocessing.get_context("fork")


class Implementation(Reference):
    multiprocessing = Reference.multiprocessing.replace(get_context=get_context)
