"""§1 Concurrency vs parallelism."""

from __future__ import annotations

__all__: list = []
