"""Runtime axes that need no code to select: the multiprocessing start method.

Tests that take the ``start_method`` fixture run once per start method the platform offers
(``test_x[fork]``, ``test_x[spawn]``, ``test_x[forkserver]``); ``--start-method`` narrows the axis.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Any, List

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("concurrency spec").addoption(
        "--start-method",
        action="append",
        default=[],
        help="run multiprocessing claims under this start method only (repeatable; default: all offered)",
    )


def start_methods(config: pytest.Config) -> List[str]:
    offered = multiprocessing.get_all_start_methods()
    wanted = config.getoption("--start-method") or os.environ.get("SPEC_START_METHODS", "").split(",")
    wanted = [m for m in wanted if m]
    unknown = [m for m in wanted if m not in offered]
    if unknown:
        raise pytest.UsageError(f"start method(s) {unknown} not offered here; offered: {offered}")
    return wanted or offered


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "start_method" in metafunc.fixturenames:
        metafunc.parametrize("start_method", start_methods(metafunc.config), scope="function")


@pytest.fixture
def mp_context(impl: Any, start_method: str) -> Any:
    """The implementation's multiprocessing context for this start method."""
    return impl.get_context(start_method)
