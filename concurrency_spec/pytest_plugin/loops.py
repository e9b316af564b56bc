"""The event-loop axis of asyncio claims, virtual time, and asyncio hygiene.

Every pytest-asyncio test of ``spec/`` runs once per event loop: ``test_x[asyncio]`` on asyncio's own
loop, ``test_x[uvloop]`` on uvloop's, and ``test_x[NAME]`` on any loop named on the command line.
``--loop`` (repeatable) or ``SPEC_LOOPS`` (comma-separated) selects the loops: a known name
(``asyncio``, ``uvloop``), or an importable loop factory, ``package.module:callable`` (the test id is
the callable's name) or ``NAME=package.module:callable``. The default is asyncio and uvloop. Where a
loop cannot run (uvloop on PyPy, a factory that does not import), its variants are reported *not
applicable* with the reason. A synchronous test that needs a loop itself takes the ``loop_factory``
fixture and gets the same axis.

How the axis reaches pytest-asyncio: from pytest-asyncio 1.4 on, through its
``pytest_asyncio_loop_factories`` hook; before 1.4 (the newest release for Python 3.9 is 1.2), by
parametrizing its ``event_loop_policy`` fixture (overriding that fixture is deprecated from 1.4 on,
so it is only done where the hook does not exist).

Virtual time: a test marked ``@pytest.mark.virtual_time`` runs on its loop patched by looptime
(``looptime.patch_event_loop``): the loop's clock is virtual and jumps straight to the next timer once
nothing else can run, so ``await asyncio.sleep(3)`` takes no real time and ``loop.time()``
differences are exact. looptime can patch only loops whose class derives from ``asyncio.BaseEventLoop``
(asyncio's own loops and their subclasses); on any other loop (uvloop's is a C extension type) the
virtual-time variant is reported not applicable with the reason, and the claim carries a second,
clock-free test (ordering and handshakes) that runs on every loop. looptime's own pytest plugin is
switched off: before Python 3.11 it cannot reach the loops of pytest-asyncio 1.x, and on 3.11+ it
would patch every asyncio loop (dormant); the suite uses looptime's library API instead, and only
where a test asks for it.

Hygiene: an asyncio test fails if it leaves a task pending, if the loop's exception handler was
called during the test (for example "Task was destroyed but it is pending!", "Unclosed client
session", "Task exception was never retrieved"), or if a ResourceWarning (unclosed loop, transport,
socket, file) or an un-awaited coroutine's RuntimeWarning surfaces while it runs.

Order: variants on loops other than asyncio's run after all other tests (see ``_run_order``): uvloop
starts libuv's thread pool, whose native threads stay, and every later fork() would fork a
multi-threaded process.
"""

from __future__ import annotations

import asyncio
import gc
import importlib
import importlib.util
import inspect
import os
import platform
from typing import Any, AsyncIterator, Callable, Dict, List, Optional, Tuple

import pytest
import pytest_asyncio

from concurrency_spec import options
from concurrency_spec.options import DEFAULT_LOOPS, KNOWN_LOOPS, import_factory, parse_loop
from concurrency_spec.outcomes import NOT_APPLICABLE_PREFIX
from concurrency_spec.pytest_plugin.core import is_spec_item
from concurrency_spec.pytest_plugin.deadlines import watch
from concurrency_spec.pytest_plugin.loop_defects import defects

VIRTUAL_TIME_END = 600.0  # virtual seconds: a test still waiting then fails (looptime.LoopTimeoutError)
HYGIENE_FIXTURE = "_asyncio_hygiene"
HYGIENE_WARNINGS = (
    "error::ResourceWarning",
    "error::RuntimeWarning",
    "error::pytest.PytestUnraisableExceptionWarning",
)
GC_GENERATIONS = (1,) if platform.python_implementation() == "CPython" else ()
SETTLE_ITERATIONS = 20  # loop iterations given to tasks that are finishing when a test ends


