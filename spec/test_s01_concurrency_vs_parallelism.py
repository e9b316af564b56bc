"""§1 并发 vs 并行 (concurrency vs parallelism).

§1.1 概念区分: concurrency handles several tasks by taking turns (交替执行); parallelism runs them at
the same instant (真正同时) on several cores.

§1.2 Python 并发方式 (the table)::

    方式              并行   适用场景      GIL 影响
    threading         否     I/O 密集型    受限 (limited)
    multiprocessing   是     CPU 密集型    绕过 (bypassed)
    asyncio           否     I/O 密集型    受限 (limited)

§1.3 GIL 与 I/O 密集型任务: "I/O 操作时 GIL 被释放, 其他线程可以执行" (the GIL is released during I/O,
so other threads can run).

Parallelism is visible only in time: work that uses more CPU time than the wall time it takes must
have run on several cores at once. Those claims are measured with one-sided, generous bounds on the
CPU time the workers themselves report; everything else is proven with gates and counters of work in
flight, never with sleeps.
"""

import asyncio
import os
import socket
import threading
import time

import pytest

from concurrency_spec.testing.background import Background
from concurrency_spec.testing.counters import InFlight
from concurrency_spec.testing import not_applicable

TIMEOUT = 2.0  # only a broken implementation ever waits this long
CPU_SECONDS = 0.08  # CPU time each worker burns in the CPU-bound claims


def cpu_over_wall(reports):
    """Total CPU time of the workers divided by the wall time from the first start to the last end."""
    wall = max(r.ended for r in reports) - min(r.started for r in reports)
    return sum(r.cpu_seconds for r in reports) / wall


def require_a_core_each(reports):
    """Parallelism shows only if each worker had a core to itself; on a busy machine it cannot show.

    The workers leave a barrier together, so one that starts its work late was waiting for a core."""
    shares = [r.cpu_seconds / (r.ended - r.started) for r in reports]
    if min(shares) < 0.8:
        not_applicable(
            "the cores are busy with other work: the workers got only "
            + ", ".join(f"{share:.0%}" for share in shares) + " of a core while they ran"
        )
    late = max(r.started for r in reports) - min(r.started for r in reports)
    if late > 0.2 * min(r.ended - r.started for r in reports):
        not_applicable(f"the cores are busy with other work: a worker started {late * 1000:.0f} ms late")


# §1.1 概念区分 ---------------------------------------------------------------------------------------


@pytest.mark.claim("concurrency.interleaving")
def test_concurrent_tasks_all_start_before_any_finishes(impl):
    names, steps = ["A", "B", "C"], 3
    log = impl.interleaved_tasks(names, steps)

    assert sorted((name, step) for name, step, _ in log) == [(n, s) for n in names for s in range(steps)]
    order = [(name, step) for name, step, _ in log]
    last_first_step = max(order.index((name, 0)) for name in names)
    first_last_step = min(order.index((name, steps - 1)) for name in names)
    # Task B: ──────►  starts while Task A: ──────► is still running (交替执行), not after it.
    assert last_first_step < first_last_step, order


@pytest.mark.claim("concurrency.parallelism", "concurrency.table.multiprocessing-cpu-parallel")
@pytest.mark.performance
def test_processes_run_cpu_bound_work_at_the_same_instant(impl):
    reports = impl.cpu_bound_in_processes(2, CPU_SECONDS)

    assert len(reports) == 2
    assert len({r.pid for r in reports}) == 2 and os.getpid() not in {r.pid for r in reports}
    require_a_core_each(reports)
    # Two workers used 2 x 0.08 s of CPU within less wall time than that: they ran on two cores at once.
    assert cpu_over_wall(reports) > 1.0, reports


# §1.2 Python 并发方式 ----------------------------------------------------------------------------------


@pytest.mark.claim("concurrency.table.threading-cpu-not-parallel")
@pytest.mark.performance
def test_threads_take_turns_on_cpu_bound_work_under_the_gil(impl):
    reports = impl.cpu_bound_in_threads(2, CPU_SECONDS)

    assert len(reports) == 2
    assert {r.pid for r in reports} == {os.getpid()}  # threads of this very process
    assert len({r.thread for r in reports}) == 2 and threading.get_ident() not in {r.thread for r in reports}
    # Under the GIL only one thread runs Python code at a time: CPU time stays about the wall time.
    assert cpu_over_wall(reports) < 1.5, reports


@pytest.mark.claim("concurrency.table.threading-cpu-parallel-without-gil")
@pytest.mark.performance
def test_threads_run_cpu_bound_work_in_parallel_without_the_gil(impl):
    reports = impl.cpu_bound_in_threads(2, CPU_SECONDS)

    assert {r.pid for r in reports} == {os.getpid()}
    assert len({r.thread for r in reports}) == 2
    require_a_core_each(reports)
    assert cpu_over_wall(reports) > 1.0, reports


@pytest.mark.claim("concurrency.table.asyncio-one-thread")
def test_asyncio_runs_all_its_tasks_in_the_calling_thread(impl):
    log = impl.interleaved_tasks(["A", "B", "C"], 3)

    assert len(log) == 9
    assert {thread for _, _, thread in log} == {threading.get_ident()}


@pytest.mark.claim("concurrency.table.asyncio-io-overlap")
def test_asyncio_tasks_all_wait_for_their_io_at_the_same_time(impl):
    n = 5
    in_flight = InFlight()
    events = {}

    async def io(i):
        # Stands for a socket read: the task waits until all n are waiting (or a broken impl times out).
        all_waiting = events.setdefault("all waiting", asyncio.Event())  # made inside the running loop
        with in_flight.inside():
            if in_flight.now == n:
                all_waiting.set()
            try:
                await asyncio.wait_for(all_waiting.wait(), TIMEOUT)
            except asyncio.TimeoutError:
                all_waiting.set()  # let the others through at once: the assertion below reports it
        return i

    assert impl.io_bound_in_tasks(n, io) == list(range(n))
    assert in_flight.peak == n


# §1.3 GIL 与 I/O 密集型任务 -----------------------------------------------------------------------------


@pytest.mark.claim("gil.io.threads-overlap")
def test_threads_blocked_in_socket_reads_wait_together_while_the_main_thread_runs(impl):
    n = 5
    pairs = [socket.socketpair() for _ in range(n)]
    in_flight = InFlight()

    def read(i):
        reader = pairs[i][0]
        in_flight.enter()
        try:
            return reader.recv(1)  # blocks: only the main thread writes, once all n are here
        finally:
            in_flight.leave()

    try:
        for reader, _ in pairs:
            reader.settimeout(10 * TIMEOUT)
        program = Background(impl.blocking_io_in_threads, n, read)
        all_reading = in_flight.wait_for(n)  # the main thread runs Python while the others block
        for _, writer in pairs:
            writer.sendall(b"x")
        assert program.result() == [b"x"] * n
    finally:
        for pair in pairs:
            for end in pair:
                end.close()

    assert all_reading, f"only {in_flight.peak} of {n} threads were in their read at the same time"
    assert in_flight.peak == n


@pytest.mark.claim("gil.io.wall-time")
@pytest.mark.performance
def test_threads_sleeping_d_each_finish_in_about_d_not_n_times_d(impl):
    n, d = 20, 0.05
    started = time.perf_counter()
    impl.blocking_io_in_threads(n, lambda i: time.sleep(d))
    elapsed = time.perf_counter() - started

    assert d <= elapsed < n * d / 2, f"{n} threads sleeping {d} s each took {elapsed:.3f} s"
