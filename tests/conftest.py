"""The project's own tests: most start a fresh interpreter (the command line, the spec on a mutant), which
on a loaded machine takes seconds, not the spec's 10 s per test (pyproject.toml); each such test's own
subprocess timeout bounds it. A test that sets its own timeout keeps it."""

from pathlib import Path

import pytest

TESTS_TIMEOUT = 120  # seconds
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(item.path).resolve().parents and item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(TESTS_TIMEOUT))