def _has_factory_hook() -> bool:
    specs = getattr(getattr(pytest_asyncio, "plugin", None), "PytestAsyncioSpecs", None)
    return hasattr(specs, "pytest_asyncio_loop_factories")


HAS_FACTORY_HOOK = _has_factory_hook()


_availability: Dict[Tuple[str, bool], Optional[str]] = {}


class LoopChoice:
    """One value of the loop axis: a named loop factory, and whether its clock is made virtual."""

    def __init__(self, name: str, target: str, virtual_time: bool = False) -> None:
        self.name = name
        self.target = target
        self.virtual_time = virtual_time

    def factory(self) -> Callable[[], asyncio.AbstractEventLoop]:
        return import_factory(self.target)

    def unavailable(self) -> Optional[str]:
        """Why this loop cannot run here (None when it can)."""
        key = (self.target, self.virtual_time)
        if key not in _availability:
            _availability[key] = self._check()
        return _availability[key]

    def _check(self) -> Optional[str]:
        try:
            factory = self.factory()
        except ImportError as error:
            reason = f"the {self.name} loop does not import here: {error}"
            if self.target.startswith("uvloop:") and platform.python_implementation() != "CPython":
                reason += f" (uvloop builds for CPython only; this is {platform.python_implementation()})"
            return reason
        except AttributeError as error:
            return f"the {self.name} loop factory {self.target} does not exist: {error}"
        if not self.virtual_time:
            return None
        if importlib.util.find_spec("looptime") is None:
            return "virtual time needs the looptime package, which is not installed here"
        loop = factory()
        try:
            if not isinstance(loop, asyncio.BaseEventLoop):
                return (
                    f"virtual time: looptime patches only loops derived from asyncio.BaseEventLoop, and "
                    f"the {self.name} loop is a {type(loop).__module__}.{type(loop).__qualname__}"
                )
        finally:
            loop.close()
        return None

    def __call__(self) -> asyncio.AbstractEventLoop:
        loop = self.factory()()
        return watch(_with_virtual_time(loop) if self.virtual_time else loop)

    def policy(self) -> asyncio.AbstractEventLoopPolicy:
        """An event loop policy whose new loops are this choice's (for pytest-asyncio < 1.4)."""
        choice = self

        class ChoicePolicy(asyncio.DefaultEventLoopPolicy):  # type: ignore[misc,valid-type]
            def new_event_loop(self) -> asyncio.AbstractEventLoop:
                if choice.target == KNOWN_LOOPS["asyncio"]:  # asyncio.new_event_loop would ask this policy
                    loop = super().new_event_loop()
                    return watch(_with_virtual_time(loop) if choice.virtual_time else loop)
                return choice()

        return ChoicePolicy()

    def __repr__(self) -> str:
        return self.name + (" (virtual time)" if self.virtual_time else "")


def _with_virtual_time(loop: asyncio.AbstractEventLoop) -> asyncio.AbstractEventLoop:
    """The loop, patched by looptime: its clock starts at 0 and jumps to the next timer when idle."""
    import looptime

    return looptime.patch_event_loop(loop, start=0.0, end=VIRTUAL_TIME_END)  # type: ignore[arg-type]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("concurrency spec").addoption(
        "--loop",
        action="append",
        default=[],
        metavar="LOOP",
        help="run asyncio claims on this event loop: asyncio, uvloop, module:callable (a loop factory) or "
        "NAME=module:callable (repeatable; default: asyncio and uvloop, or $SPEC_LOOPS)",
    )


def selected_loops(config: pytest.Config) -> List[Tuple[str, str]]:
    """The loops asked for, as (name, "module:callable"), in order."""
    if not hasattr(config, "_spec_loops"):
        wanted = config.getoption("--loop") or os.environ.get("SPEC_LOOPS", "").split(",")
        try:
            config._spec_loops = options.loops(wanted)  # type: ignore[attr-defined]
        except options.UsageError as error:
            raise pytest.UsageError(str(error)) from None
        config._spec_loop_names = [name for name, _ in config._spec_loops]  # type: ignore[attr-defined]
    return config._spec_loops  # type: ignore[attr-defined,no-any-return]


