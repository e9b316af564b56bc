"""§3 多进程 (multiprocessing): Process, Pool, a Queue between processes, shared Value and Array.

Each test runs once per start method the platform offers (``[fork]``, ``[spawn]``, ``[forkserver]``)
and takes its primitives from ``mp_context``, the implementation's
``impl.multiprocessing.get_context(start_method)``.
The programs it hands them (``impl.process_worker``, ``impl.square``, ...) are the document's::

    p = Process(target=worker, args=("Process-1",))
    p.start()
    p.join()

Children that misbehave are killed at the end of the test, and every wait has a timeout, so a broken
implementation fails the test instead of hanging it.
"""

import functools
import os
import pickle
import queue
import subprocess
import sys
import threading

import pytest

from concurrency_spec.testing import process_gates
from concurrency_spec.testing.background import Background
from concurrency_spec.testing.process_gates import HeldTasks, gated_square, held_getpid, touch, wait_for_file
from concurrency_spec.testing.waits import GRACE, LONG_TIMEOUT, SLOW_TIMEOUT


def stop(*processes):
    """Kill the children still running (after a failed check), so that none outlives its test."""
    for process in processes:
        if getattr(process, "pid", None) is None:
            continue  # never started
        if process.is_alive():
            process.kill()
        process.join(SLOW_TIMEOUT)


def close(*queues):
    """Close the parent's end of multiprocessing queues and wait for their feeder threads."""
    for q in queues:
        q.close()
        q.join_thread()


def start_process_1(impl, mp_context):
    """The document's ``Process(target=worker, args=("Process-1",))``, started and joined; the worker also
    reports (name, pid) on a queue, from where it runs. Returns (what it reported, the process, join())."""
    report = mp_context.Queue()
    process = mp_context.Process(target=impl.process_worker, args=("Process-1", report))
    try:
        process.start()
        try:
            reported = report.get(timeout=SLOW_TIMEOUT)  # put by process_worker, where it runs
        except queue.Empty:
            pytest.fail(f"the target did not run within {SLOW_TIMEOUT} s")
        joined = process.join(SLOW_TIMEOUT)
        return reported, process, joined
    finally:
        stop(process)
        close(report)


@pytest.mark.claim("multiprocessing.process.child-process")
def test_process_runs_its_target_in_a_child_process_and_join_waits_for_it(impl, mp_context):
    (name, worker_pid), process, _ = start_process_1(impl, mp_context)

    assert name == "Process-1"
    assert worker_pid != os.getpid(), "the target ran in the parent process"
    assert worker_pid == process.pid
    assert not process.is_alive() and process.exitcode == 0  # join() returned once it had ended


@pytest.mark.claim("multiprocessing.process.child-process")
def test_join_does_not_return_while_the_child_is_still_running(mp_context, tmp_path):
    started, go = tmp_path / "started", tmp_path / "go"
    process = mp_context.Process(target=held_getpid, args=(str(started), str(go), 3 * SLOW_TIMEOUT))
    process.start()
    try:
        try:
            assert wait_for_file(started, 2 * SLOW_TIMEOUT), "the child never started"
            joining = Background(process.join)  # the document's p.join(), while the child waits for "go"
            returned_while_running = joining.returned.wait(GRACE)
        finally:
            touch(go)
        joining.result()  # (what join() returns is multiprocessing.process.return-value-dropped's claim)
    finally:
        stop(process)

    assert not returned_while_running, "join() returned while the child was still running"
    assert process.exitcode == 0


@pytest.mark.claim("multiprocessing.process.return-value-dropped")
def test_the_return_value_of_a_process_target_never_reaches_the_parent(impl, mp_context):
    _, process, joined = start_process_1(impl, mp_context)

    assert process.exitcode == 0  # the worker returned "Process-1 done" ...
    assert joined is None  # ... which join() does not hand back,
    assert "Process-1 done" not in repr(vars(process))  # nor does any attribute of the Process.


@pytest.mark.claim("multiprocessing.pool.map-input-order")
def test_pool_map_returns_the_squares_in_input_order(impl, mp_context):
    with mp_context.Pool(4) as pool:
        results = pool.map(impl.square, range(10))

    assert results == [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]


