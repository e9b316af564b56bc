"""The multiprocessing start-method axis: it needs no code to select.

Tests that take the ``start_method`` fixture run once per start method the platform offers
(``test_x[fork]``, ``test_x[spawn]``, ``test_x[forkserver]``); ``--start-method`` narrows the axis.
The ``mp_context`` fixture is the implementation's context for that method,
``impl.multiprocessing.get_context(start_method)``; executors get the start method by name
(``impl.futures.ProcessPoolExecutor(..., start_method=start_method)``), never a context of another layer.
"""

from __future__ import annotations

import os
from typing import Any, List

import pytest

from concurrency_spec import options


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("concurrency spec").addoption(
        "--start-method",
        action="append",
        default=[],
        help="run multiprocessing claims under this start method only (repeatable; default: all offered, "
        "or $SPEC_START_METHODS)",
    )


def start_methods(config: pytest.Config) -> List[str]:
    wanted = config.getoption("--start-method") or os.environ.get("SPEC_START_METHODS", "").split(",")
    try:
        return options.start_methods(wanted)
    except options.UsageError as error:
        raise pytest.UsageError(str(error)) from None


def pytest_configure(config: pytest.Config) -> None:
    start_methods(config)  # a start method the platform lacks is a usage error before collection


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "start_method" in metafunc.fixturenames:
        metafunc.parametrize("start_method", start_methods(metafunc.config), scope="function")


@pytest.fixture
def mp_context(impl: Any, start_method: str) -> Any:
    """The implementation's multiprocessing context for this start method."""
    return impl.multiprocessing.get_context(start_method)
