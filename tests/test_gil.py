"""concurrency_spec/testing/gil.py proves itself: ``overlapping`` tells intervals that overlap from intervals
one after the other, in any order; ``no_forced_switches`` sets a long switch interval and puts
the previous one back."""

import sys

import pytest

from concurrency_spec.testing.gil import SWITCH_INTERVAL, no_forced_switches, overlapping


@pytest.mark.parametrize(
    "intervals",
    [
        [(0.0, 2.0), (1.0, 3.0)],
        [(1.0, 3.0), (0.0, 2.0)],  # in any order
        [(5.0, 6.0), (0.0, 1.0), (0.5, 0.7)],  # one inside another, not next to each other in the list
        [(0.0, 1.0), (2.0, 3.0), (2.5, 4.0)],  # the last two
    ],
)
def test_intervals_that_share_an_instant_overlap(intervals):
    assert overlapping(intervals)


@pytest.mark.parametrize(
    "intervals",
    [
        [],
        [(0.0, 1.0)],
        [(0.0, 1.0), (2.0, 3.0)],
        [(2.0, 3.0), (0.0, 1.0), (4.0, 5.0)],
        # one ends at the instant the next begins, as a coarse clock reports one thread handing over to
        # the next: one after the other
        [(0.0, 1.0), (1.0, 2.0)],
    ],
)
def test_intervals_one_after_the_other_do_not_overlap(intervals):
    assert not overlapping(intervals)


def test_no_forced_switches_sets_a_long_switch_interval_and_puts_the_previous_back():
    previous = sys.getswitchinterval()
    with no_forced_switches():
        assert sys.getswitchinterval() == SWITCH_INTERVAL
    assert sys.getswitchinterval() == previous
