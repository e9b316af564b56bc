"""Helpers for the claims measured in CPU time (marked ``performance``).

Parallelism shows only in time: work that uses more CPU time than the wall time it takes ran on
several cores at once. That is measured with generous, one-sided bounds, and only where it can show:
each worker must have had a core to itself while it ran. On a busy machine it cannot; the
measurement is then taken again (a few attempts) before the test is reported not applicable, with
the shares of a core the workers got. Each such claim also has a deterministic companion test (the
workers meet at a barrier in the middle of their work), so it has a verdict even on a busy machine.
"""

from __future__ import annotations

import time
from typing import Any, Callable, Sequence

from concurrency_spec.claims import check_condition
from concurrency_spec.pytest_plugin.core import not_applicable

ATTEMPTS = 3
SHARE = 0.75  # the least share of a core each worker must get for the measurement to count
LAG = 0.2  # the most a worker may start late, as a share of the shortest run


def calibrated(work: Callable[[int], Any], seconds: float) -> int:
    """An n for which work(n) takes about ``seconds`` here (measured after a warm-up, for PyPy's JIT)."""
    n = 20_000
    work(n)
    began = time.perf_counter()
    work(n)
    return max(n, int(n * seconds / max(time.perf_counter() - began, 1e-6)))


def require(condition: str) -> None:
    """Report the running test not applicable unless ``condition`` (as in a claim's ``requires``) holds."""
    reason = check_condition(condition)
    if reason:
        not_applicable(reason)


def _began(run: Any) -> float:
    return float(getattr(run, "began", getattr(run, "started", 0.0)))


def cpu_over_wall(runs: Sequence[Any]) -> float:
    """Total CPU time of the runs divided by the wall time from the first start to the last end."""
    wall = max(run.ended for run in runs) - min(_began(run) for run in runs)
    return sum(run.cpu_seconds for run in runs) / max(wall, 1e-9)


def why_it_cannot_show(runs: Sequence[Any], share: float = SHARE, lag: float = LAG) -> str:
    """Why parallelism cannot show in these runs (a worker got less than ``share`` of a core, or began
    late: it was waiting for a core); "" when it can."""
    shares = [run.cpu_seconds / max(run.ended - _began(run), 1e-9) for run in runs]
    if min(shares) < share:
        return (
            "the cores are busy with other work: the workers got only "
            + ", ".join(f"{got:.0%}" for got in shares)
            + " of a core while they ran"
        )
    late = max(_began(run) for run in runs) - min(_began(run) for run in runs)
    if late > lag * min(run.ended - _began(run) for run in runs):
        return f"the cores are busy with other work: a worker began {late * 1000:.0f} ms after the other"
    return ""


def measured(run: Callable[[], Sequence[Any]], attempts: int = ATTEMPTS, **bounds: float) -> Sequence[Any]:
    """The runs of ``run()`` from the first of ``attempts`` tries in which parallelism can show; when
    none can (a busy machine), the test is reported not applicable with the last reason."""
    reason = ""
    for _ in range(attempts):
        runs = run()
        reason = why_it_cannot_show(runs, **bounds)
        if not reason:
            return runs
    not_applicable(f"{reason} ({attempts} attempts)")
    raise AssertionError("unreachable")  # not_applicable raises
