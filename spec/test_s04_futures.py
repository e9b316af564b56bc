"""§4 concurrent.futures: ThreadPoolExecutor, ProcessPoolExecutor and as_completed.

The document's tasks sleep (``time.sleep(1)``, ``time.sleep(n)``) so that they finish in some order.
Here the sleep is the task's ``wait`` argument, and the tests pass a gate instead: each task blocks
until the test opens its gate, so the order in which tasks finish is the one the test chooses::

    with ThreadPoolExecutor(max_workers=4) as executor:
        future = executor.submit(task, 5)
        print(future.result())  # 25

Every wait has a timeout and every gate is opened on the way out, so a broken implementation fails
the test quickly instead of hanging it.
"""

import contextlib
import os
import threading
from itertools import repeat

import pytest

from concurrency_spec.testing.process_gates import HeldTasks, held_getpid
from concurrency_spec.testing.waits import GRACE, SLOW_TIMEOUT


class Gates:
    """One gate per task: ``wait_for(key)`` is the task's ``wait``; it blocks until ``open(key)``.

    It also records the order in which tasks reach their gates (``started``) and get through them
    (``finished``), and the most tasks that were ever held at once (``peak``).
    """

    def __init__(self):
        self._caller = threading.current_thread()
        self._changed = threading.Condition()
        self._opened = set()
        self._all_opened = False
        self._error = None
        self.started = []
        self.finished = []
        self.in_flight = 0
        self.peak = 0
        self.asked = {}  # the seconds each task was to sleep

    def wait_for(self, key):
        def wait(seconds):
            with self._changed:
                self.asked[key] = seconds
                if threading.current_thread() is self._caller:
                    # Blocking here would block the test itself: fail at once instead.
                    self._error = f"task {key} ran in the caller's thread, not in a worker"
                    self._changed.notify_all()
                    raise AssertionError(self._error)
                self.started.append(key)
                self.in_flight += 1
                self.peak = max(self.peak, self.in_flight)
                self._changed.notify_all()
                opened = self._changed.wait_for(lambda: self._all_opened or key in self._opened, SLOW_TIMEOUT)
                self.in_flight -= 1
                self.finished.append(key)
                self._changed.notify_all()
            assert opened, f"the gate of task {key} was never opened"

        return wait

    def open(self, key):
        with self._changed:
            self._opened.add(key)
            self._changed.notify_all()

    def open_all(self):
        with self._changed:
            self._all_opened = True
            self._changed.notify_all()

    def _until(self, condition, timeout):
        with self._changed:
            reached = self._changed.wait_for(lambda: self._error is not None or condition(), timeout)
            if self._error is not None:
                raise AssertionError(self._error)
            return reached

    def wait_started(self, count, timeout=SLOW_TIMEOUT):
        """True once ``count`` tasks have reached their gates; False if ``timeout`` passes first."""
        return self._until(lambda: len(self.started) >= count, timeout)

    def wait_finished(self, key):
        assert self._until(lambda: key in self.finished, SLOW_TIMEOUT), (
            f"task {key} did not pass its open gate"
        )


@contextlib.contextmanager
def gates():
    """Gates for the tasks of one test, all opened on the way out so that no task stays blocked."""
    g = Gates()
    try:
        yield g
    finally:
        g.open_all()


def next_within(iterator, timeout, message):
    """next(iterator), run in a helper thread so that an iterator that blocks fails the test."""
    outcome = {}

    def advance():
        try:
            outcome["value"] = next(iterator, None)
        except BaseException as error:  # handed to the test's thread below
            outcome["error"] = error

    helper = threading.Thread(target=advance, daemon=True)
    helper.start()
    helper.join(timeout)
    assert not helper.is_alive(), message
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def no_wait(_seconds):
    """A ``wait`` that returns at once: the task's sleep scaled down to nothing."""


@pytest.mark.claim("futures.thread-pool.submit-result")
def test_submit_returns_a_future_whose_result_waits_for_the_task(impl):
    with impl.futures.ThreadPoolExecutor(max_workers=4) as executor, gates() as g:
        future = executor.submit(impl.square_task, 5, wait=g.wait_for(5))
        assert g.wait_started(1), "the task did not start"
        assert not future.done()  # the task is held at its gate: submit did not wait for it

        g.open(5)
        assert future.result(timeout=SLOW_TIMEOUT) == 25
        assert g.asked == {5: 1}  # the document's task: time.sleep(1), then n * n


