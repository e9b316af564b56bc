"""Finding and loading the implementation under test.

An implementation is named ``module`` or ``module:Class``. The module's ``Implementation`` class (or
the named class) is instantiated once; tests reach everything through that instance, wrapped so that
a name the implementation lacks fails with a sentence instead of an AttributeError deep in a test.
``reference`` is short for ``concurrency_spec.reference``.
"""

from __future__ import annotations

import copy
import importlib
import inspect
from typing import Any, Dict

ALIASES = {"reference": "concurrency_spec.reference"}
DEFAULT = "reference"


class ImplementationError(Exception):
    """The implementation cannot be loaded: a one-line reason, for the command line and for pytest."""


class MissingFromImplementation(AttributeError):
    """The implementation under test lacks a name of the contract."""


def load(name: str) -> Any:
    """The implementation object named ``module`` or ``module:Class`` (an instance of the class).

    Whatever goes wrong (the module does not import, raises while importing, has no such class, the
    class cannot be instantiated) is an ImplementationError with a one-line reason.
    """
    module_name, _, class_name = name.partition(":")
    module_name = ALIASES.get(module_name, module_name)
    if not module_name:
        raise ImplementationError("no implementation named: give a module, or module:Class")
    module = _import(name, module_name)
    class_name = class_name or "Implementation"
    found = getattr(module, class_name, None)
    if found is None:
        raise ImplementationError(
            f"module {module_name!r} has no class {class_name!r}: an implementation is a class, "
            "usually a subclass of concurrency_spec.reference.Reference (see `concurrency-spec contract`)"
        )
    if not inspect.isclass(found):
        if type(found).__module__ == "builtins":
            raise ImplementationError(
                f"{module_name}.{class_name} is {found!r} ({type(found).__name__}), not a class: an "
                "implementation is a class, usually a subclass of concurrency_spec.reference.Reference"
            )
        return found
    try:
        return found()
    except Exception as error:  # noqa: BLE001 - the implementation's own code: any failure is reported
        raise ImplementationError(f"{module_name}.{class_name}() raised {_one_line(error)}") from None


def _import(name: str, module_name: str) -> Any:
    try:
        return importlib.import_module(module_name)
    except ImportError as error:
        raise ImplementationError(f"cannot import the implementation {name!r}: {error}") from None
    except SyntaxError as error:
        where = f" ({error.filename}, line {error.lineno})" if error.filename else ""
        raise ImplementationError(
            f"cannot import the implementation {name!r}: SyntaxError: {error.msg}{where}"
        ) from None
    except BaseException as error:  # noqa: BLE001 - a module may raise anything, SystemExit included
        if isinstance(error, KeyboardInterrupt):
            raise
        raise ImplementationError(
            f"cannot import the implementation {name!r}: importing it raised {_one_line(error)}"
            f"{_where_raised(error)}"
        ) from None


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _where_raised(error: BaseException) -> str:
    """`` (at file:line)``: the innermost frame of the traceback, where the module raised."""
    frame = error.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    return f" (at {frame.tb_frame.f_code.co_filename}:{frame.tb_lineno})" if frame is not None else ""


class ImplementationUnderTest:
    """What spec tests see as ``impl``: the implementation, with readable errors for what it lacks."""

    def __init__(self, implementation: Any, name: str) -> None:
        self._implementation = implementation
        self.name = name

    @property
    def deviations(self) -> Dict[str, str]:
        return dict(getattr(self._implementation, "DEVIATIONS", {}) or {})

    @property
    def contract_version(self) -> str:
        return str(getattr(self._implementation, "CONTRACT_VERSION", ""))

    def __getattr__(self, attribute: str) -> Any:
        try:
            value = getattr(self._implementation, attribute)
        except AttributeError:
            raise MissingFromImplementation(
                f"the implementation under test ({self.name}) has no {attribute!r}, "
                f"which the contract requires (see `concurrency-spec contract`)"
            ) from None
        if value is None:
            raise MissingFromImplementation(
                f"the implementation under test ({self.name}) has {attribute} = None, where the contract "
                f"requires a {attribute!r} (see `concurrency-spec contract`)"
            )
        return _Checked(value, f"{attribute}", self.name) if _is_namespace(value) else value

    def with_primitives(self, group: str, **members: Any) -> ImplementationUnderTest:
        """The same implementation with members of one group of primitives swapped (``Lock=watched``),
        so that a test watches the implementation's own primitive as its programs use it."""
        swapped = getattr(self, group).replace(**members)
        derived = copy.copy(self._implementation)
        try:
            setattr(derived, group, swapped)
        except AttributeError:  # an implementation without instance attributes (slots)
            derived = type(type(derived).__name__, (type(derived),), {group: swapped})()
        return ImplementationUnderTest(derived, self.name)

    def __repr__(self) -> str:
        return f"<implementation under test: {self.name}>"


def _is_namespace(value: Any) -> bool:
    return hasattr(value, "replace") and not inspect.isclass(value) and not callable(value)


class _Checked:
    """A namespace of primitives (``impl.asyncio``) whose missing members fail with a sentence."""

    def __init__(self, namespace: Any, path: str, owner: str) -> None:
        self._namespace, self._path, self._owner = namespace, path, owner

    def __getattr__(self, attribute: str) -> Any:
        try:
            return getattr(self._namespace, attribute)
        except AttributeError:
            raise MissingFromImplementation(
                f"the implementation under test ({self._owner}) has no {self._path}.{attribute}, "
                f"which the contract requires (see `concurrency-spec contract`)"
            ) from None

    def __repr__(self) -> str:
        return f"<{self._owner}.{self._path}: {self._namespace!r}>"
