"""§9.1 思考题: GIL 对多线程有什么影响? (What does the GIL do to threads?)

The document answers it in §1.2 and §1.3: for threads the GIL is "受限" (a limit): only one thread
executes Python bytecode at a time, so CPU-bound threads take turns; but "I/O 操作时 GIL 被释放,
其他线程可以执行": a thread waiting on I/O has released the GIL and the other threads run.

CPU-bound work is ``impl.sum_of_squares(n)`` (the document's ``cpu_task``, §4.2); I/O is
``impl.wait_for_input(fd)``, a blocking ``os.read`` on a pipe.
"""

import os

import pytest

from concurrency_spec.testing.gil import no_forced_switches, overlapping
from concurrency_spec.testing.kernel import blocked_in
from concurrency_spec.testing.measure import calibrated
from concurrency_spec.testing.waits import SLOW_TIMEOUT


@pytest.mark.performance
@pytest.mark.claim("gil.cpu-threads-one-at-a-time")
def test_two_cpu_bound_threads_use_no_more_cpu_time_than_wall_time(impl):
    n = calibrated(impl.sum_of_squares, seconds=0.05)
    runs = impl.run_in_threads(impl.timed_sum_of_squares, [n, n])

    assert [run.value for run in runs] == [(n - 1) * n * (2 * n - 1) // 6] * 2
    assert {run.pid for run in runs} == {os.getpid()}, "the calls did not run in threads of this process"
    cpu = sum(run.cpu_seconds for run in runs)
    wall = max(run.ended for run in runs) - min(run.began for run in runs)
    # in parallel, two threads would use about twice the wall time in CPU time
    assert cpu <= 1.2 * wall + 0.01, f"{cpu:.3f} s of CPU in {wall:.3f} s of wall time"


@pytest.mark.claim("gil.cpu-threads-one-at-a-time")
def test_a_cpu_bound_thread_keeps_the_interpreter_until_it_is_done_when_never_made_to_switch(impl):
    n = 200_000
    with no_forced_switches():  # the GIL changes hands only when its holder blocks or ends
        runs = impl.run_in_threads(impl.timed_sum_of_squares, [n, n])

    assert [run.value for run in runs] == [(n - 1) * n * (2 * n - 1) // 6] * 2
    assert {run.pid for run in runs} == {os.getpid()}, "the calls did not run in threads of this process"
    # Only one thread executes bytecode at a time: once the first thread computes, neither the second
    # thread nor the main thread (which has yet to start it) can run until the first has ended.
    # (§1.2's test starts both first, at a barrier: there too they never overlap.)
    assert not overlapping([(run.began, run.ended) for run in runs]), runs


@pytest.mark.claim("gil.blocking-io-releases")
def test_a_thread_blocked_on_a_pipe_read_lets_another_thread_run(impl):
    read_end, write_end = os.pipe()
    received = []
    reader = impl.threading.Thread(target=lambda: received.append(impl.wait_for_input(read_end)), daemon=True)
    reader.start()
    try:
        blocked = blocked_in(reader.native_id, ("pipe",))
        ran_meanwhile = impl.sum_of_squares(10_000)  # bytecode in this thread; the reader waits on
        waiting_meanwhile = reader.is_alive() and not received
    finally:
        os.write(write_end, b"x")  # the only byte the reader can get: it comes after all of the above
        reader.join(SLOW_TIMEOUT)
        os.close(read_end)
        os.close(write_end)

    assert blocked is not False, "the reader never blocked in the pipe read"
    assert ran_meanwhile == 333283335000 and waiting_meanwhile
    assert received == [b"x"]
