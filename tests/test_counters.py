"""concurrency_spec/testing/counters.py proves itself: InFlight's peak counts the callers inside at the same
time, and only those; a Gate holds its callers until the test opens it, and no longer than its timeout.

``python3 dev.py mutate`` runs these with the spec: a mutant of an instrument that no claim's test notices
fails here.
"""

import threading
import time

from concurrency_spec.testing.counters import Gate, InFlight

WAIT = 5.0  # what happens at once gets this long: only a broken instrument ever waits it out
SHORT = 0.05  # a timeout the test waits out on purpose


def hold_inside(counter, count):
    """``count`` threads inside ``counter`` at once, each until the returned event is set."""
    release = threading.Event()

    def inside():
        with counter.inside():
            release.wait(WAIT)

    threads = [threading.Thread(target=inside, daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    return release, threads


def finish(release, threads):
    release.set()
    for thread in threads:
        thread.join(WAIT)


def returns_within(seconds, call):
    """True if ``call()`` returns within ``seconds`` (it runs in a daemon thread, left behind if it hangs)."""
    thread = threading.Thread(target=call, daemon=True)
    thread.start()
    thread.join(seconds)
    return not thread.is_alive()


def test_a_new_counter_has_had_nobody_inside():
    counter = InFlight()

    assert (counter.now, counter.peak, counter.entered) == (0, 0, 0)


def test_the_peak_counts_the_callers_inside_at_the_same_time():
    counter = InFlight()
    release, threads = hold_inside(counter, 3)
    try:
        assert counter.wait_for(3, WAIT)
        assert (counter.now, counter.peak, counter.entered) == (3, 3, 3)
    finally:
        finish(release, threads)

    assert (counter.now, counter.peak, counter.entered) == (0, 3, 3)
    with counter.inside():  # one more, alone: the peak stays the most there ever were at once
        assert counter.now == 1
    assert (counter.now, counter.peak, counter.entered) == (0, 3, 4)


def test_callers_one_after_the_other_make_a_peak_of_one():
    counter = InFlight()
    for _ in range(3):
        with counter.inside():
            assert counter.now == 1

    assert (counter.now, counter.peak, counter.entered) == (0, 1, 3)


def test_wait_for_returns_as_soon_as_enough_callers_are_inside():
    counter = InFlight()
    release, threads = hold_inside(counter, 2)
    try:
        began = time.monotonic()
        assert counter.wait_for(2, timeout=30 * WAIT)
        assert time.monotonic() - began < WAIT  # woken by the second caller, not by the timeout
    finally:
        finish(release, threads)


def test_wait_for_gives_up_after_its_timeout_when_too_few_are_inside():
    counter = InFlight()
    release, threads = hold_inside(counter, 1)
    outcome = []
    try:
        assert counter.wait_for(1, WAIT)
        began = time.monotonic()
        assert returns_within(WAIT, lambda: outcome.append(counter.wait_for(2, timeout=SHORT)))
        assert time.monotonic() - began >= SHORT
    finally:
        finish(release, threads)

    assert outcome == [False]


def test_a_gate_holds_its_callers_until_the_test_opens_it():
    gate, opened, seen = Gate(timeout=30 * WAIT), threading.Event(), []

    def wait_at_the_gate():
        gate.wait(2.0)
        seen.append(opened.is_set())  # was the gate opened when this caller went on?

    callers = [threading.Thread(target=wait_at_the_gate, daemon=True) for _ in range(2)]
    for caller in callers:
        caller.start()
    assert gate.wait_until_inside(2)
    opened.set()
    gate.open()
    for caller in callers:
        caller.join(WAIT)  # an open gate lets its callers go at once, long before its timeout

    assert seen == [True, True]
    assert (gate.peak, gate.inside.now) == (2, 0)


def test_a_gate_never_opened_lets_its_caller_go_after_its_timeout():
    gate = Gate(timeout=SHORT)
    began = time.monotonic()

    assert returns_within(WAIT, gate.wait)
    assert time.monotonic() - began >= SHORT
    assert (gate.peak, gate.inside.now) == (1, 0)


def test_an_open_gate_does_not_hold_later_callers():
    gate = Gate(timeout=30 * WAIT)
    gate.open()

    assert returns_within(WAIT, gate.wait)