def pytest_configure(config: pytest.Config) -> None:
    selected_loops(config)  # a loop that cannot load is a usage error before collection
    config.addinivalue_line(
        "markers",
        "virtual_time: run on asyncio's loop with looptime's virtual clock (not applicable on uvloop)",
    )
    looptime_plugin = config.pluginmanager.get_plugin("looptime_plugin")
    if looptime_plugin is not None:
        config.pluginmanager.unregister(looptime_plugin)
    if not HAS_FACTORY_HOOK:
        _hand_out_a_loop_to_find()


# pytest-asyncio < 1.4 calls asyncio.get_event_loop() before each test; on Python 3.9 that makes a
# loop nobody closes, which the garbage collector later reports (ResourceWarning) inside whichever
# test happens to collect it. Setting one loop of ours beforehand, closed at the end, prevents it.
_found_loop: Optional[asyncio.AbstractEventLoop] = None


def _hand_out_a_loop_to_find() -> None:
    global _found_loop
    _found_loop = asyncio.new_event_loop()
    asyncio.set_event_loop(_found_loop)


def pytest_unconfigure(config: pytest.Config) -> None:
    global _found_loop
    if _found_loop is not None:
        asyncio.set_event_loop(None)
        _found_loop.close()
        _found_loop = None


def _choices(config: pytest.Config, definition: Any) -> List[LoopChoice]:
    """The default loops and the selected ones: unselected variants are deselected later, so that
    test ids always name their loop (pytest-asyncio hides the id of a lone factory)."""
    virtual = definition.get_closest_marker("virtual_time") is not None
    loops = dict(parse_loop(name) for name in DEFAULT_LOOPS)
    loops.update(selected_loops(config))
    return [LoopChoice(name, target, virtual) for name, target in loops.items()]


def _is_asyncio_test(metafunc: pytest.Metafunc) -> bool:
    return inspect.iscoroutinefunction(metafunc.function) and (
        metafunc.definition.get_closest_marker("asyncio") is not None
    )


@pytest.hookimpl(optionalhook=True)
def pytest_asyncio_loop_factories(config: pytest.Config, item: pytest.Item) -> Dict[str, Any]:
    if not is_spec_item(item):
        return {"asyncio": asyncio.new_event_loop}
    return {choice.name: choice for choice in _choices(config, item)}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "loop_factory" in metafunc.fixturenames:
        choices = _choices(metafunc.config, metafunc.definition)
        metafunc.parametrize("loop_factory", choices, ids=[c.name for c in choices])
    elif not HAS_FACTORY_HOOK and _is_asyncio_test(metafunc) and is_spec_item(metafunc.definition):
        choices = _choices(metafunc.config, metafunc.definition)
        metafunc.parametrize("event_loop_policy", choices, ids=[c.name for c in choices], indirect=True)


if not HAS_FACTORY_HOOK:

    @pytest.fixture(scope="session")
    def event_loop_policy(request: pytest.FixtureRequest) -> asyncio.AbstractEventLoopPolicy:
        """pytest-asyncio < 1.4: the policy whose loops the test runs on (its loop axis value)."""
        choice = getattr(request, "param", None)
        if isinstance(choice, LoopChoice):
            return choice.policy()
        return asyncio.get_event_loop_policy()


