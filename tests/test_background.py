"""concurrency_spec/testing/background.py proves itself: Background runs its program in a helper thread named
``test-background`` while the test goes on, says when the program has returned, and hands the test what it
returned or raised."""

import threading

import pytest

from concurrency_spec.testing.background import Background

WAIT = 5.0  # what happens at once gets this long: only a broken instrument ever waits it out
SHORT = 0.05  # a wait the test lets run out on purpose


def test_the_program_runs_in_a_helper_thread_named_test_background_and_its_value_is_the_result():
    def where(a, b):
        return a + b, threading.current_thread().name, threading.get_ident()

    program = Background(where, 2, 3)

    value, name, thread = program.result()
    assert (value, name) == (5, "test-background")
    assert thread != threading.get_ident()
    assert program.returned.is_set()


def test_what_the_program_raises_is_raised_by_result():
    def fail():
        raise ValueError("the program's own error")

    program = Background(fail)

    with pytest.raises(ValueError, match="the program's own error"):
        program.result()
    assert program.returned.is_set()


def test_while_the_program_runs_it_has_not_returned_nor_finished():
    go = threading.Event()
    program = Background(go.wait, WAIT)
    try:
        assert not program.finished(SHORT)
        assert not program.returned.is_set()
    finally:
        go.set()

    assert program.finished(WAIT)
    assert program.returned.wait(WAIT)
    assert program.result() is True
