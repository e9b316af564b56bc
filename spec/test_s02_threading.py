"""§2 多线程 (threading): creating threads, running several, Lock, and the thread-safe queue.

§2.1 创建线程: ``threading.Thread(target=worker, args=("Thread-1",))``, ``t.start()``, ``t.join()``, or a
subclass ``class MyThread(threading.Thread)`` whose ``run()`` holds the work.
§2.2 多线程执行: five threads started in a loop, then joined in a second loop.
§2.3 线程同步 (Lock): five threads add 1 to ``counter`` 100000 times each, ``with lock:`` → 500000 (正确).
§2.4 线程安全队列: a producer puts 0..9 into ``queue.Queue``, a consumer takes them until ``None``.

Every test names the claim it proves (``spec/claims/s02_threading.toml``) and reaches the code it
checks through ``impl``, the implementation under test. The document's ``time.sleep(2)`` is replaced
by a gate the test opens, so that "running at the same time" is counted, not timed.
"""

import contextlib
import os
import sys
import threading

import pytest

from concurrency_spec.testing.background import Background
from concurrency_spec.testing.counters import Gate
from concurrency_spec.testing.waits import GRACE, TIMEOUT

# §2.1 创建线程 ------------------------------------------------------------------------------------------


@pytest.mark.claim("threading.thread.target-runs")
def test_thread_runs_its_target_with_args_in_a_new_thread(impl):
    seen = []

    def target(name):
        seen.append((name, threading.get_ident()))

    thread = impl.threading.Thread(target=target, args=("Thread-1",))
    thread.start()
    thread.join(timeout=TIMEOUT)

    assert seen == [("Thread-1", seen[0][1])]
    assert seen[0][1] != threading.get_ident()  # not the caller's thread


@pytest.mark.claim("threading.thread.join-waits")
def test_join_returns_only_after_the_target_finished(impl):
    release = threading.Event()
    log = []
    log_when_join_returned = []

    asked = []

    def wait(seconds):
        asked.append(seconds)
        release.wait(timeout=TIMEOUT)  # the test, not a clock, decides when the "sleep" ends

    thread = impl.threading.Thread(target=impl.worker, args=("Thread-1",), kwargs={"log": log, "wait": wait})
    thread.start()
    joiner = threading.Thread(target=lambda: (thread.join(), log_when_join_returned.extend(log)))
    joiner.start()
    joiner.join(timeout=GRACE)  # room for a join that does not wait to return while the target is held
    release.set()
    joiner.join(timeout=TIMEOUT)

    assert log_when_join_returned == ["Thread-1 started", "Thread-1 finished"]
    assert asked == [2]  # the document's worker: time.sleep(2)


@pytest.mark.claim("threading.thread.subclass-run")
def test_thread_subclass_runs_its_run_method_in_the_new_named_thread(impl):
    said = []

    def say(message):  # stands for print(): records which thread printed
        said.append((message, threading.current_thread(), threading.get_ident()))

    thread = impl.MyThread("Worker-A", say)
    assert said == []  # creating the thread runs nothing yet
    thread.start()
    thread.join(timeout=TIMEOUT)

    assert not thread.is_alive()
    [(message, current, ident)] = said
    assert message == "Worker-A running"
    assert current is thread and current.name == "Worker-A"
    assert ident != threading.get_ident()  # not the caller's thread


# §2.2 多线程执行 ----------------------------------------------------------------------------------------


@pytest.mark.claim("threading.many.overlap")
def test_five_started_threads_are_all_sleeping_at_the_same_time(impl):
    gate = Gate()
    program = Background(impl.run_workers, 5, 2.0, [], gate.wait)
    all_inside = gate.wait_until_inside(5)
    gate.open()
    program.result()

    assert all_inside, f"only {gate.peak} of 5 workers were sleeping at the same time"
    assert gate.peak == 5


@pytest.mark.claim("threading.many.join-all")
def test_joining_the_five_threads_waits_until_every_worker_finished(impl):
    gate = Gate()
    log, asked = [], []

    def wait(seconds):
        asked.append(seconds)
        gate.wait()

    def program():
        impl.run_workers(log=log, wait=wait)  # the document's numbers: five threads, time.sleep(2)
        return list(log)  # the log at the moment the program returns

    running = Background(program)
    try:
        assert gate.wait_until_inside(1), "no worker started"
        gate.wait_until_inside(5)  # (all five, unless the workers run one at a time: another claim)
        returned_early = running.returned.wait(GRACE)  # the workers are asleep: joining must wait
    finally:
        gate.open()
    log_at_return = running.result()

    assert not returned_early, "the program returned while a worker was still sleeping"
    for i in range(5):
        assert log_at_return.index(f"Thread-{i} started") < log_at_return.index(f"Thread-{i} finished")
    assert len(log_at_return) == 10
    assert asked == [2] * 5


