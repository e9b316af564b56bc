"""concurrency_spec/testing/measure.py proves itself: it reports CPU time against wall time correctly. The
CPU over wall of runs is their total CPU time over the time from the first start to the last end; a
measurement counts only when every worker had at least ``share`` of a core and began within ``lag`` of the
shortest run after the first, and otherwise says why; ``measured`` tries again, then reports the test not
applicable; ``calibrated`` sizes work from one timed run after a warm-up.

The runs here are made up (CPU seconds, began or started, ended), so the arithmetic is checked exactly,
on any machine; ``calibrated`` runs against a clock that only the work moves.
"""

from types import SimpleNamespace

import pytest

from concurrency_spec.testing import measure


def run(began, ended, cpu, field="began"):
    """A made-up report of one worker: its CPU seconds, when it began (or started) and ended."""
    return SimpleNamespace(**{field: began, "ended": ended, "cpu_seconds": cpu})


def test_a_run_began_when_its_report_says_began_or_started():
    assert measure._began(run(10.5, 11.0, 0.5)) == 10.5
    assert measure._began(run(10.5, 11.0, 0.5, field="started")) == 10.5
    assert measure._began(SimpleNamespace(ended=11.0, cpu_seconds=0.5)) == 0.0


def test_cpu_over_wall_is_the_total_cpu_time_over_the_time_from_the_first_start_to_the_last_end():
    runs = [run(10.0, 10.2, 0.2), run(10.1, 10.3, 0.2, field="started")]

    assert measure.cpu_over_wall(runs) == pytest.approx(0.4 / 0.3)


def test_cpu_over_wall_of_runs_that_took_no_wall_time_is_finite():
    assert measure.cpu_over_wall([run(10.0, 10.0, 0.001)]) == pytest.approx(0.001 / 1e-9)


def test_runs_that_each_had_a_core_and_began_together_can_show_parallelism():
    runs = [run(10.0, 10.5, 0.5), run(10.05, 10.55, 0.45, field="started")]

    assert measure.why_it_cannot_show(runs) == ""


def test_a_worker_with_less_than_its_share_of_a_core_is_why_it_cannot_show():
    runs = [run(10.0, 10.5, 0.5), run(10.0, 10.5, 0.2)]

    assert measure.why_it_cannot_show(runs) == (
        "the cores are busy with other work: the workers got only 100%, 40% of a core while they ran"
    )


def test_a_worker_with_exactly_its_share_of_a_core_counts():
    runs = [run(10.0, 11.0, 0.75), run(10.0, 11.0, 1.0)]

    assert measure.why_it_cannot_show(runs, share=0.75) == ""


def test_a_worker_that_began_later_than_lag_times_the_shortest_run_is_why_it_cannot_show():
    runs = [run(10.0, 11.0, 1.0), run(10.6, 11.6, 1.0)]

    assert measure.why_it_cannot_show(runs, lag=0.5) == (
        "the cores are busy with other work: a worker began 600 ms after the other"
    )


@pytest.mark.parametrize("late", [0.25, 0.5])  # within, and exactly at, lag times the shortest run
def test_a_worker_that_began_within_lag_times_the_shortest_run_counts(late):
    runs = [run(0.0, 2.0, 2.0), run(late, late + 2.0, 2.0), run(0.0, 4.0, 4.0)]

    assert measure.why_it_cannot_show(runs, lag=0.25) == ""


def applicable(call):
    """What ``call()`` returns; a failure, not a skip, if it reports the test not applicable."""
    try:
        return call()
    except pytest.skip.Exception as skipped:
        pytest.fail(f"reported not applicable: {skipped}")


def test_measured_returns_the_runs_of_the_first_attempt_in_which_parallelism_can_show():
    busy, free = [run(10.0, 11.0, 0.5)], [run(10.0, 11.0, 0.6)]
    attempts = iter([busy, free, busy])

    assert applicable(lambda: measure.measured(lambda: next(attempts), share=0.6)) is free
    assert next(attempts) is busy  # no third attempt


def test_measured_reports_the_test_not_applicable_after_its_attempts_with_the_last_reason():
    made = []

    def attempt():
        made.append(len(made) + 1)
        return [run(10.0, 11.0, 0.1 * len(made))]

    with pytest.raises(pytest.skip.Exception) as skipped:
        measure.measured(attempt, attempts=2)

    assert made == [1, 2]
    assert str(skipped.value) == (
        "not applicable: the cores are busy with other work: the workers got only 20% of a core while "
        "they ran (2 attempts)"
    )


def test_require_reports_the_test_not_applicable_unless_the_condition_holds():
    applicable(lambda: measure.require("python>=3.0"))

    with pytest.raises(pytest.skip.Exception, match="^not applicable: .*3000"):
        measure.require("python>=3000.0")


class WorkClock:
    """A clock that only the work moves: work(n) takes ``per_item`` seconds for each of its n items."""

    def __init__(self, per_item):
        self.now, self.per_item, self.sizes = 100.0, per_item, []

    def perf_counter(self):
        return self.now

    def work(self, n):
        self.sizes.append(n)
        self.now += n * self.per_item


def test_calibrated_sizes_the_work_from_a_timed_run_after_a_warm_up(monkeypatch):
    clock = WorkClock(per_item=1e-6)  # 20 000 items take 0.02 s
    monkeypatch.setattr(measure, "time", clock)

    assert measure.calibrated(clock.work, 0.5) == 500_000
    assert len(clock.sizes) == 2  # a warm-up, then the timed run


@pytest.mark.parametrize("per_item", [1e-3, 0.0])  # slower than asked; too fast to time
def test_calibrated_work_is_never_smaller_than_the_timed_run(monkeypatch, per_item):
    clock = WorkClock(per_item)
    monkeypatch.setattr(measure, "time", clock)

    n = measure.calibrated(clock.work, 0.5 if per_item else 1e-9)

    assert n == clock.sizes[-1]