@pytest.mark.claim("multiprocessing.pool.four-workers")
def test_pool_4_runs_at_most_4_tasks_at_once_in_4_worker_processes(mp_context, tmp_path):
    with mp_context.Pool(4) as pool:
        with HeldTasks(tmp_path, 5, 3 * SLOW_TIMEOUT) as held:  # each task starts, then waits for the test
            results = [pool.apply_async(held_getpid, args) for args in held.args]
            four_running = held.started(4, 2 * SLOW_TIMEOUT)
            fifth_started = held.started(5, GRACE)  # four workers cannot start a fifth task
        pids = [result.get(timeout=SLOW_TIMEOUT) for result in results]

    assert four_running, f"only {held.count_started} of 5 tasks started; Pool(4) runs 4 at once"
    assert not fifth_started, "a fifth task started while four were running"
    assert len(set(pids)) == 4 and os.getpid() not in pids  # the fifth ran in one of the four workers


@pytest.mark.claim("multiprocessing.pool.apply-async")
def test_pool_apply_async_returns_a_handle_at_once_whose_get_is_100(impl, mp_context, tmp_path):
    go = tmp_path / "go"
    with mp_context.Pool(1) as pool:
        try:
            pool.apply_async(wait_for_file, (str(go),))  # the pool's only worker now waits for the file
            result = pool.apply_async(impl.square, (10,))
            assert not result.ready(), "apply_async waited for the call instead of returning a handle"
        finally:
            touch(go)
        assert result.get(timeout=SLOW_TIMEOUT) == 100


@pytest.mark.claim("multiprocessing.pool.map-waits")
def test_pool_map_returns_only_after_every_task_has_run(impl, mp_context, tmp_path):
    go, returned = tmp_path / "go", threading.Event()
    held_square = functools.partial(gated_square, start=str(go))  # square(x), once the file exists

    def look_then_open():  # (the pool is used from this test's own thread only)
        seen_returned = returned.wait(GRACE)  # map: 同步执行, it must not have returned yet
        touch(go)
        return seen_returned

    with mp_context.Pool(2) as pool:
        watcher = Background(look_then_open)
        try:
            squares = pool.map(held_square, range(4))
        finally:
            returned.set()
            touch(go)
        returned_while_held = watcher.result()

    assert not returned_while_held, "pool.map returned while its tasks were still held"
    assert sorted(squares) == [0, 1, 4, 9]  # (their order is multiprocessing.pool.map-input-order's claim)


@pytest.mark.claim("multiprocessing.pool.function-must-pickle")
def test_a_pool_cannot_be_sent_a_lambda_or_a_local_function(mp_context):
    def local_square(x):
        return x**2

    with mp_context.Pool(1) as pool:  # any size: the call fails in the parent, while pickling
        for function in (lambda x: x**2, local_square):
            with pytest.raises((pickle.PicklingError, AttributeError), match="(?i)pickle|local object"):
                pool.map(function, range(10))


# The document's scripts wrap their process-starting code in ``if __name__ == "__main__":``. Here is
# why: this script omits the guard, and we run it as the main module of a fresh interpreter.
SCRIPT_WITHOUT_GUARD = """\
from concurrency_spec.implementation import load
impl = load({impl!r})
print("main module runs", flush=True)
context = impl.multiprocessing.get_context({method!r})
p = context.Process(target=impl.process_worker, args=("Process-1",))
p.start()
p.join(5)
print("exitcode", p.exitcode, flush=True)
"""


@pytest.mark.claim("multiprocessing.main-guard")
def test_a_script_without_the_main_guard_fails_under_spawn_and_forkserver_but_not_fork(
    impl, start_method, tmp_path
):
    script = tmp_path / "no_guard.py"
    script.write_text(SCRIPT_WITHOUT_GUARD.format(impl=impl.name, method=start_method))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    run = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=LONG_TIMEOUT,
    )
    lines = run.stdout.splitlines()
    assert lines, f"the script printed nothing; its stderr:\n{run.stderr}"

    if start_method == "fork":
        # The child is a copy of the parent: it runs the target, not the main module.
        assert lines.count("main module runs") == 1
        assert "Process-1 started" in lines
        assert lines[-1] == "exitcode 0"
    else:
        # A fresh interpreter imports the main module again (the child; from Python 3.14 on, under
        # forkserver, the server process itself): its module-level code runs a second time, tries to
        # start a process of its own there, and fails with RuntimeError. The target never runs.
        assert lines.count("main module runs") >= 2, run.stdout
        assert "Process-1 started" not in lines
        assert "RuntimeError" in run.stderr
        assert "exitcode 0" not in lines


