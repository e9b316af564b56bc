"""A parallel prime counter that forgets the last chunk's count when it adds up."""

from concurrency_spec.reference import Reference
from concurrency_spec.reference import s08_2_primes as _primes

TARGETS = ["primes.parallel.exact-count"]


class Implementation(Reference):
    def count_primes_parallel(impl, n, context=None, processes=2, chunks=None, gate=None):
        result = super().count_primes_parallel(n, context, processes, chunks, gate)
        # breaks §8.2: every chunk is counted, but the last one is left out of the total
        return _primes.PrimeCount(sum(chunk.count for chunk in result.chunks[:-1]), result.chunks)
