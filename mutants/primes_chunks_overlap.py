"""A parallel prime counter whose chunks overlap by one number: a prime where two chunks meet counts twice."""

from concurrency_spec.reference import Reference
from concurrency_spec.reference import s08_2_primes as _primes

TARGETS = ["primes.parallel.exact-count"]


class Implementation(Reference):
    def count_primes_parallel(impl, n, context=None, processes=2, chunks=None, gate=None):
        context = context or impl.multiprocessing.get_context()
        bounds = [(start, stop + 1) for start, stop in _primes.split(n, chunks or 2 * processes)]
        bounds[-1] = (bounds[-1][0], n)  # breaks §8.2: each chunk but the last also counts its upper edge
        with context.Pool(processes, initializer=_primes._set_gate, initargs=(gate,)) as pool:
            reports = pool.map(_primes._count_chunk, bounds, chunksize=1)
        return _primes.PrimeCount(sum(report.count for report in reports), tuple(reports))
