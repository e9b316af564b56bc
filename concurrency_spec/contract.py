"""The contract an implementation fulfils, written down: every name the spec reaches through ``impl``.

An implementation is a class (usually a subclass of ``concurrency_spec.reference.Reference``) with:

- **primitives**, grouped the way the document imports them: ``threading`` (Thread, Lock), ``queue``
  (Queue), ``multiprocessing`` (get_context), ``futures`` (the executors, as_completed), ``asyncio``,
  ``aiohttp``, ``aiofiles``; each group is a namespace (``impl.asyncio.Semaphore(10)``);
- **programs**: the document's examples as methods whose first parameter is the implementation
  (``impl.locked_counter(...)``), built on its own primitives;
- **workers**: functions the programs and tests hand to threads and processes (``impl.square``).

For every name, the contract gives how the suite calls it, what it must do, and the claims whose tests
reach it: *directly* (the test itself calls it) or *through a program* (a program the test calls uses
it). Both are computed from the code: the tests in ``spec/`` and the programs in ``reference/``.
``concurrency-spec contract`` prints the contract (``--markdown`` writes the page CONTRACT.md);
``concurrency-spec contract --impl NAME`` lists what NAME lacks or has of the wrong kind.

Test instruments (gates, counters, the loopback server) are not part of the contract.
"""

from __future__ import annotations

import ast
import functools
import inspect
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Set, Tuple

from concurrency_spec import spec_dir
from concurrency_spec.claims import load_catalogue, section_key

CHANGES = {
    "2.0": "Primitives grouped as the document imports them (impl.threading.Lock, impl.queue.Queue, "
    "impl.multiprocessing.get_context, impl.futures.ProcessPoolExecutor, impl.aiohttp.ClientSession, "
    "impl.aiofiles.open); an implementation is a class whose programs take the implementation first and are "
    "built on its own primitives; ProcessPoolExecutor takes start_method= (the suite never passes "
    "mp_context); the test instruments install_gates and gated_sum_of_squares left the contract; new "
    "programs fetch_all_limited (§5.7) and producer_consumer (§5.8).",
    "1.0": "The reference's per-section names, flat (impl.Lock, impl.get_context, impl.asyncio.*).",
}

