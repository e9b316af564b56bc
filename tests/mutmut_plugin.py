"""The pytest plugin of ``dev.py mutate`` (mutmut 3, ``-p mutmut_plugin``): what the spec needs from it.

1. mutmut runs each mutant's tests in a process forked from its fork server, which has its own
   SIGTERM and SIGCHLD handlers. Inherited, the SIGTERM one does harm: a pool worker that a test
   terminates (``with Pool() as pool:`` under fork) runs it, and it SIGKILLs every mutant run in
   flight, this one and the other worker's; mutmut counts them as killed ("segfault"). Each run puts
   the default handlers back.

2. For each mutant, mutmut runs the tests that called its function in a first run of the suite (the
   stats phase, ``MUTANT_UNDER_TEST=stats``); a trampoline records the call in the memory of the
   process that made it. A worker that ``multiprocessing`` runs (``square``, ``process_worker``,
   ``_count_chunk``...) calls it in a child process, which exits with the record: mutmut would find
   no test for it ("no tests"). In the stats phase, every child process appends the functions it
   calls to a file of its own (forked children through ``os.register_at_fork``; fresh interpreters,
   children of spawn and forkserver or scripts a test runs, through a ``sitecustomize`` first on
   their ``PYTHONPATH``, which also loads mutmut's configuration, read from ``./pyproject.toml``, from
   ``mutants/``), and the test that started the child gets them when its report is made.

3. Tests of a module that share one of its fixtures may share one run of a program, which the fixture
   caches (the §2.4 program run, the primes below a million of §8.2): only the test that happened to
   run first called the reference. Each such group of tests is selected together.

4. The plugin's verdict code (``concurrency_spec.outcomes`` and the part of its ``core`` that pragmas
   leave to mutation) runs in every spec test, as the plugin records each phase's outcome, but no spec
   test passes or fails by it: its mutants run with their self-tests only (tests/test_outcomes.py),
   not with the whole spec.

5. A mutant's tests run the self-tests first: they take a fraction of a second, and when one fails
   (mutmut runs pytest with ``-x``) the spec tests of the mutant need not run.

The module imports neither pytest nor mutmut at the top: ``sitecustomize`` imports it in every child.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
from typing import Any, Dict, List, Set, Tuple

ENV = "MUTMUT_CHILD_STATS_DIR"
SITECUSTOMIZE = """import sys
sys.path.insert(0, {here!r})
import mutmut_plugin
sys.path.pop(0)
mutmut_plugin.record_in_child({here!r})
"""


def _stats_phase() -> bool:
    return os.environ.get("MUTANT_UNDER_TEST") == "stats"


class _Recorder(set):  # type: ignore[type-arg]
    """``state()._stats`` in a child process: each name recorded is also appended to the child's file."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def add(self, name: Any) -> None:
        if name not in self:
            super().add(name)
            with open(self.path, "a", encoding="utf-8") as f:
                f.write(f"{name}\n")


def record_in_child(mutants_dir: str = "") -> None:
    directory = os.environ.get(ENV)
    if not directory or not _stats_phase():
        return
    from mutmut.configuration import config
    from mutmut.state import state

    if mutants_dir:  # a fresh interpreter, maybe in another directory
        cwd = os.getcwd()
        os.chdir(mutants_dir)
        try:
            config()
        finally:
            os.chdir(cwd)
        os.register_at_fork(after_in_child=record_in_child)  # (a forked child inherits it)
    state()._stats = _Recorder(os.path.join(directory, f"{os.getpid()}.calls"))


def pytest_configure(config: Any) -> None:
    for signum in (signal.SIGTERM, signal.SIGCHLD):
        signal.signal(signum, signal.SIG_DFL)
    if not _stats_phase() or os.environ.get(ENV):
        return
    directory = tempfile.mkdtemp(prefix="mutmut-children-")
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(directory, "sitecustomize.py"), "w", encoding="utf-8") as f:
        f.write(SITECUSTOMIZE.format(here=here))
    os.environ[ENV] = directory
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (directory, os.environ.get("PYTHONPATH")) if p)
    sys.path.append(directory)  # for a test that runs a script with PYTHONPATH set to its own sys.path
    os.register_at_fork(after_in_child=record_in_child)


def pytest_runtest_makereport(item: Any, call: Any) -> None:
    directory = os.environ.get(ENV)
    if not directory or not _stats_phase():
        return
    from mutmut.state import state

    for name in os.listdir(directory):
        if name.endswith(".calls"):
            path = os.path.join(directory, name)
            with open(path, encoding="utf-8") as f:
                state()._stats.update(line.strip() for line in f if line.strip())
            os.unlink(path)


_module_fixtures: Dict[str, Set[str]] = {}  # test id -> the fixtures defined in its own module
SELF_TESTED_ONLY = (  # functions whose mutants run with no spec test
    "concurrency_spec.outcomes.",
    "concurrency_spec.pytest_plugin.core.",
)
SPEC = "spec/"


def pytest_collection_modifyitems(session: Any, config: Any, items: List[Any]) -> None:
    items.sort(key=lambda item: item.nodeid.startswith(SPEC))  # the self-tests first (stable: in order)
    if not _stats_phase():
        return
    for item in items:
        module = item.nodeid.split("::")[0]
        info = getattr(item, "_fixtureinfo", None)
        definitions = info.name2fixturedefs.items() if info is not None else ()
        own = {name for name, defs in definitions if defs and defs[-1].baseid == module}
        _module_fixtures[item.nodeid] = own


def pytest_sessionfinish(session: Any, exitstatus: Any) -> None:
    if not _stats_phase() or not _module_fixtures:
        return
    from mutmut.state import state

    sharing: Dict[Tuple[str, str], Set[str]] = {}
    for test, fixtures in _module_fixtures.items():
        for fixture in fixtures:
            sharing.setdefault((test.split("::")[0], fixture), set()).add(test)
    for name, tests in state().tests_by_mangled_function_name.items():
        for test in list(tests):
            for fixture in _module_fixtures.get(test, ()):
                tests |= sharing[(test.split("::")[0], fixture)]
        if name.startswith(SELF_TESTED_ONLY):
            tests -= {test for test in tests if test.startswith(SPEC)}


def pytest_unconfigure(config: Any) -> None:
    directory = os.environ.get(ENV)
    if directory and _stats_phase():
        import shutil

        shutil.rmtree(directory, ignore_errors=True)