@pytest.mark.claim("futures.thread-pool.map-input-order")
def test_executor_map_yields_results_in_input_order_whatever_the_finishing_order(impl):
    with impl.futures.ThreadPoolExecutor(max_workers=4) as executor, gates() as g:
        results = executor.map(impl.square_task, range(5), repeat(1.0), [g.wait_for(n) for n in range(5)])
        # Tasks 0-3 run and task 4 waits for a worker; finish them in the order 3, 4, 2, 1, 0.
        for n in (3, 4, 2, 1, 0):
            g.open(n)
            g.wait_finished(n)

        assert g.finished == [3, 4, 2, 1, 0]
        assert list(results) == [0, 1, 4, 9, 16]


@pytest.mark.claim("futures.thread-pool.max-workers")
def test_a_pool_of_4_workers_runs_at_most_4_tasks_at_once(impl):
    with impl.futures.ThreadPoolExecutor(max_workers=4) as executor, gates() as g:
        for n in range(5):
            executor.submit(impl.square_task, n, 1.0, g.wait_for(n))
        assert g.wait_started(4), f"only {len(g.started)} of 5 tasks started; 4 workers run 4 at once"
        # Four tasks are held at their gates: a pool bounded at 4 cannot start the fifth, while an
        # unbounded one starts it at once. (The reference never starts it: this wait always expires.)
        assert not g.wait_started(5, timeout=GRACE), "a fifth task started while four were running"
        assert g.peak == 4

        g.open_all()
    assert len(g.started) == 5
    assert g.peak == 4


@pytest.mark.claim("futures.process-pool.cpu-task")
def test_process_pool_returns_the_sum_of_squares_from_each_cpu_task(impl):
    with impl.futures.ProcessPoolExecutor(max_workers=4) as executor:
        futures = [executor.submit(impl.cpu_task, 1000000) for _ in range(4)]
        results = [future.result(timeout=SLOW_TIMEOUT) for future in futures]

    assert results == [333332833333500000] * 4


@pytest.mark.claim("futures.process-pool.max-workers")
def test_a_process_pool_of_4_runs_at_most_4_tasks_in_at_most_4_processes(impl, tmp_path):
    with impl.futures.ProcessPoolExecutor(max_workers=4) as executor:
        with HeldTasks(tmp_path, 5, 3 * SLOW_TIMEOUT) as held:  # each task starts, then waits for the test
            futures = [executor.submit(held_getpid, *args) for args in held.args]
            four_running = held.started(4, SLOW_TIMEOUT)
            fifth_started = held.started(5, GRACE)  # a pool bounded at 4 cannot start the fifth
        pids = [future.result(timeout=SLOW_TIMEOUT) for future in futures]

    assert four_running, f"only {held.count_started} of 5 tasks started; 4 workers run 4 at once"
    assert not fifth_started, "a fifth task started while four were running"
    assert len(set(pids)) == 4 and os.getpid() not in pids  # the fifth ran in one of the four workers


@pytest.mark.claim("futures.process-pool.worker-processes")
def test_process_pool_runs_tasks_in_worker_processes(impl, start_method):
    with impl.futures.ProcessPoolExecutor(max_workers=4, start_method=start_method) as executor:
        worker_pid = executor.submit(os.getpid).result(timeout=SLOW_TIMEOUT)

    assert worker_pid != os.getpid(), "the task ran in the parent process"


@pytest.mark.claim("futures.as-completed.completion-order")
def test_as_completed_yields_futures_in_the_order_they_complete(impl):
    with impl.futures.ThreadPoolExecutor() as executor, gates() as g:
        futures = {executor.submit(impl.sleep_task, n, g.wait_for(n)): n for n in [3, 1, 2]}
        completed = impl.futures.as_completed(futures)
        for n in (1, 2, 3):
            g.open(n)  # task n is now the only one that can complete
            future = next_within(
                completed,
                SLOW_TIMEOUT,
                f"as_completed did not yield the future of task {n} once it completed",
            )
            assert future is not None and future.done(), f"as_completed yielded a pending future for {n}"
            assert future.result(timeout=0) == n
        assert g.asked == {3: 3, 1: 1, 2: 2}  # each task sleeps n seconds, time.sleep(n)


@pytest.mark.claim("futures.as-completed.dict-maps-back")
def test_the_futures_dict_maps_each_completed_future_back_to_its_input(impl):
    with impl.futures.ThreadPoolExecutor() as executor:
        futures = {executor.submit(impl.sleep_task, n, no_wait): n for n in [3, 1, 2]}
        lines = []
        for future in impl.futures.as_completed(futures):
            n = futures[future]
            lines.append(f"Task {n} completed with result: {future.result()}")

    assert sorted(lines) == [f"Task {n} completed with result: {n}" for n in (1, 2, 3)]
