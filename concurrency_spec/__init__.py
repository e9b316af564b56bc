"""concurrency-spec: an executable specification of Python concurrency.

The package holds the whole suite: ``concurrency_spec.spec`` (the claims and their tests),
``concurrency_spec.reference`` (the reference implementation), ``concurrency_spec.adapters`` (real
libraries mapped onto the contract), the pytest plugin that runs the spec
(``concurrency_spec.pytest_plugin``, loaded only on request) and the helpers its tests use
(``concurrency_spec.testing``). The project's own checks (``mutants/``, ``tests/``) stay in the
repository.

In a checkout, ``spec/`` and ``reference/`` sit at the repository root, beside this package, and the
project's installation in development mode (``pip install -e .``) maps ``reference/`` into it;
installed from a wheel, both sit inside it. Either way the reference imports as
``concurrency_spec.reference``.
"""

from __future__ import annotations

from pathlib import Path

__version__ = "0.2.0"

PACKAGE_DIR = Path(__file__).resolve().parent


def spec_dir() -> Path:
    """Where the spec's test files, claims and document are: inside the package where it is installed
    from a wheel, ``spec/`` beside it in a checkout. (pytest collects them by path: the spec is data
    to it, not a package to import.)"""
    inside = PACKAGE_DIR / "spec"
    return inside if inside.is_dir() else PACKAGE_DIR.parent / "spec"