# §2.3 线程同步 (Lock) -----------------------------------------------------------------------------------


def thread_affinity():
    """(get, set) of the cores the calling thread may run on, or None where that cannot be set.

    os.sched_setaffinity(0, ...) pins the calling thread (and the threads it starts afterwards); PyPy 3.9
    lacks it, so there the same libc call goes through ctypes."""
    if hasattr(os, "sched_setaffinity"):
        return (lambda: os.sched_getaffinity(0)), (lambda cores: os.sched_setaffinity(0, cores))
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    bits = 8 * ctypes.sizeof(ctypes.c_ulong)
    mask_type = ctypes.c_ulong * (1024 // bits)

    def call(function, mask):
        if function(0, ctypes.sizeof(mask), mask) != 0:
            raise OSError(ctypes.get_errno(), function.__name__)

    def get():
        mask = mask_type()
        call(libc.sched_getaffinity, mask)
        return {i for i in range(1024) if mask[i // bits] >> (i % bits) & 1}

    def set_(cores):
        mask = mask_type()
        for core in cores:
            mask[core // bits] |= 1 << (core % bits)
        call(libc.sched_setaffinity, mask)

    return get, set_


@contextlib.contextmanager
def one_core_if_the_gil_serialises_anyway():
    """Under a GIL the five threads take turns whatever the number of cores. On several cores a contended
    lock can be handed from thread to thread through the OS at every increment (a lock convoy: up to 10 s
    for 500000 increments on PyPy, and now and then 1 s on CPython, instead of 0.2 s), so the threads
    started here share one core. Without a GIL they keep every core: that is where the lock matters most."""
    affinity = thread_affinity() if getattr(sys, "_is_gil_enabled", lambda: True)() else None
    if affinity is None:
        yield
        return
    get, set_ = affinity
    cores = get()
    set_({min(cores)})
    try:
        yield
    finally:
        set_(cores)


@pytest.mark.claim("threading.lock.total")
@pytest.mark.timeout(120)  # the claim is the count, not the speed: a slow lock is not a wrong lock
def test_five_threads_adding_100000_each_under_a_lock_reach_exactly_500000(impl):
    with one_core_if_the_gil_serialises_anyway():
        total = impl.locked_counter()  # the document's program: five threads, 100000 each, a new Lock

    assert total == 500000


class WatchedLock:
    """A lock of the implementation, watched through the document's own API, ``with lock:``: how often
    it is entered, and by how many at once. Its first holder stays inside for a grace, long enough for a
    lock that admits a second holder to let one in (a correct lock keeps the others waiting)."""

    def __init__(self, lock):
        self._lock = lock
        self._books = threading.Condition()
        self.entries = self.holders = self.most_holders = 0

    def __enter__(self):
        entered = self._lock.__enter__()
        with self._books:
            self.entries += 1
            self.holders += 1
            self.most_holders = max(self.most_holders, self.holders)
            self._books.notify_all()
            if self.entries == 1:
                self._books.wait_for(lambda: self.holders > 1, GRACE)
        return entered

    def __exit__(self, *exc_info):
        with self._books:
            self.holders -= 1
        return self._lock.__exit__(*exc_info)


class LockWatch:
    """``Lock`` for the implementation: each lock its programs make, watched (``WatchedLock``)."""

    def __init__(self, make_lock):
        self._make_lock = make_lock
        self.locks = []

    def __call__(self):
        lock = WatchedLock(self._make_lock())
        self.locks.append(lock)
        return lock


@pytest.mark.claim("threading.lock.every-increment")
def test_the_counter_takes_the_lock_for_every_increment_one_holder_at_a_time(impl):
    lock = WatchedLock(impl.threading.Lock())
    total = impl.locked_counter(lock, threads=5, increments=2000)

    assert lock.entries == total, f"{lock.entries} entries into the lock for a count of {total}"
    assert lock.most_holders == 1 and lock.holders == 0


@pytest.mark.claim("threading.lock.every-increment")
def test_the_counters_own_lock_is_one_lock_taken_for_every_increment_one_holder_at_a_time(impl):
    # lock = threading.Lock(), then `with lock: counter += 1` in every thread: one lock, shared
    watch = LockWatch(impl.threading.Lock)
    total = impl.with_primitives("threading", Lock=watch).locked_counter(threads=5, increments=2000)

    assert len(watch.locks) == 1, f"the program made {len(watch.locks)} locks; the document makes one"
    [lock] = watch.locks
    assert lock.entries == total, f"{lock.entries} entries into the lock for a count of {total}"
    assert lock.most_holders == 1 and lock.holders == 0


@pytest.mark.claim("threading.lock.one-holder")
def test_a_second_with_lock_waits_until_the_first_holder_has_left(impl):
    lock = impl.threading.Lock()
    first_inside, let_first_leave, second_inside = threading.Event(), threading.Event(), threading.Event()

    def first():
        with lock:
            first_inside.set()
            let_first_leave.wait(TIMEOUT)

    def second():
        first_inside.wait(TIMEOUT)
        with lock:
            second_inside.set()

    threads = [impl.threading.Thread(target=first), impl.threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    try:
        assert first_inside.wait(TIMEOUT)
        entered_while_held = second_inside.wait(GRACE)  # a lock with two holders lets it in now
        let_first_leave.set()
        entered_after = second_inside.wait(TIMEOUT)
    finally:
        let_first_leave.set()
        for thread in threads:
            thread.join(TIMEOUT)

    assert not entered_while_held, "a second thread entered `with lock:` while the first still held it"
    assert entered_after, "the second thread never entered once the first had left"


class WatchedCounter(dict):
    """``{"counter": 0}`` that records each read and write, and which thread made it."""

    def __init__(self):
        super().__init__(counter=0)
        self.steps = []
        self.read = threading.Event()

    def __getitem__(self, key):
        self.steps.append(("read", threading.current_thread().name))
        self.read.set()
        return super().__getitem__(key)

    def __setitem__(self, key, value):
        if key == "counter" and hasattr(self, "steps"):
            self.steps.append(("write", threading.current_thread().name))
        super().__setitem__(key, value)


def run_two(impl, first, second):
    """Run ``first`` and ``second`` in two threads, named A and B, and wait until both have returned."""
    done = threading.Barrier(3, timeout=TIMEOUT)  # the two threads and this one: known ends, not join()

    def then_done(target):
        def run():
            try:
                target()
            finally:
                done.wait()

        return run

    threads = [
        impl.threading.Thread(target=then_done(first), name="A"),
        impl.threading.Thread(target=then_done(second), name="B"),
    ]
    for thread in threads:
        thread.start()
    done.wait()
    for thread in threads:
        thread.join(TIMEOUT)


@pytest.mark.claim("threading.lock.no-lost-update")
def test_without_the_lock_a_switch_between_read_and_write_loses_an_update(impl):
    state, both_have_read = WatchedCounter(), threading.Barrier(2, timeout=TIMEOUT)

    def add_one():
        impl.increment_once(state, None, both_have_read.wait)  # each waits, after its read, for the other's

    run_two(impl, add_one, add_one)

    assert [step for step, _ in state.steps] == ["read", "read", "write", "write"]
    assert state["counter"] == 1  # two increments, one lost: both wrote 0 + 1


@pytest.mark.claim("threading.lock.no-lost-update")
def test_with_the_lock_the_second_thread_reads_only_after_the_first_has_written(impl):
    state, lock, b_started = WatchedCounter(), impl.threading.Lock(), threading.Event()

    def hold_a_between_read_and_write():
        b_started.wait(TIMEOUT)
        state.read.clear()
        state.read.wait(GRACE)  # room for B to read now, which only a lock that does not hold it back allows

    def a():
        impl.increment_once(state, lock, hold_a_between_read_and_write)

    def b():
        b_started.set()
        impl.increment_once(state, lock)

    run_two(impl, a, b)

    assert state.steps == [("read", "A"), ("write", "A"), ("read", "B"), ("write", "B")]
    assert state["counter"] == 2  # 正确: no update lost


# §2.4 线程安全队列 --------------------------------------------------------------------------------------


class WatchedQueue:
    """A queue of the implementation, watched: the consumer's calls in order (gets and task_done)."""

    _CLOSED = object()

    def __init__(self, q):
        self._q = q
        self.calls = []

    def put(self, item, *args, **kwargs):
        self._q.put(item, *args, **kwargs)

    def get(self, *args, **kwargs):
        item = self._q.get(*args, **kwargs)
        if item is self._CLOSED:
            raise SystemExit  # ends a consumer that would otherwise wait forever (a broken one)
        self.calls.append(("get", item))
        return item

    def task_done(self):
        self.calls.append(("task_done",))
        self._q.task_done()

    def close(self):
        self._q.put(self._CLOSED)


_program_runs = {}


@pytest.fixture
def producer_consumer_run(impl):
    """One run of the §2.4 program per implementation, shared by the three claims that look at it."""
    if impl.name not in _program_runs:
        _program_runs[impl.name] = run_producer_consumer(impl)
    return _program_runs[impl.name]


def run_producer_consumer(impl, n=10):
    """Run the document's program on a watched queue; return (consumed, whether it ended, the queue)."""
    q, consumed = WatchedQueue(impl.queue.Queue()), []
    program = Background(impl.thread_producer_consumer, q, n, consumed)
    ended = program.finished()
    if not ended:
        q.close()  # clean up after a consumer that did not stop; that claim is tested on its own
        assert program.finished(), "the consumer does not end even when its queue is closed"
    return consumed, ended, q


@pytest.mark.claim("threading.queue.fifo")
def test_the_consumer_gets_all_ten_items_in_the_order_they_were_put(producer_consumer_run):
    consumed, _, _ = producer_consumer_run

    assert consumed == list(range(10))


@pytest.mark.claim("threading.queue.fifo")
def test_the_program_on_its_own_queue_consumes_all_ten_items_in_order(impl):
    # q = queue.Queue(): the program's own queue, watched as it uses it
    made = []

    def watched_queue(*args, **kwargs):
        made.append(WatchedQueue(impl.queue.Queue(*args, **kwargs)))
        return made[-1]

    program = Background(impl.with_primitives("queue", Queue=watched_queue).thread_producer_consumer)
    program.finished()
    for q in made:
        q.close()  # a consumer that did not stop ends on its closed queue (sentinel-stops is its claim)
    assert program.finished(), "the consumer does not end even when its queue is closed"
    assert len(made) == 1, f"the program made {len(made)} queues; the document makes one"
    taken = [call[1] for call in made[0].calls if call[0] == "get" and call[1] is not None]
    assert taken == list(range(10))


@pytest.mark.claim("threading.queue.fifo")
def test_a_queue_hands_out_its_items_in_the_order_they_were_put(impl):
    q = impl.queue.Queue()
    for item in range(10):
        q.put(item)
    assert [q.get() for _ in range(10)] == list(range(10))


@pytest.mark.claim("threading.queue.fifo")
def test_the_documents_producer_puts_0_to_9(impl):
    q = impl.queue.Queue()
    impl.thread_producer(q)  # the producer alone: for i in range(10): q.put(i)
    q.put(None)
    assert list(iter(q.get, None)) == list(range(10))


@pytest.mark.claim("threading.queue.get-waits")
@pytest.mark.timeout(10)  # a get() blocking this very thread never ends (10 s: PyPy formats a failure slowly)
def test_get_on_an_empty_queue_waits_until_another_thread_puts_an_item(impl):
    q = impl.queue.Queue()
    got, returned = [], threading.Event()

    def consume():
        got.append(q.get())
        returned.set()

    consumer = impl.threading.Thread(target=consume)
    consumer.start()
    try:
        returned_early = returned.wait(GRACE)  # nothing to get yet: it waits
    finally:
        q.put("item")
        returned.wait(TIMEOUT)
        consumer.join(TIMEOUT)

    assert not returned_early, "get() returned from an empty queue"
    assert got == ["item"]


@pytest.mark.claim("threading.queue.sentinel-stops")
def test_none_put_after_the_producer_joined_stops_the_consumer(producer_consumer_run):
    consumed, ended, q = producer_consumer_run

    assert ended, "t2.join() did not return: the consumer went on after None"
    assert None not in consumed
    assert q.calls[-1] == ("get", None)  # None was the last thing it took


@pytest.mark.claim("threading.queue.task-done")
def test_the_consumer_marks_each_item_done_before_taking_the_next(producer_consumer_run):
    _, _, q = producer_consumer_run

    sentinel = q.calls.index(("get", None))
    expected = [call for i in range(10) for call in (("get", i), ("task_done",))]
    assert q.calls[:sentinel] == expected
