"""Root conftest: the spec's machinery lives in the ``harness`` package."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, List

import pytest

pytest_plugins = ["harness.plugin", "harness.axes", "harness.loops", "harness.servers"]


class NeedsPython311(pytest.File):
    """A spec file written with syntax of Python 3.11 (``except*``), on an older interpreter: it is not
    parsed, even when named on the command line. Its claims declare ``python>=3.11`` and are reported
    as not applicable."""

    def collect(self) -> List[Any]:
        return []


def pytest_pycollect_makemodule(module_path: Path, parent: pytest.Collector) -> pytest.File | None:
    if sys.version_info < (3, 11) and module_path.name.endswith("_py311.py"):
        return NeedsPython311.from_parent(parent, path=module_path)
    return None