def loop_choice_of(item: pytest.Item) -> Optional[LoopChoice]:
    """The value of the loop axis this test runs with (None for a test off the axis)."""
    callspec = getattr(item, "callspec", None)
    if callspec is None:
        return None
    for value in callspec.params.values():
        if isinstance(value, LoopChoice):
            return value
    return None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: List[pytest.Item]
) -> None:
    wanted = [name for name, _ in selected_loops(config)]
    keep, dropped = [], []
    for item in items:
        choice = loop_choice_of(item)
        if choice is None:
            keep.append(item)
            continue
        if choice.name not in wanted:
            dropped.append(item)
            continue
        keep.append(item)
        reason = choice.unavailable()
        if reason:
            item.add_marker(pytest.mark.skip(reason=NOT_APPLICABLE_PREFIX + reason))
        for spec in HYGIENE_WARNINGS:
            item.add_marker(pytest.mark.filterwarnings(spec))
        if "loop_factory" not in getattr(item, "fixturenames", ()):  # a pytest-asyncio test
            _use_hygiene_fixture(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
    items[:] = sorted(keep, key=_run_order)


def _run_order(item: pytest.Item) -> int:
    """Variants on loops other than asyncio's run after every other test, those that fork() first among them.

    uvloop starts libuv's thread pool (native threads that stay) the first time it connects a
    socket; a fork() after that forks a multi-threaded process, which is unsafe (Python 3.12+ warns).
    Another loop may do the same. sorted() is stable: the order within each group stays.
    """
    choice = loop_choice_of(item)
    if choice is None or choice.target == KNOWN_LOOPS["asyncio"]:
        return 0
    params = getattr(getattr(item, "callspec", None), "params", {})
    return 1 if params.get("start_method") == "fork" else 2


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before the first test on a loop, find what the loop leaks on its own (``loop_defects``)."""
    choice = loop_choice_of(item)
    if choice is not None and choice.unavailable() is None:
        defects(item.config).probe(choice.name, choice.factory())


def _use_hygiene_fixture(item: pytest.Item) -> None:
    """Set the hygiene fixture up before the test's other async fixtures, so it is torn down after them."""
    names: List[str] = item.fixturenames  # type: ignore[attr-defined]
    if HYGIENE_FIXTURE in names:
        return
    autouse = [i for i, name in enumerate(names) if name.startswith("_no_leaked")]
    names.insert(autouse[-1] + 1 if autouse else 0, HYGIENE_FIXTURE)


@pytest_asyncio.fixture(loop_scope="function")
async def _asyncio_hygiene() -> AsyncIterator[None]:
    """Fail the test that leaves a task pending or makes the loop report an error."""
    loop = asyncio.get_running_loop()
    reported: List[str] = []

    def record(loop: asyncio.AbstractEventLoop, context: Dict[str, Any]) -> None:
        error = context.get("exception")
        reported.append(str(context.get("message", "")) + (f" ({error!r})" if error else ""))

    previous = loop.get_exception_handler()
    loop.set_exception_handler(record)
    try:
        yield
        pending = await _settled_tasks()
    finally:
        # Run the finalizers that report unclosed sessions, files and destroyed pending tasks. CPython
        # frees most objects at once by reference counting; collecting the young generations finds
        # the cycles a test just made (a full collection costs ~30 ms per test). PyPy only collects.
        gc.collect(*GC_GENERATIONS)
        loop.set_exception_handler(previous)
    problems = []
    if pending:
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        problems.append("tasks still pending: " + ", ".join(_describe(t) for t in pending))
    if reported:
        problems.append("the event loop reported: " + "; ".join(reported))
    if problems:
        pytest.fail("asyncio hygiene: " + " and ".join(problems), pytrace=False)


async def _settled_tasks() -> List[asyncio.Task[Any]]:
    """Tasks other than this one still pending after a few loop iterations."""
    me = asyncio.current_task()
    pending: List[asyncio.Task[Any]] = []
    for _ in range(SETTLE_ITERATIONS):
        pending = [t for t in asyncio.all_tasks() if t is not me and not t.done()]
        if not pending:
            break
        await asyncio.sleep(0)
    return pending


def _describe(task: asyncio.Task[Any]) -> str:
    coro = task.get_coro()
    name = getattr(coro, "__qualname__", repr(coro))
    return f"{task.get_name()} ({name})"
