"""§8.1 exercise: concurrent download with asyncio."""

from __future__ import annotations

__all__: list = []
