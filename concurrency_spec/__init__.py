"""concurrency-spec: an executable specification of Python concurrency.

The package holds the whole suite: ``concurrency_spec.spec`` (the claims and their tests),
``concurrency_spec.reference`` (the reference implementation), ``concurrency_spec.adapters`` (real
libraries mapped onto the contract), the pytest plugin that runs the spec
(``concurrency_spec.pytest_plugin``, loaded only on request) and the helpers its tests use
(``concurrency_spec.testing``). The project's own checks (``mutants/``, ``tests/``) stay in the
repository.

In a checkout, ``spec/`` and ``reference/`` sit at the repository root, beside this package; installed,
they sit inside it. Either way they import as ``concurrency_spec.spec`` and ``concurrency_spec.reference``.
"""

from __future__ import annotations

from pathlib import Path

__version__ = "0.2.0"

_HERE = Path(__file__).resolve().parent
_CHECKOUT = _HERE.parent
if not (_HERE / "reference").is_dir() and (_CHECKOUT / "reference" / "__init__.py").is_file():
    __path__.append(str(_CHECKOUT))  # noqa: F821 - a package's own __path__ (a checkout, not installed)

PACKAGE_DIR = _HERE


def spec_dir() -> Path:
    """Where the spec's test files and claims are (``spec/`` of a checkout, or inside the package)."""
    inside = _HERE / "spec"
    return inside if inside.is_dir() else _CHECKOUT / "spec"