# How the suite calls each primitive, and what the document (or its claims) require of it.
PRIMITIVES: Dict[str, Tuple[str, str]] = {
    "threading.Thread": (
        "Thread(target=fn, args=(...), daemon=...); .start(), .join(timeout), .is_alive(), .name, "
        ".native_id; subclassed by MyThread",
        "runs target(*args) in a new thread once start() is called; join() returns only after it has "
        "finished",
    ),
    "threading.Lock": (
        "Lock(), then with lock:",
        "admits one holder at a time: a second with lock: waits until the first has left",
    ),
    "queue.Queue": (
        "Queue(); .put(item), .get(), .task_done(), .join()",
        "a thread-safe FIFO queue: get() waits for an item; join() returns once task_done() was called "
        "for every item put",
    ),
    "multiprocessing.get_context": (
        "get_context(start_method) -> a context with Process(target, args), Pool(processes, initializer, "
        "initargs), Queue(), Value(typecode, value, lock=...), Array(typecode, init); the tests' instruments "
        "also use its Event(), Barrier(n), Pipe(), Manager(), RLock()",
        "objects for child processes started with that method (fork, spawn, forkserver): Process runs its "
        "target in a child process, Pool.map keeps input order, Queue carries items between processes, "
        "Value and Array are shared memory",
    ),
    "futures.ThreadPoolExecutor": (
        "ThreadPoolExecutor(max_workers=4) as a context manager; .submit(fn, *args) -> Future, "
        ".map(fn, *iterables)",
        "runs tasks in at most max_workers threads; map yields results in input order",
    ),
    "futures.ProcessPoolExecutor": (
        "ProcessPoolExecutor(max_workers=4, start_method=None) as a context manager, or given to "
        "loop.run_in_executor; .submit(fn, *args), .map(fn, *iterables), .shutdown(wait=True)",
        "runs tasks in at most max_workers worker processes started with that start method (the "
        "platform's default when None)",
    ),
    "futures.as_completed": (
        "as_completed(futures) -> an iterator of the same futures",
        "yields each future as soon as it completes, in the order they complete",
    ),
    "asyncio.run": (
        "run(coroutine), run(coroutine, loop_factory=...) from Python 3.12",
        "runs the coroutine to its end in a new event loop, returns its result and closes the loop",
    ),
    "asyncio.sleep": (
        "await sleep(delay)",
        "pauses the calling coroutine for delay seconds; other tasks run",
    ),
    "asyncio.gather": (
        "await gather(*awaitables, return_exceptions=False)",
        "runs the awaitables concurrently; returns their results in argument order",
    ),
    "asyncio.create_task": (
        "create_task(coroutine) -> a task",
        "schedules the coroutine at once: it starts at the next loop iteration, awaited or not",
    ),
    "asyncio.wait": (
        "await wait(tasks, return_when=FIRST_COMPLETED) -> (done, pending)",
        "returns when the first task finishes, that task in done and the others in pending",
    ),
    "asyncio.FIRST_COMPLETED": ("return_when=FIRST_COMPLETED", "the constant asyncio.wait understands"),
    "asyncio.CancelledError": ("except CancelledError", "what a cancelled task raises at its await"),
    "asyncio.Semaphore": (
        "Semaphore(n), then async with sem:; sem.release()",
        "at most n holders at once; release() without a matching acquire raises the value (no error)",
    ),
    "asyncio.BoundedSemaphore": (
        "BoundedSemaphore(n), then async with sem:; sem.release()",
        "bounds holders like Semaphore; a release beyond its initial value raises ValueError",
    ),
    "asyncio.Queue": (
        "Queue(maxsize=n); await .put(item), await .get(), .task_done(), await .join()",
        "a FIFO queue for tasks: put waits while maxsize items are queued; join returns once every item "
        "put is marked done",
    ),
    "asyncio.PriorityQueue": (
        "PriorityQueue(); await .put((priority, item)), await .get(), .empty()",
        "get() hands out the smallest priority first",
    ),
    "asyncio.TaskGroup": (
        "async with TaskGroup() as tg: tg.create_task(coroutine) -> a task (Python 3.11+)",
        "the block exits only after all its tasks are done; when one fails, the others are cancelled and "
        "an ExceptionGroup is raised",
    ),
    "aiohttp.ClientSession": (
        "async with ClientSession(connector=...) as session: async with session.get(url) as response: "
        "await response.text()",
        "an HTTP client session",
    ),
    "aiohttp.TCPConnector": ("TCPConnector(limit=0)", "a connector without a cap on connections"),
    "aiofiles.open": (
        "async with open(path, mode) as f: await f.read() / await f.write(text)",
        "file I/O that leaves the event loop running while the operating system blocks",
    ),
}
NAMESPACES = ("threading", "queue", "multiprocessing", "futures", "asyncio", "aiohttp", "aiofiles")
NOT_NAMES = {"CONTRACT_VERSION", "DEVIATIONS"}
FIXTURES_USING = {"mp_context": ["multiprocessing.get_context"]}  # plugin fixtures that reach impl


def kind_of(value: Any) -> str:
    if inspect.isclass(value):
        return "class"
    if inspect.iscoroutinefunction(value):
        return "coroutine function"
    if inspect.isasyncgenfunction(value):
        return "async generator function"
    if callable(value):
        return "callable"
    if hasattr(value, "replace") and hasattr(value, "__dict__"):
        return "namespace"
    return "value"


