"""§8.2 exercise: primes in parallel with multiprocessing."""

from __future__ import annotations

__all__: list = []
