"""concurrency_spec/testing/process_gates.py proves itself: a file gate holds its caller until the file
exists and gives up at its timeout, not before; HeldTasks counts the tasks that started and lets them go
when its block ends; the work that meets halfway meets once and still computes its sum; a CountedBarrier
counts the waits on it and breaks after its timeout.

Timeouts run on a virtual clock that the instrument's own pauses move (``time`` in the module stands for
it), so they are exact and instant; a file "made by another process" is made at one of those pauses.
"""

import multiprocessing
import os
import threading

import pytest

from concurrency_spec.testing import process_gates
from concurrency_spec.testing.process_gates import (
    POLL,
    CountedBarrier,
    HeldTasks,
    MeetsBetweenReadAndWrite,
    files_made,
    gated_square,
    gated_sum_of_squares,
    held_getpid,
    seen_mark,
    squares_meeting_in_folder,
    squares_meeting_midway,
    touch,
    wait_for_file,
)
from concurrency_spec.testing.waits import TIMEOUT

WAIT = 5.0  # what happens at once gets this long: only a broken instrument ever waits it out


class VirtualClock:
    """Stands for ``time`` in process_gates: a pause moves the clock at once, and may make a file first
    (``make(path, at_pause)``), as another process would while the caller waits."""

    def __init__(self):
        self.now, self.pauses, self._makes = 1000.0, 0, {}

    def monotonic(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds
        self.pauses += 1
        for path in self._makes.pop(self.pauses, []):
            touch(path)

    def make(self, path, at_pause):
        self._makes.setdefault(at_pause, []).append(path)

    def elapsed_since(self, start):
        return self.now - start


@pytest.fixture
def clock(monkeypatch):
    virtual = VirtualClock()
    monkeypatch.setattr(process_gates, "time", virtual)
    return virtual


def sum_of_squares(n):
    return (n - 1) * n * (2 * n - 1) // 6


def assert_gave_up_at(clock, start, timeout):
    assert timeout < clock.elapsed_since(start) <= timeout + POLL * 1.001


def test_wait_for_file_is_true_at_once_for_a_file_that_exists(tmp_path, clock):
    touch(tmp_path / "go")

    assert wait_for_file(tmp_path / "go", timeout=1.0) is True
    assert clock.pauses == 0


def test_wait_for_file_is_true_once_the_file_is_made(tmp_path, clock):
    clock.make(tmp_path / "go", at_pause=3)

    assert wait_for_file(tmp_path / "go", timeout=1.0) is True
    assert clock.pauses == 3


def test_wait_for_file_gives_up_at_its_timeout_and_not_before(tmp_path, clock):
    start = clock.now

    assert wait_for_file(tmp_path / "go", timeout=0.05) is False
    assert_gave_up_at(clock, start, 0.05)


def test_files_made_is_true_once_there_are_as_many_files_as_asked(tmp_path, clock):
    touch(tmp_path / "1")
    clock.make(tmp_path / "2", at_pause=2)

    assert files_made(tmp_path, 1, timeout=1.0) is True
    assert clock.pauses == 0
    assert files_made(tmp_path, 2, timeout=1.0) is True
    assert clock.pauses == 2


def test_files_made_gives_up_at_its_timeout_and_not_before(tmp_path, clock):
    touch(tmp_path / "1")
    start = clock.now

    assert files_made(tmp_path, 2, timeout=0.05) is False
    assert_gave_up_at(clock, start, 0.05)


def test_held_getpid_says_it_started_then_waits_for_its_gate_then_returns_this_pid(tmp_path, clock):
    clock.make(tmp_path / "go", at_pause=2)

    assert held_getpid(str(tmp_path / "started"), str(tmp_path / "go"), 1.0) == os.getpid()
    assert (tmp_path / "started").exists() and clock.pauses == 2


def test_held_getpid_raises_when_its_gate_is_not_opened_within_its_timeout(tmp_path, clock):
    start = clock.now

    with pytest.raises(TimeoutError, match="the start gate .*go was never opened"):
        held_getpid(str(tmp_path / "started"), str(tmp_path / "go"), 3 * TIMEOUT)

    assert (tmp_path / "started").exists()
    assert_gave_up_at(clock, start, 3 * TIMEOUT)


def test_gated_square_squares_at_once_without_a_gate_and_once_its_gate_opens(tmp_path, clock):
    assert gated_square(3) == 9
    clock.make(tmp_path / "go", at_pause=2)
    assert gated_square(4, str(tmp_path / "go")) == 16
    assert clock.pauses == 2


def test_gated_square_raises_when_its_gate_never_opens(tmp_path, clock):
    start = clock.now

    with pytest.raises(TimeoutError, match="the start gate .*go was never opened"):
        gated_square(3, str(tmp_path / "go"))
    assert_gave_up_at(clock, start, TIMEOUT)


def test_gated_sum_of_squares_waits_for_its_gate_then_says_it_started_then_computes(tmp_path, clock):
    assert gated_sum_of_squares(1000) == (os.getpid(), sum_of_squares(1000))
    clock.make(tmp_path / "go", at_pause=2)

    result = gated_sum_of_squares(1000, str(tmp_path / "go"), str(tmp_path / "started"))

    assert result == (os.getpid(), sum_of_squares(1000))
    assert (tmp_path / "started").exists() and clock.pauses == 2


def test_gated_sum_of_squares_raises_when_its_gate_never_opens(tmp_path, clock):
    with pytest.raises(TimeoutError, match="the start gate .*go was never opened"):
        gated_sum_of_squares(10, str(tmp_path / "go"), str(tmp_path / "started"))
    assert not (tmp_path / "started").exists()


def test_held_tasks_count_the_tasks_that_started_and_let_them_go_when_the_block_ends(tmp_path):
    results = []
    with HeldTasks(tmp_path, 3, WAIT) as held:
        tasks = [threading.Thread(target=lambda a=a: results.append(held_getpid(*a))) for a in held.args]
        for task in tasks[:2]:
            task.start()
        assert held.started(2, WAIT)
        assert held.count_started == 2
        assert not results  # each started task waits for the end of the block
        assert all(timeout == WAIT for _, _, timeout in held.args)
    for task in tasks[:2]:
        task.join(WAIT)

    assert results == [os.getpid(), os.getpid()]


def test_held_tasks_started_gives_up_after_the_wait_it_is_given(tmp_path, clock):
    held = HeldTasks(tmp_path, 2, WAIT)
    touch(held.args[0][0])  # one task started
    start = clock.now

    assert held.started(1, 0.5) is True
    assert held.started(2, 0.5) is False
    assert_gave_up_at(clock, start, 0.5)


class Midway:
    """A stand-in for a barrier: counts the waits on it."""

    def __init__(self):
        self.waits = 0

    def wait(self):
        self.waits += 1


@pytest.mark.parametrize("n", [0, 1, 1001])
def test_squares_meeting_midway_meet_once_and_sum_the_squares(n):
    midway = Midway()

    assert squares_meeting_midway((n, midway)) == (sum_of_squares(n), os.getpid())
    assert midway.waits == 1


def test_squares_meeting_in_folder_say_they_are_there_and_go_on_once_every_call_is(tmp_path, clock):
    touch(tmp_path / "another call")

    assert squares_meeting_in_folder((1001, str(tmp_path), 2)) == (sum_of_squares(1001), os.getpid())
    assert sorted(os.listdir(tmp_path)) == sorted([str(os.getpid()), "another call"])
    assert clock.pauses == 0


def test_squares_meeting_in_folder_wait_for_the_others_and_raise_when_they_never_come(tmp_path, clock):
    clock.make(tmp_path / "another call", at_pause=3)
    assert squares_meeting_in_folder((10, str(tmp_path), 2))[0] == sum_of_squares(10)
    assert clock.pauses == 3
    start = clock.now

    with pytest.raises(TimeoutError, match=f"^only 2 of 3 calls met in {tmp_path}"):
        squares_meeting_in_folder((10, str(tmp_path), 3))
    assert_gave_up_at(clock, start, TIMEOUT)


def test_a_counted_barrier_counts_every_wait_and_lets_them_go_together():
    barrier = CountedBarrier(multiprocessing.get_context(), 2, timeout=WAIT)
    indices = []
    other = threading.Thread(target=lambda: indices.append(barrier.wait()), daemon=True)
    other.start()
    indices.append(barrier.wait())
    other.join(WAIT)

    assert sorted(indices) == [0, 1]
    assert barrier.arrivals.value == 2


def test_a_counted_barrier_breaks_after_its_timeout_when_the_others_never_come():
    barrier = CountedBarrier(multiprocessing.get_context(), 2, timeout=0.05)
    outcome = []

    def wait_alone():
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            outcome.append("broken")

    alone = threading.Thread(target=wait_alone, daemon=True)
    alone.start()
    alone.join(WAIT)

    assert outcome == ["broken"]
    assert barrier.arrivals.value == 1


def test_a_read_between_read_and_write_waits_until_the_other_has_read_too():
    shared = multiprocessing.get_context().Value("i", 0)
    both_have_read = threading.Barrier(2, timeout=WAIT)
    counter = MeetsBetweenReadAndWrite(shared, both_have_read)

    def increment():
        counter.value += 1  # the read waits at the barrier until the other has read too

    others = threading.Thread(target=increment, daemon=True)
    others.start()
    increment()
    others.join(WAIT)

    assert shared.value == 1  # both read 0 before either wrote: one update is lost
    assert counter.get_lock() is shared.get_lock()


def test_seen_mark_is_what_this_process_set():
    process_gates.parent_state["mark"] = "set here"
    try:
        assert seen_mark() == "set here"
    finally:
        process_gates.parent_state["mark"] = ""