@pytest.mark.claim("multiprocessing.main-guard")
def test_a_child_is_a_copy_of_its_parent_under_fork_and_a_fresh_interpreter_otherwise(
    impl, start_method, mp_context
):
    # What the parent set at run time reaches a forked child; a fresh interpreter imports the module
    # again and sees its initial value: the reason the main module's code runs again under spawn.
    expected = "set by the parent" if start_method == "fork" else ""
    process_gates.parent_state["mark"] = "set by the parent"
    try:
        with impl.futures.ProcessPoolExecutor(max_workers=1, start_method=start_method) as executor:
            in_executor = executor.submit(process_gates.seen_mark).result(timeout=LONG_TIMEOUT)
        in_process = impl.run_in_processes(mp_context, process_gates.seen_mark, [None])
    finally:
        process_gates.parent_state["mark"] = ""

    assert in_executor == expected
    assert in_process == [expected]


@pytest.mark.claim("multiprocessing.queue.producer-consumer")
def test_a_queue_carries_0_to_4_in_order_from_producer_to_consumer_until_none(
    impl, mp_context, start_method, capfd
):
    q = mp_context.Queue()
    report = mp_context.Queue()  # the consumer puts here each item it got, then None when it stops
    producer = mp_context.Process(target=impl.ipc_producer, args=(q,))
    consumer = mp_context.Process(target=impl.ipc_consumer, args=(q, report))
    try:
        producer.start()
        consumer.start()
        producer.join(SLOW_TIMEOUT)
        assert producer.exitcode == 0
        q.put(None)

        got = []
        while True:
            try:
                item = report.get(timeout=SLOW_TIMEOUT)
            except queue.Empty:
                pytest.fail(f"the consumer got {got} and did not stop at the None sentinel")
            if item is None:
                break
            got.append(item)
        assert got == [0, 1, 2, 3, 4]
        consumer.join(SLOW_TIMEOUT)
        assert not consumer.is_alive() and consumer.exitcode == 0
    finally:
        stop(producer, consumer)
        close(q, report)
    if start_method != "forkserver":  # (a forkserver child prints to the server's stdout, not the test's)
        printed = [line for line in capfd.readouterr().out.splitlines() if line.startswith("Got")]
        assert printed == [f"Got: {i}" for i in range(5)]  # the consumer's print(f"Got: {item}")


@pytest.mark.claim("multiprocessing.shared-memory.types")
def test_value_i_holds_an_int_and_array_d_holds_floats(impl, mp_context):
    counter = mp_context.Value("i", 0)  # 整数
    arr = mp_context.Array("d", [1.0, 2.0, 3.0])  # 浮点数组
    process = mp_context.Process(target=impl.shared_memory_worker, args=(counter, arr))
    try:
        process.start()
        process.join(SLOW_TIMEOUT)
    finally:
        stop(process)

    assert type(counter.value) is int and counter.value == 1
    assert [type(x) for x in arr[:]] == [float, float, float]
    assert repr(arr[0]) == "100.0"  # the child wrote the int 100; the array holds it as a float


@pytest.mark.claim("multiprocessing.shared-memory.value-array")
def test_a_childs_writes_to_value_and_array_are_seen_by_the_parent(impl, mp_context):
    counter = mp_context.Value("i", 0)
    arr = mp_context.Array("d", [1.0, 2.0, 3.0])
    for _ in range(2):  # a second child sees what the first one wrote
        process = mp_context.Process(target=impl.shared_memory_worker, args=(counter, arr))
        try:
            process.start()
            process.join(SLOW_TIMEOUT)
            assert process.exitcode == 0
        finally:
            stop(process)

    assert counter.value == 2  # counter.value += 1, once in each child
    assert arr[:] == [100.0, 2.0, 3.0]
