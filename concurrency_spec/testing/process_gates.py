"""Gates for work in pool processes, made of files (test instruments, not part of the contract).

``gated_sum_of_squares(n, start, started)`` waits until the file ``start`` exists, then creates the
file ``started``, then computes. A test sees the work begin, and decides when it may go on. File
names are plain strings: any executor sends them to its workers under any start method, so the
instrument does not tie the executor to one multiprocessing implementation. This module is small,
so that spawned workers import little.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from pathlib import Path
from typing import Any, Optional, Tuple, Union

from concurrency_spec.testing.waits import TIMEOUT

POLL = 0.001

PathLike = Union[str, "os.PathLike[str]"]


def wait_for_file(path: PathLike, timeout: float = TIMEOUT) -> bool:
    """True once ``path`` exists; False if ``timeout`` passes first."""
    deadline = time.monotonic() + timeout
    while not os.path.exists(path):
        if time.monotonic() > deadline:
            return False
        time.sleep(POLL)
    return True


def files_made(folder: Path, count: int, timeout: float = TIMEOUT) -> bool:
    """True once ``count`` files exist in ``folder``; False if ``timeout`` passes first."""
    deadline = time.monotonic() + timeout
    while len(list(folder.iterdir())) < count:
        if time.monotonic() > deadline:
            return False
        time.sleep(POLL)
    return True


def touch(path: PathLike) -> None:
    Path(path).touch()


def held_getpid(started: str, start: str, timeout: float = TIMEOUT) -> int:
    """Make the file ``started``, wait for the file ``start`` (at most ``timeout`` seconds), then
    return this process's pid. A test waiting for several of these to start gives them a ``timeout``
    longer than its own wait, so that none gives up and frees its worker meanwhile."""
    touch(started)
    if not wait_for_file(start, timeout):
        raise TimeoutError(f"the start gate {start} was never opened")
    return os.getpid()


def gated_square(x: int, start: Optional[str] = None) -> int:
    """The document's ``square(x)``, once the file ``start`` exists."""
    if start is not None and not wait_for_file(start):
        raise TimeoutError(f"the start gate {start} was never opened")
    return x**2


class HeldTasks:
    """The arguments of ``count`` calls of :func:`held_getpid` (``args``): each makes its own file in
    ``folder/started`` and then waits, at most ``timeout`` seconds, for the file ``folder/go``, which
    leaving the ``with`` block makes. ``started(n, wait)`` tells whether ``n`` of them began within
    ``wait`` seconds."""

    def __init__(self, folder: Path, count: int, timeout: float) -> None:
        self._started, self._go = folder / "started", folder / "go"
        self._started.mkdir()
        self.args = [(str(self._started / str(n)), str(self._go), timeout) for n in range(count)]

    def started(self, count: int, wait: float) -> bool:
        return files_made(self._started, count, wait)

    @property
    def count_started(self) -> int:
        return len(list(self._started.iterdir()))

    def __enter__(self) -> HeldTasks:
        return self

    def __exit__(self, *exc_info: object) -> None:
        touch(self._go)


def squares_meeting_midway(job: Tuple[int, object]) -> Tuple[int, int]:
    """(sum of i * i for i below n, this process's pid) for ``job = (n, barrier)``: the barrier is
    waited for halfway through the sum, where every other call of the same barrier meets this one."""
    n, barrier = job
    half = n // 2
    total = sum(i * i for i in range(half))
    barrier.wait()  # type: ignore[attr-defined]
    return total + sum(i * i for i in range(half, n)), os.getpid()


def squares_meeting_in_folder(job: Tuple[int, str, int]) -> Tuple[int, int]:
    """(sum of i * i for i below n, this process's pid) for ``job = (n, folder, count)``: halfway through
    the sum, make a file in ``folder`` and wait until ``count`` calls have made theirs."""
    n, folder, count = job
    half = n // 2
    total = sum(i * i for i in range(half))
    touch(os.path.join(folder, str(os.getpid())))
    deadline = time.monotonic() + TIMEOUT
    while len(os.listdir(folder)) < count:
        if time.monotonic() > deadline:
            raise TimeoutError(f"only {len(os.listdir(folder))} of {count} calls met in {folder}")
        time.sleep(POLL)
    return total + sum(i * i for i in range(half, n)), os.getpid()


def gated_sum_of_squares(
    n: int, start: Optional[str] = None, started: Optional[str] = None
) -> Tuple[int, int]:
    """CPU work: (this process's pid, sum of i * i for i below ``n``), after the file ``start`` exists
    and once the file ``started`` is made."""
    if start is not None and not wait_for_file(start):
        raise TimeoutError(f"the start gate {start} was never opened")
    if started is not None:
        touch(started)
    return os.getpid(), sum(i * i for i in range(n))


class CountedBarrier:
    """A barrier of a multiprocessing context that also counts, in shared memory, the waits on it: a
    test sees that every worker reached it, not only that the run finished. Pass it to a process or a
    pool when they are made (like the barrier it wraps, it travels by inheritance)."""

    def __init__(self, context: object, parties: int, timeout: float = TIMEOUT) -> None:
        self.barrier = context.Barrier(parties, timeout=timeout)  # type: ignore[attr-defined]
        self.arrivals = context.Value("i", 0)  # type: ignore[attr-defined]

    def wait(self) -> int:
        with self.arrivals.get_lock():
            self.arrivals.value += 1
        return int(self.barrier.wait())


#: Set by a test in its own process; a child process sees it only if it is a copy of that process.
parent_state = {"mark": ""}


class MeetsBetweenReadAndWrite:
    """Stands for a shared ``Value`` and forces a switch inside ``counter.value += 1``: reading
    ``.value`` reads the Value, then waits at ``barrier`` until every process sharing it has read too;
    writing ``.value`` writes the Value. ``get_lock()`` is the Value's own lock (a process holding it
    keeps the others from reading, so the barrier breaks after its timeout and the reads go on)."""

    def __init__(self, shared: Any, barrier: Any) -> None:
        self._shared, self._barrier = shared, barrier

    @property
    def value(self) -> Any:
        read = self._shared.value
        with contextlib.suppress(threading.BrokenBarrierError):  # another process held the lock
            self._barrier.wait()
        return read

    @value.setter
    def value(self, new: Any) -> None:
        self._shared.value = new

    def get_lock(self) -> Any:
        return self._shared.get_lock()


def seen_mark(_: object = None) -> str:
    """``parent_state["mark"]`` as this process sees it: a forked child inherits what its parent set at
    run time; a fresh interpreter (spawn, forkserver) imports this module again and sees ""."""
    return parent_state["mark"]