def _compatible(expected: str, actual: str) -> bool:
    # A class can stand where a callable factory is expected, and the reverse (Lock is a factory);
    # a coroutine function can stand for a callable that returns an awaitable (gather).
    callables = {"class", "callable", "coroutine function"}
    return expected == actual or (expected in callables and actual in callables)


@dataclass
class Entry:
    """One name of the contract."""

    name: str  # "asyncio.Semaphore", "locked_counter"
    role: str  # primitive, program, worker
    kind: str
    called_as: str
    must: str
    section: str = ""
    direct: Set[str] = field(default_factory=set)  # claims whose tests call it themselves
    through: Set[str] = field(default_factory=set)  # claims whose tests call a program that uses it


def _reference() -> Any:
    from concurrency_spec.reference import Reference

    return Reference


def contract() -> List[Entry]:
    """Every name of the contract, with the claims that reach it (primitives first, then by section)."""
    return list(_contract())


@functools.lru_cache(maxsize=1)
def _contract() -> Tuple[Entry, ...]:
    reference = _reference()
    entries: Dict[str, Entry] = {}
    for namespace in NAMESPACES:
        for member, value in getattr(reference, namespace).members().items():
            name = f"{namespace}.{member}"
            called_as, must = PRIMITIVES.get(name, ("", ""))
            entries[name] = Entry(name, "primitive", kind_of(value), called_as, must)
    for name, value in vars(reference).items():
        if name.startswith("_") or name in NOT_NAMES or name in NAMESPACES:
            continue
        entries[name] = _program_entry(name, value)
    _add_claims(entries)
    order = {role: i for i, role in enumerate(("primitive", "program", "worker"))}
    return tuple(sorted(entries.values(), key=lambda e: order[e.role]))  # stable: the reference's own order


def _program_entry(name: str, value: Any) -> Entry:
    """A program or worker of the reference, as it declares itself (``a_program(section, ...)`` or
    ``a_worker(section, ...)`` in ``reference/implementation.py``)."""
    function = value.__func__ if isinstance(value, staticmethod) else value
    role = getattr(function, "contract_role", None)
    if role is None:
        raise TypeError(f"Reference.{name} is declared neither a program nor a worker")
    worker = role.kind == "worker"
    doc = (inspect.getdoc(function) or "").strip()
    first = " ".join(doc.split("\n\n")[0].split())
    must = re.sub(r"^§[\d.]+(?:'s ``[^`]*``)?(?: [^:]{0,40})?: ", "", first)
    signature = inspect.signature(function)
    parameters = list(signature.parameters.values())[0 if worker else 1 :]
    called = f"{'await ' if inspect.iscoroutinefunction(function) else ''}{name}({_parameters(parameters)})"
    return Entry(name, role.kind, kind_of(function), called, must, role.section)


def _parameters(parameters: Iterable[inspect.Parameter]) -> str:
    shown = []
    for parameter in parameters:
        text = parameter.name
        if parameter.kind is parameter.VAR_POSITIONAL:
            text = "*" + text
        elif parameter.default is not parameter.empty:
            text += "=" + (
                parameter.default.__name__ if callable(parameter.default) else repr(parameter.default)
            )
        shown.append(text)
    return ", ".join(shown)


# --------------------------------------------------------------------- which claims reach which name


