"""The package concurrency_spec.testing proves itself: its one name of its own, ``not_applicable``, is the
plugin's (imported when first used, so that a worker process importing an instrument does not import
pytest), and any other name is an AttributeError that says which."""

import pytest

from concurrency_spec import testing
from concurrency_spec.pytest_plugin.core import not_applicable


def test_not_applicable_is_the_plugins():
    assert testing.not_applicable is not_applicable


def test_a_name_the_package_does_not_have_is_an_attribute_error_naming_it():
    said = "^module 'concurrency_spec.testing' has no attribute 'nothing'$"
    with pytest.raises(AttributeError, match=said):
        testing.nothing  # noqa: B018
