"""The reference's instruments report what happened: where CPU-bound work ran, how much CPU time it
used, when it began and ended, and where the workers met halfway.

The claims that read these reports compare CPU time with wall time (``-m performance``), so they have
no verdict on a busy machine; these checks hold on any machine. ``python3 dev.py mutate`` runs them
with the spec, so that a broken instrument is caught even where the measurements are not applicable.

Work that runs in the test's own thread is bracketed by that thread's CPU clock and the monotonic clock:
its report must fall inside both brackets, whatever the schedule (a thread's CPU time does not grow
while it waits for a core). A report of CPU time read the wrong way (the clock at the end plus, not
minus, the clock at the start) falls outside the CPU bracket once the thread has used any CPU time.
"""

import multiprocessing
import os
import threading
import time

import pytest

from concurrency_spec.implementation import load
from concurrency_spec.reference.s01_concurrency import burn_cpu
from concurrency_spec.reference.s08_2_primes import _count_chunk

CPU_SECONDS = 0.02
CLOCK_SLACK = 0.005  # CPU and wall clocks tick differently: CPU time may exceed wall time by this much

impl = load("reference")


def assert_truthful(report, cpu_at_least):
    wall = report.ended - report.started if hasattr(report, "started") else report.ended - report.began
    assert wall >= 0, report
    assert cpu_at_least <= report.cpu_seconds <= wall + CLOCK_SLACK, report  # one thread: CPU <= wall


class InThisThread:
    """The CPU time this thread spends and the monotonic interval while inside the ``with`` block."""

    def __enter__(self):
        while time.thread_time() < CPU_SECONDS:  # this thread has used CPU time before the work begins
            pass
        self.cpu_began, self.began = time.thread_time(), time.monotonic()
        return self

    def __exit__(self, *exc_info):
        self.cpu_ended, self.ended = time.thread_time(), time.monotonic()

    def assert_inside(self, report, began):
        spent = self.cpu_ended - self.cpu_began
        assert 0 <= report.cpu_seconds <= spent, (report, spent)
        assert self.began <= began <= report.ended <= self.ended, (report, self.began, self.ended)


def test_cpu_bound_threads_report_this_process_their_own_threads_and_their_cpu_time():
    reports = impl.cpu_bound_in_threads(2, CPU_SECONDS)

    assert len(reports) == 2
    assert {r.pid for r in reports} == {os.getpid()}
    assert len({r.thread for r in reports}) == 2 and threading.get_ident() not in {r.thread for r in reports}
    for report in reports:
        assert_truthful(report, CPU_SECONDS)


class Midway:
    """A stand-in for the barrier: records the CPU time of the thread when it is reached."""

    def __init__(self):
        self.reached_at = []

    def wait(self):
        self.reached_at.append(time.thread_time())


def test_burn_cpu_meets_the_others_once_halfway_through_its_cpu_time():
    midway, seconds = Midway(), 4 * CPU_SECONDS
    with InThisThread() as bracket:
        report = burn_cpu(seconds, midway)

    assert len(midway.reached_at) == 1
    assert 0.45 * seconds <= midway.reached_at[0] - bracket.cpu_began <= 0.65 * seconds
    bracket.assert_inside(report, report.started)
    assert report.cpu_seconds >= seconds
    assert (report.pid, report.thread) == (os.getpid(), threading.get_ident())


def test_a_timed_sum_of_squares_reports_its_value_process_and_cpu_time():
    n = 200_000
    with InThisThread() as bracket:
        run = impl.timed_sum_of_squares(n)

    assert run.value == (n - 1) * n * (2 * n - 1) // 6
    assert run.pid == os.getpid()
    bracket.assert_inside(run, run.began)
    assert run.cpu_seconds > 0


def test_a_chunk_of_the_primes_reports_its_range_count_process_and_the_cpu_time_of_its_thread():
    # _count_chunk is what each pool worker runs; here it runs in the test's thread, inside the brackets
    with InThisThread() as bracket:
        chunk = _count_chunk((5000, 10_000))

    assert (chunk.start, chunk.stop, chunk.count, chunk.pid) == (5000, 10_000, 560, os.getpid())
    bracket.assert_inside(chunk, chunk.began)


class PoolSizes:
    """A multiprocessing context that records the number of processes of each pool made with it."""

    def __init__(self, context):
        self._context, self.sizes = context, []

    def Pool(self, processes=None, *args, **kwargs):  # noqa: N802 - the context's own name
        self.sizes.append(processes)
        return self._context.Pool(processes, *args, **kwargs)


@pytest.mark.timeout(30)
def test_the_primes_are_counted_by_a_pool_of_the_processes_asked_for():
    # the claims see the size of the pool only in which workers happen to take a chunk (a race); the
    # pool the program asks its context for is certain
    context = PoolSizes(multiprocessing.get_context())

    assert impl.count_primes_parallel(1000, context, processes=1, chunks=3).total == 168
    assert context.sizes == [1]


@pytest.mark.timeout(30)
def test_each_chunk_of_the_primes_reports_its_range_count_process_and_cpu_time():
    result = impl.count_primes_parallel(10_000, processes=2, chunks=2)

    assert [(c.start, c.stop) for c in result.chunks] == [(0, 5000), (5000, 10_000)]
    assert [c.count for c in result.chunks] == [669, 560]
    assert os.getpid() not in {c.pid for c in result.chunks}
    for chunk in result.chunks:
        assert_truthful(chunk, 0.0)
