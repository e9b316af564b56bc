"""§8.2 CPU 密集计算 (CPU-bound computation): 使用 multiprocessing 并行计算质数, count primes in parallel.

The exercise's program, ``impl.count_primes_parallel(n, context, processes, chunks, gate)``, cuts
[0, n) into chunks and lets a pool of worker processes count the primes of each::

    with context.Pool(processes) as pool:
        reports = pool.map(count_chunk, chunks)
    total = sum(report.count for report in reports)

Each chunk's report says which process counted it and how much CPU time that took, so the tests
can check the count, that the work left the parent, and that the workers ran at the same time.
A ``gate`` (a barrier) makes every worker wait at the start line until all of them hold a chunk.
"""

import os

import pytest

from concurrency_spec.testing import not_applicable

_runs = {}


@pytest.fixture
def primes_below_a_million(impl, mp_context, start_method):
    """One run of the program per start method, shared by the tests of this module.

    Two workers, two chunks, and a barrier for two as the gate: a worker holding a chunk waits until
    the other one holds one too, so both workers must take part, whatever the order in which the
    pool hands out chunks.
    """
    key = (impl.name, start_method)
    if key not in _runs:
        gate = mp_context.Barrier(2, timeout=5)
        _runs[key] = impl.count_primes_parallel(10**6, mp_context, processes=2, chunks=2, gate=gate)
    return _runs[key]


@pytest.mark.claim("primes.parallel.exact-count")
def test_the_pool_counts_the_primes_below_a_million_exactly(primes_below_a_million):
    assert primes_below_a_million.total == 78498


@pytest.mark.claim("primes.parallel.exact-count")
def test_a_prime_on_a_chunk_boundary_counts_once_and_n_itself_not_at_all(impl, mp_context):
    # [0, 11) cut in two is [0, 5) and [5, 11): the prime 5 is where the chunks meet, and 11 is not below 11.
    assert impl.count_primes_parallel(11, mp_context, processes=2, chunks=2).total == 4  # 2, 3, 5, 7


@pytest.mark.claim("primes.parallel.split-across-processes")
def test_the_chunks_are_counted_by_several_worker_processes(primes_below_a_million):
    workers = {chunk.pid for chunk in primes_below_a_million.chunks}
    assert len(workers) == 2
    assert os.getpid() not in workers


@pytest.mark.performance
@pytest.mark.claim("primes.parallel.cpu-parallel")
def test_the_workers_count_at_the_same_time_on_two_cores(impl):
    context = impl.multiprocessing.get_context()
    gate = context.Barrier(2, timeout=5)  # both workers start counting together
    chunks = impl.count_primes_parallel(3 * 10**7, context, processes=2, chunks=2, gate=gate).chunks

    skip_if_the_cores_were_busy(chunks)
    cpu = sum(chunk.cpu_seconds for chunk in chunks)
    wall = max(chunk.ended for chunk in chunks) - min(chunk.began for chunk in chunks)
    # counting one chunk after the other, CPU time could not exceed wall time; side by side on two
    # cores it approaches twice the wall time
    assert cpu > 1.1 * wall, f"{cpu:.3f} s of CPU in {wall:.3f} s of wall time"


def skip_if_the_cores_were_busy(runs, share=0.75, lag=0.2):
    """Report not applicable when other processes left a worker less than ``share`` of a core, or kept
    one from starting: past the gate both workers are ready to count, so a worker that begins later
    than ``lag`` of a chunk's time after the other was waiting for a core."""
    got = min(run.cpu_seconds / max(run.ended - run.began, 1e-9) for run in runs)
    if got < share:
        not_applicable(f"a worker got only {got:.0%} of a core while it ran: other processes use the cores")
    late = max(run.began for run in runs) - min(run.began for run in runs)
    if late > lag * min(run.ended - run.began for run in runs):
        not_applicable(f"a worker began {late * 1000:.0f} ms after the other had passed the gate: "
                       "other processes use the cores")
