"""§3 a get_context that ignores the start method asked for and always forks."""

import multiprocessing

from reference import *  # noqa: F401,F403

TARGETS = ["multiprocessing.main-guard"]


def get_context(method=None):
    return multiprocessing.get_context("fork")
