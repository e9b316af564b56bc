"""A parallel prime counter that forgets the last chunk's count when it adds up."""

import reference.s8_2_primes as _primes
from reference import *  # noqa: F401,F403

TARGETS = ["primes.parallel.exact-count"]


def count_primes_parallel(n, context, processes=2, chunks=None, gate=None):
    result = _primes.count_primes_parallel(n, context, processes, chunks, gate)
    # breaks §8.2: every chunk is counted, but the last one is left out of the total
    return _primes.PrimeCount(sum(chunk.count for chunk in result.chunks[:-1]), result.chunks)