def _impl_names(tree: ast.AST, known: Set[str]) -> Set[str]:
    """The contract names reached as ``impl.<name>`` or ``impl.<namespace>.<member>`` inside ``tree``."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "impl":
            found.add(node.attr)
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Attribute)
            and isinstance(node.value.value, ast.Name)
            and node.value.value.id == "impl"
        ):
            found.add(f"{node.value.attr}.{node.attr}")
            found.discard(node.value.attr)
    return {name for name in found if name in known}


def _claims_of(function: ast.AST) -> List[str]:
    claims: List[str] = []
    for decorator in getattr(function, "decorator_list", []):
        if isinstance(decorator, ast.Call) and ast.unparse(decorator.func).endswith("mark.claim"):
            claims.extend(str(arg.value) for arg in decorator.args if isinstance(arg, ast.Constant))
    return claims


def _spec_usage(known: Set[str]) -> Dict[str, Set[str]]:
    """{claim id: contract names its tests reach directly}, from the AST of every spec file."""
    usage: Dict[str, Set[str]] = {}
    for path in sorted(spec_dir().glob("test_*.py")):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except SyntaxError:  # a 3.11-only file on an older Python
            continue
        functions: Dict[str, ast.AST] = {
            node.name: node
            for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        }
        for function in functions.values():
            claims = _claims_of(function)
            if not claims:
                continue
            names = _reached(function, functions, known)
            for claim in claims:
                usage.setdefault(claim, set()).update(names)
    return usage


def _reached(function: ast.AST, functions: Dict[str, ast.AST], known: Set[str]) -> Set[str]:
    """Names reached by a test, through the module's helpers and fixtures it calls or takes."""
    names: Set[str] = set()
    seen: Set[str] = set()
    todo = [function]
    while todo:
        node = todo.pop()
        names |= _impl_names(node, known)
        called = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            called |= {arg.arg for arg in node.args.args}
        for fixture, reached in FIXTURES_USING.items():
            if fixture in called:
                names.update(reached)
        for name in called & set(functions) - seen:
            seen.add(name)
            todo.append(functions[name])
    return names


def _program_usage(known: Set[str]) -> Dict[str, Set[str]]:
    """{program name: contract names its code reaches through impl}, from the reference's source."""
    reference = _reference()
    usage: Dict[str, Set[str]] = {}
    for name, value in vars(reference).items():
        function = value.__func__ if isinstance(value, staticmethod) else value
        if not inspect.isfunction(function):
            continue
        module = inspect.getmodule(function)
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
        reached = _impl_names(tree, known)
        if module is not None:  # helper classes the factory builds (MyThread, AsyncResource...)
            for other in ast.walk(tree):
                if isinstance(other, ast.Call) and isinstance(other.func, ast.Name):
                    helper = getattr(module, other.func.id, None)
                    if inspect.isfunction(helper) or inspect.isclass(helper):
                        reached |= _impl_names(ast.parse(textwrap.dedent(inspect.getsource(helper))), known)
        usage[name] = reached - {name}
    # a program that calls another program reaches what that one reaches
    changed = True
    while changed:
        changed = False
        for name, reached in usage.items():
            more = set().union(*(usage.get(other, set()) for other in reached)) - reached - {name}
            if more:
                reached |= more
                changed = True
    return usage


def _add_claims(entries: Dict[str, Entry]) -> None:
    known = set(entries)
    programs = _program_usage(known)
    for claim, names in _spec_usage(known).items():
        for name in names:
            entries[name].direct.add(claim)
            for used in programs.get(name, set()):
                if used not in names:
                    entries[used].through.add(claim)


# --------------------------------------------------------------------------------- checking an impl


def problems(name: str) -> List[str]:
    """What the implementation ``name`` lacks of the contract, or has of the wrong kind (empty: complete)."""
    from concurrency_spec.implementation import load

    implementation = load(name)
    found = []
    for entry in contract():
        value: Any = implementation
        try:
            for part in entry.name.split("."):
                value = getattr(value, part)
        except AttributeError:
            where = f" (§{entry.section.lstrip('§')})" if entry.section else ""
            found.append(f"missing {entry.name}{where}: the contract expects a {entry.kind}")
            continue
        actual = kind_of(value)
        if not _compatible(entry.kind, actual):
            found.append(f"{entry.name} is a {actual}, the contract expects a {entry.kind}")
    version = str(getattr(implementation, "CONTRACT_VERSION", ""))
    current = str(getattr(_reference(), "CONTRACT_VERSION", ""))
    if version != current:
        found.append(f"CONTRACT_VERSION is {version or 'missing'}, this suite's contract is {current}")
    return found


