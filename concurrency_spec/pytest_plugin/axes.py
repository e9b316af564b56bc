"""The multiprocessing start-method axis: it needs no code to select.

Tests that take the ``start_method`` fixture run once per start method the platform offers
(``test_x[fork]``, ``test_x[spawn]``, ``test_x[forkserver]``); ``--start-method`` narrows the axis.
The ``mp_context`` fixture is the implementation's context for that method,
``impl.multiprocessing.get_context(start_method)``; executors get the start method by name
(``impl.futures.ProcessPoolExecutor(..., start_method=start_method)``), never a context of another layer.
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
        help="run multiprocessing claims under this start method only (repeatable; default: all offered, "
        "or $SPEC_START_METHODS)",
    )


def start_methods(config: pytest.Config) -> List[str]:
    offered = multiprocessing.get_all_start_methods()
    wanted = config.getoption("--start-method") or os.environ.get("SPEC_START_METHODS", "").split(",")
    wanted = [m.strip() for m in wanted if m.strip()]
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
    return impl.multiprocessing.get_context(start_method)
