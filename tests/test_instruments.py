"""The reference's instruments report what happened: where CPU-bound work ran, how much CPU time it
used, when it began and ended, and where the workers met halfway.

The claims that read these reports compare CPU time with wall time (``-m performance``), so they have
no verdict on a busy machine; these checks hold on any machine. ``python3 dev.py mutate`` runs them
with the spec, so that a broken instrument is caught even where the measurements are not applicable.
"""

import os
import threading
import time

import pytest

from concurrency_spec.implementation import load
from concurrency_spec.reference.s01_concurrency import burn_cpu

CPU_SECONDS = 0.02
CLOCK_SLACK = 0.005  # CPU and wall clocks tick differently: CPU time may exceed wall time by this much

impl = load("reference")


def assert_truthful(report, cpu_at_least):
    wall = report.ended - report.started if hasattr(report, "started") else report.ended - report.began
    assert wall >= 0, report
    assert cpu_at_least <= report.cpu_seconds <= wall + CLOCK_SLACK, report  # one thread: CPU <= wall


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
    before = time.thread_time()
    report = burn_cpu(seconds, midway)

    assert len(midway.reached_at) == 1
    assert 0.45 * seconds <= midway.reached_at[0] - before <= 0.65 * seconds
    assert_truthful(report, seconds)
    assert (report.pid, report.thread) == (os.getpid(), threading.get_ident())


def test_a_timed_sum_of_squares_reports_its_value_process_and_cpu_time():
    n = 200_000
    run = impl.timed_sum_of_squares(n)

    assert run.value == (n - 1) * n * (2 * n - 1) // 6
    assert run.pid == os.getpid()
    assert_truthful(run, 0.0)
    assert run.cpu_seconds > 0


@pytest.mark.timeout(30)
def test_each_chunk_of_the_primes_reports_its_range_count_process_and_cpu_time():
    result = impl.count_primes_parallel(10_000, processes=2, chunks=2)

    assert [(c.start, c.stop) for c in result.chunks] == [(0, 5000), (5000, 10_000)]
    assert [c.count for c in result.chunks] == [669, 560]
    assert os.getpid() not in {c.pid for c in result.chunks}
    for chunk in result.chunks:
        assert_truthful(chunk, 0.0)
