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
import sqlite3
import threading
import time

import pytest

from concurrency_spec.testing.background import Background
from concurrency_spec.testing.counters import InFlight
from concurrency_spec.testing.gil import no_forced_switches, overlapping
from concurrency_spec.testing.kernel import blocked_in
from concurrency_spec.testing.measure import cpu_over_wall, measured, require
from concurrency_spec.testing.process_gates import CountedBarrier
from concurrency_spec.testing.waits import GRACE, TIMEOUT

CPU_SECONDS = 0.08  # CPU time each worker burns in the CPU-bound claims


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
def test_two_processes_are_both_in_the_middle_of_their_cpu_bound_work_at_once(impl):
    context = impl.multiprocessing.get_context()
    midway = CountedBarrier(context, 2, timeout=TIMEOUT)  # each waits here, halfway, for the other
    reports = impl.cpu_bound_in_processes(2, CPU_SECONDS / 4, context, midway)

    assert len(reports) == 2
    assert len({r.pid for r in reports}) == 2 and os.getpid() not in {r.pid for r in reports}
    assert midway.arrivals.value == 2  # both reached the middle of their work, and met there
    assert all(r.cpu_seconds >= CPU_SECONDS / 4 and r.started <= r.ended for r in reports), reports


@pytest.mark.claim("concurrency.parallelism", "concurrency.table.multiprocessing-cpu-parallel")
@pytest.mark.performance
def test_processes_run_cpu_bound_work_at_the_same_instant(impl):
    require("multicore")
    reports = measured(lambda: impl.cpu_bound_in_processes(2, CPU_SECONDS))

    assert len(reports) == 2
    assert len({r.pid for r in reports}) == 2 and os.getpid() not in {r.pid for r in reports}
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


@pytest.mark.claim("concurrency.table.threading-cpu-not-parallel")
def test_a_thread_computing_keeps_the_other_from_computing_until_it_is_done(impl):
    with no_forced_switches():  # the GIL changes hands only when its holder blocks or ends
        reports = impl.cpu_bound_in_threads(2, CPU_SECONDS / 4)

    assert len(reports) == 2 and {r.pid for r in reports} == {os.getpid()}
    assert len({r.thread for r in reports}) == 2 and threading.get_ident() not in {r.thread for r in reports}
    assert all(r.cpu_seconds >= CPU_SECONDS / 4 and r.started <= r.ended for r in reports), reports
    # One thread's CPU-bound work ran from its start to its end before the other's began: never two
    # at once. (In parallel, as without a GIL or in two processes, they would overlap.)
    assert not overlapping([(r.started, r.ended) for r in reports]), reports


@pytest.mark.claim("concurrency.table.threading-cpu-parallel-without-gil")
@pytest.mark.performance
def test_threads_run_cpu_bound_work_in_parallel_without_the_gil(impl):
    reports = measured(lambda: impl.cpu_bound_in_threads(2, CPU_SECONDS))

    assert {r.pid for r in reports} == {os.getpid()}
    assert len({r.thread for r in reports}) == 2
    assert cpu_over_wall(reports) > 1.0, reports


@pytest.mark.claim("concurrency.table.asyncio-one-thread")
def test_asyncio_runs_all_its_tasks_in_the_calling_thread(impl):
    log = impl.interleaved_tasks(["A", "B", "C"], 3)

    assert len(log) == 9
    assert {thread for _, _, thread in log} == {threading.get_ident()}


@pytest.mark.claim("concurrency.table.asyncio-cpu-not-parallel")
def test_cpu_bound_coroutines_gathered_on_one_loop_run_one_after_another(impl):
    worked_on = []
    log = impl.cpu_bound_in_tasks(3, lambda i: worked_on.append(sum(x * x for x in range(20_000 + i))))

    assert [(what, i) for what, i, _ in log] == [
        ("start", 0),
        ("end", 0),
        ("start", 1),
        ("end", 1),
        ("start", 2),
        ("end", 2),
    ]  # never two at once
    assert worked_on == [sum(x * x for x in range(20_000 + i)) for i in range(3)]  # work(i), in turn
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
        returned_while_reading = program.returned.wait(GRACE)  # the program waits for its threads
        for _, writer in pairs:
            writer.sendall(b"x")
        assert program.result() == [b"x"] * n
    finally:
        for pair in pairs:
            for end in pair:
                end.close()

    assert all_reading, f"only {in_flight.peak} of {n} threads were in their read at the same time"
    assert in_flight.peak == n
    assert not returned_while_reading, "the program returned while its threads were still reading"


def main_thread_runs_while_blocked(impl, io, release, kernel_markers):
    """Run ``io`` in a thread of the program; once it sleeps in the kernel where ``kernel_markers`` say
    (its I/O, not the GIL), run Python code in this thread, see that the call is still blocked, then
    ``release()`` it. Returns (ran, still blocked, result)."""
    in_flight, threads = InFlight(), []

    def call(_i):
        threads.append(threading.get_native_id())
        with in_flight.inside():
            return io()

    program = Background(impl.blocking_io_in_threads, 1, call)
    try:
        assert in_flight.wait_for(1), "the blocking call never started"
        blocked = blocked_in(threads[0], kernel_markers)
        assert blocked is not False, f"the call never blocked in the kernel at {kernel_markers}"
        ran = sum(i * i for i in range(50_000))  # Python bytecode, in this thread, while the other waits
        still_blocked = in_flight.now == 1 and not program.returned.wait(GRACE)
    finally:
        release()
    return ran, still_blocked, program.result()


@pytest.mark.claim("gil.io.file-read-releases")
def test_a_thread_blocked_reading_a_fifo_lets_the_main_thread_run(impl, tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)

    def read():
        with open(fifo, "rb") as reader:  # blocks until a writer opens the FIFO
            return reader.read()

    def write():
        with open(fifo, "wb") as writer:
            writer.write(b"written")

    ran, still_blocked, result = main_thread_runs_while_blocked(
        impl, read, write, ("fifo", "partner", "pipe")
    )

    assert ran == sum(i * i for i in range(50_000)) and still_blocked
    assert result == [b"written"]


@pytest.mark.claim("gil.io.database-query-releases")
def test_a_thread_blocked_in_a_database_query_lets_the_main_thread_run(impl, tmp_path):
    database = tmp_path / "db.sqlite"
    holder = sqlite3.connect(str(database), isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE jobs (n INTEGER)")
    holder.execute("INSERT INTO jobs VALUES (1), (2), (3)")
    holder.execute("BEGIN EXCLUSIVE")  # the query below waits until this transaction ends

    def query():
        connection = sqlite3.connect(str(database), timeout=10 * TIMEOUT)
        try:
            return connection.execute("SELECT sum(n) FROM jobs").fetchone()[0]
        finally:
            connection.close()

    try:
        ran, still_blocked, result = main_thread_runs_while_blocked(
            impl,
            query,
            lambda: holder.execute("COMMIT"),
            ("nanosleep", "sleep"),  # sqlite's busy handler
        )
    finally:
        holder.close()

    assert ran == sum(i * i for i in range(50_000)) and still_blocked
    assert result == [6]


@pytest.mark.claim("gil.io.wall-time")
@pytest.mark.performance
def test_threads_sleeping_d_each_finish_in_about_d_not_n_times_d(impl):
    n, d = 20, 0.05
    started = time.perf_counter()
    results = impl.blocking_io_in_threads(n, lambda i: time.sleep(d) or i)
    elapsed = time.perf_counter() - started

    assert results == list(range(n))  # every call finished before the program returned
    assert d <= elapsed < n * d / 2, f"{n} threads sleeping {d} s each took {elapsed:.3f} s"
