"""§3 multiprocessing."""

from __future__ import annotations

__all__: list = []
