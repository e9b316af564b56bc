"""§9.5 思考题: 进程间共享数据有什么风险? (What are the risks of sharing data between processes?)

Three risks, each a fact checked here (under every start method the platform offers, where the
start method matters):

- lost updates: ``counter.value += 1`` on a shared ``Value`` (§3.4) reads, then writes: two
  processes that both read before either writes lose an update (forced here, between the read and
  the write); it is exact only when each read-modify-write runs inside ``with counter.get_lock():``;
- pickling: whatever goes to another process is pickled, and a lambda, a generator or a
  ``threading.Lock`` cannot be; under spawn and forkserver that includes a Process's target and args;
- copies: a child works on copies of plain objects; only shared memory (``Value``, ``Array``) is seen
  by the parent.

The document's §3.4 program, with a plain list added::

    def worker(counter, arr):
        counter.value += 1
        arr[0] = 100
"""

import multiprocessing
import pickle

import pytest

from concurrency_spec.testing import not_applicable
from concurrency_spec.testing.process_gates import MeetsBetweenReadAndWrite
from concurrency_spec.testing.waits import SLOW_TIMEOUT

PICKLING_ERRORS = (pickle.PicklingError, TypeError, AttributeError)


class LockThatSeesBareAccess:
    """A recursive lock for a shared Value that counts the accesses made outside ``get_lock()``.

    Every ``counter.value`` read or write takes the Value's lock itself. Inside
    ``with counter.get_lock():`` that is a nested acquisition; a bare ``counter.value += 1`` takes
    the lock for the read and again for the write, each time with nothing nested inside. This lock
    counts those bare sections, in shared memory, so that a program skipping ``get_lock()`` is seen
    even on a run where no update happened to be lost.
    """

    def __init__(self, context):
        self._lock = context.RLock()
        self.bare_sections = context.Value("i", 0, lock=False)
        self._depth = 0  # per process (and this lock is only used by one thread per process)
        self._nested = 0

    def acquire(self, block=True, timeout=None):
        if not self._lock.acquire(block, timeout):
            return False
        if self._depth == 0:
            self._nested = 0
        else:
            self._nested += 1
        self._depth += 1
        return True

    def release(self):
        self._depth -= 1
        if self._depth == 0 and self._nested == 0:
            self.bare_sections.value += 1  # still under the lock
        self._lock.release()

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc_info):
        self.release()


def run_four_adders(impl, context, counter):
    workers = [context.Process(target=impl.add_to_shared, args=(counter, 1000)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(SLOW_TIMEOUT)
    return [worker.exitcode for worker in workers]


@pytest.mark.claim("sharing.value.unlocked-update-lost")
def test_two_workers_that_both_read_before_either_writes_lose_an_update(impl, mp_context):
    counter, arr = mp_context.Value("i", 0), mp_context.Array("d", [1.0, 2.0, 3.0])
    both_have_read = mp_context.Barrier(2, timeout=2 * SLOW_TIMEOUT)  # (a timeout only a lock runs into)
    shared = MeetsBetweenReadAndWrite(counter, both_have_read)  # counter.value += 1 waits after its read
    workers = [mp_context.Process(target=impl.shared_memory_worker, args=(shared, arr)) for _ in range(2)]
    try:
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(2 * SLOW_TIMEOUT)
    finally:
        for worker in workers:
            if getattr(worker, "pid", None) is not None and worker.is_alive():
                worker.kill()
                worker.join(SLOW_TIMEOUT)

    assert [worker.exitcode for worker in workers] == [0, 0]
    assert counter.value == 1  # two increments, one lost: both wrote 0 + 1
    assert arr[:] == [100.0, 2.0, 3.0]


@pytest.mark.claim("sharing.value.locked-updates-exact")
def test_increments_under_get_lock_from_four_processes_are_exact(impl, mp_context):
    counter = mp_context.Value("i", 0)
    assert run_four_adders(impl, mp_context, counter) == [0] * 4
    assert counter.value == 4000


@pytest.mark.claim("sharing.value.locked-updates-exact")
def test_every_read_and_write_of_the_shared_value_is_inside_get_lock(impl):
    # Exact totals alone prove little: four processes may happen not to collide. This checks the
    # cause instead, on every increment. Under fork the workers inherit the instrument; spawn and
    # forkserver would make each of them import this module, and pytest with it.
    if "fork" not in multiprocessing.get_all_start_methods():
        not_applicable("the instrument needs the fork start method")
    context = impl.multiprocessing.get_context("fork")
    assert_the_instrument_sees_bare_access(context)
    lock = LockThatSeesBareAccess(context)
    counter = context.Value("i", 0, lock=lock)

    assert run_four_adders(impl, context, counter) == [0] * 4
    assert lock.bare_sections.value == 0, "reads or writes of the value ran outside get_lock()"
    assert counter.get_obj().value == 4000


def assert_the_instrument_sees_bare_access(context):
    """The instrument, checked first: a bare ``+= 1`` is two bare sections, one under get_lock() none."""
    lock = LockThatSeesBareAccess(context)
    counter = context.Value("i", 0, lock=lock)
    with counter.get_lock():
        counter.value += 1
    assert lock.bare_sections.value == 0
    counter.value += 1
    assert lock.bare_sections.value == 2


@pytest.mark.claim("sharing.pickle.sent-objects")
def test_sending_unpicklable_objects_to_another_process_raises(impl):
    sending_end, receiving_end = impl.multiprocessing.get_context().Pipe()
    try:
        for unpicklable in (lambda: None, (n for n in range(3)), impl.threading.Lock()):
            with pytest.raises(PICKLING_ERRORS):
                sending_end.send(unpicklable)
        sending_end.send([1, 2, 3])  # a plain list pickles: it goes through
        assert receiving_end.recv() == [1, 2, 3]
    finally:
        sending_end.close()
        receiving_end.close()


@pytest.mark.claim("sharing.pickle.spawn-process-args")
def test_start_raises_on_unpicklable_target_or_args_under_spawn_or_forkserver(impl, mp_context, start_method):
    if start_method == "fork":
        not_applicable("fork copies the parent process: nothing is pickled at start()")
    doomed = [
        mp_context.Process(target=lambda: None),
        mp_context.Process(
            target=impl.add_to_shared, args=(impl.threading.Lock(), 1)
        ),  # a threading.Lock, not a Value
        mp_context.Process(target=impl.run_in_threads, args=(impl.sum_of_squares, (n for n in range(3)))),
    ]
    for process in doomed:
        with pytest.raises(PICKLING_ERRORS):
            process.start()
        assert process.pid is None  # no child was started


@pytest.mark.claim("sharing.copy-not-shared")
def test_a_child_changes_shared_memory_but_only_a_copy_of_a_list(impl, mp_context):
    items = ["made in the parent"]
    counter = mp_context.Value("i", 41)
    array = mp_context.Array("d", [1.0, 2.0, 3.0])
    child = mp_context.Process(target=impl.change_in_child, args=(items, counter, array))
    child.start()
    child.join(SLOW_TIMEOUT)

    assert child.exitcode == 0
    assert items == ["made in the parent"]  # the child appended to its own copy
    assert counter.value == 42  # counter.value += 1 in the child
    assert array[:] == [100.0, 2.0, 3.0]
