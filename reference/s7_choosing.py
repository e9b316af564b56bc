"""§7 choosing a concurrency model."""

from __future__ import annotations

__all__: list = []
