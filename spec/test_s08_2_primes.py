"""§8.2 CPU 密集计算 (CPU-bound computation): 使用 multiprocessing 并行计算质数, count primes in parallel.

The exercise's program, ``impl.count_primes_parallel(n, context, processes, chunks, gate)``, cuts
[0, n) into chunks and lets a pool of worker processes count the primes of each::

    with context.Pool(processes) as pool:
        reports = pool.map(count_chunk, chunks)
    total = sum(report.count for report in reports)

Each chunk's report says which process counted it and how much CPU time that took, so the tests
can check the count, that the work left the parent, and that the workers ran at the same time.
A ``gate`` (a barrier) makes every worker wait halfway through its chunk until all of them are there.
"""

import os

import pytest

from concurrency_spec.testing.measure import cpu_over_wall, measured, require
from concurrency_spec.testing.process_gates import CountedBarrier
from concurrency_spec.testing.waits import SLOW_TIMEOUT

_runs = {}


@pytest.fixture
def primes_below_a_million(impl, mp_context, start_method):
    """One run of the program per start method, shared by the tests of this module.

    Two workers, two chunks, and a barrier for two as the gate: a worker halfway through its chunk
    waits until the other one is halfway through the other, so both workers must take part at the same
    time, whatever the order in which the pool hands out chunks.
    """
    key = (impl.name, start_method)
    if key not in _runs:
        gate = CountedBarrier(mp_context, 2, timeout=2 * SLOW_TIMEOUT)
        _runs[key] = impl.count_primes_parallel(10**6, mp_context, processes=2, chunks=2, gate=gate), gate
    return _runs[key][0]


@pytest.fixture
def gate_of_the_run(primes_below_a_million, impl, start_method):
    return _runs[(impl.name, start_method)][1]


@pytest.mark.claim("primes.parallel.exact-count")
def test_the_pool_counts_the_primes_below_a_million_exactly(primes_below_a_million):
    assert primes_below_a_million.total == 78498


@pytest.mark.claim("primes.parallel.exact-count")
def test_a_prime_on_a_chunk_boundary_counts_once_and_n_itself_not_at_all(impl, mp_context):
    # [0, 11) cut in two is [0, 5) and [5, 11): the prime 5 is where the chunks meet, and 11 is not below 11.
    assert impl.count_primes_parallel(11, mp_context, processes=2, chunks=2).total == 4  # 2, 3, 5, 7


@pytest.mark.claim("primes.parallel.exact-count")
def test_any_number_of_chunks_adds_up_to_the_same_count(impl, mp_context):
    by_default = impl.count_primes_parallel(10_000, mp_context)  # two processes, two chunks for each
    in_three = impl.count_primes_parallel(10_000, mp_context, processes=2, chunks=3)

    assert by_default.total == in_three.total == 1229
    assert len(by_default.chunks) == 4 and len(in_three.chunks) == 3


@pytest.mark.claim("primes.parallel.split-across-processes")
def test_the_chunks_are_counted_by_several_worker_processes(primes_below_a_million):
    workers = {chunk.pid for chunk in primes_below_a_million.chunks}
    assert len(workers) == 2
    assert os.getpid() not in workers


@pytest.mark.claim("primes.parallel.split-across-processes")
def test_a_pool_of_one_process_counts_every_chunk_in_that_one_worker(impl, mp_context):
    result = impl.count_primes_parallel(1000, mp_context, processes=1, chunks=3)

    workers = {chunk.pid for chunk in result.chunks}
    assert len(workers) == 1 and os.getpid() not in workers


@pytest.mark.claim("primes.parallel.cpu-parallel")
def test_the_two_workers_are_in_the_middle_of_their_chunks_at_once(primes_below_a_million, gate_of_the_run):
    # the fixture's gate is a barrier for two that each worker waits at halfway through its chunk:
    # both reached it and the run finished, so both were in the middle of their counting at once
    assert gate_of_the_run.arrivals.value == 2
    assert len({chunk.pid for chunk in primes_below_a_million.chunks}) == 2


@pytest.mark.performance
@pytest.mark.claim("primes.parallel.cpu-parallel")
def test_the_workers_count_at_the_same_time_on_two_cores(impl):
    require("multicore")
    context = impl.multiprocessing.get_context()

    def count():
        gate = context.Barrier(2, timeout=2 * SLOW_TIMEOUT)  # the workers meet halfway through their chunks
        return impl.count_primes_parallel(3 * 10**7, context, processes=2, chunks=2, gate=gate).chunks

    chunks = measured(count)
    # counting one chunk after the other, CPU time could not exceed wall time; side by side on two
    # cores it approaches twice the wall time
    assert cpu_over_wall(chunks) > 1.1, chunks
