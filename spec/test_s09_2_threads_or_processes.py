"""§9.2 思考题: 什么时候用线程, 什么时候用进程? (When threads, when processes?)

The document's answer (§1.2, §7, §10): threading for I/O-bound work ("I/O 密集型"), multiprocessing
for CPU-bound work ("CPU 密集型", "绕过 GIL": it gets around the GIL). The same calls are run with
``impl.run_in_threads(fn, args)`` (one thread per call) and ``impl.run_in_processes(context, fn, args)``
(one process per call).
"""

import os
import threading

import pytest

from concurrency_spec.testing.measure import calibrated, cpu_over_wall, measured, require
from concurrency_spec.testing.process_gates import squares_meeting_midway
from concurrency_spec.testing.waits import SLOW_TIMEOUT, TIMEOUT


@pytest.mark.claim("when.threads.io-bound-overlap")
def test_threads_have_all_their_io_waits_in_flight_at_once(impl):
    pipes = [os.pipe() for _ in range(4)]
    started, lock, all_waiting = [], threading.Lock(), threading.Event()

    def read(fd):
        with lock:
            started.append(fd)
            if len(started) == len(pipes):
                all_waiting.set()
        return impl.wait_for_input(fd)

    results = []
    runner = threading.Thread(
        target=lambda: results.append(impl.run_in_threads(read, [r for r, _ in pipes])), daemon=True
    )
    runner.start()
    overlapped = all_waiting.wait(TIMEOUT)  # no data yet: each call that started is still waiting
    for letter, (_, write_end) in zip(b"ABCD", pipes):
        os.write(write_end, bytes([letter]))
    runner.join(SLOW_TIMEOUT)
    for fds in pipes:
        for fd in fds:
            os.close(fd)

    assert overlapped, f"only {len(started)} of the 4 I/O waits were in flight at once"
    assert results == [[b"A", b"B", b"C", b"D"]]


@pytest.mark.claim("when.processes.cpu-bound-parallel")
def test_processes_are_all_in_the_middle_of_their_cpu_bound_calls_at_once(impl):
    context = impl.multiprocessing.get_context()
    midway = context.Barrier(2, timeout=SLOW_TIMEOUT)  # each call waits here, halfway, for the other
    results = impl.run_in_processes(
        context, squares_meeting_midway, [(20_000, midway), (30_000, midway)], SLOW_TIMEOUT
    )

    assert [value for value, _ in results] == [sum(i * i for i in range(n)) for n in (20_000, 30_000)]
    assert len({pid for _, pid in results} - {os.getpid()}) == 2, (
        "the calls did not run in two other processes"
    )


@pytest.mark.performance
@pytest.mark.claim("when.processes.cpu-bound-parallel")
def test_processes_run_cpu_bound_work_in_parallel(impl):
    require("multicore")
    n = calibrated(impl.sum_of_squares, seconds=0.08)
    runs = measured(
        lambda: impl.run_in_processes(impl.multiprocessing.get_context(), impl.timed_sum_of_squares, [n, n])
    )

    assert [run.value for run in runs] == [(n - 1) * n * (2 * n - 1) // 6] * 2
    assert len({run.pid for run in runs} - {os.getpid()}) == 2, "the calls did not run in two other processes"
    # one after the other, CPU time could not exceed wall time; side by side it approaches twice that
    assert cpu_over_wall(runs) > 1.1, runs