# ------------------------------------------------------------------------------------------- output


def _claim_list(claims: Set[str], catalogue: Dict[str, Any]) -> str:
    ordered = sorted(
        claims, key=lambda c: (section_key(catalogue[c].section) if c in catalogue else (99,), c)
    )
    return ", ".join(f"`{c}`" for c in ordered) or "—"


def markdown(entries: Optional[List[Entry]] = None) -> str:
    """The contract page, CONTRACT.md (generated: ``concurrency-spec contract --markdown CONTRACT.md``)."""
    entries = contract() if entries is None else entries
    catalogue = load_catalogue()
    version = _reference().CONTRACT_VERSION
    lines = [
        f"# The contract, version {version}",
        "",
        "<!-- Generated by `concurrency-spec contract --markdown CONTRACT.md`; a test fails when stale. -->",
        "",
        "An implementation is a class, named `Implementation` in its module (or `module:Class`); the",
        "simplest subclasses `concurrency_spec.reference.Reference` and replaces what it reimplements:",
        "",
        "```python",
        "from concurrency_spec.reference import Reference",
        "",
        "class Implementation(Reference):",
        "    asyncio = Reference.asyncio.replace(Semaphore=MySemaphore)",
        "```",
        "",
        "Every program reaches the primitives through the implementation, so a swapped primitive is the one",
        "every program uses. For each name, the claims whose tests reach it *directly* (the test calls it",
        "itself) and, for primitives, *through programs* (the test calls a program that uses it), both",
        "computed from the code. `concurrency-spec contract --impl NAME` checks an",
        "implementation against this page. Test instruments (gates, counters, the loopback server) are not",
        "part of the contract. An implementation also has `CONTRACT_VERSION` and may have `DEVIATIONS`",
        "(`{claim id: reason}`): claims it knowingly does not meet, run as strict expected failures.",
        "",
    ]
    titles = {
        "primitive": "Primitives",
        "program": "Programs (the document's examples)",
        "worker": "Workers (functions handed to threads and processes)",
    }
    for role, title in titles.items():
        lines += [f"## {title}", ""]
        for entry in (e for e in entries if e.role == role):
            head = f"### `{entry.name}`" + (f" ({entry.section})" if entry.section else "")
            lines += [
                head,
                "",
                f"- called as: `{entry.called_as}`" if entry.called_as else "- called as: —",
                f"- must: {entry.must or '—'}",
                f"- reached directly by the tests of: {_claim_list(entry.direct, catalogue)}",
            ]
            if entry.role == "primitive":
                lines.append(
                    f"- reached through programs by the tests of: "
                    f"{_claim_list(entry.through - entry.direct, catalogue)}"
                )
            lines.append("")
    lines += ["## Changes", ""]
    lines += [f"- **{number}**: {text}" for number, text in CHANGES.items()]
    return "\n".join(lines) + "\n"


def text(entries: Optional[List[Entry]] = None) -> str:
    """The contract for a terminal: one block per name."""
    entries = contract() if entries is None else entries
    lines = [f"contract {_reference().CONTRACT_VERSION}: {len(entries)} names"]
    for entry in entries:
        where = f" {entry.section}" if entry.section else ""
        lines.append(f"\n{entry.name}  ({entry.role}, {entry.kind}{where})")
        if entry.called_as:
            lines.append(f"  called as: {entry.called_as}")
        if entry.must:
            lines.append(f"  must: {entry.must}")
        direct = sorted(entry.direct)
        lines.append(
            f"  reached directly by the tests of {len(direct)} claim(s)"
            + (f": {', '.join(direct)}" if direct else "")
        )
        through = sorted(entry.through - entry.direct)
        if through and entry.role == "primitive":
            lines.append(f"  reached through programs by the tests of {len(through)} more")
    return "\n".join(lines) + "\n"


def page_path() -> Path:
    return spec_dir().parent / "CONTRACT.md"
