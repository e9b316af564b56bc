"""§9 questions on asyncio (9.3 asyncio vs threads, 9.4 cancelling a coroutine), answered."""

from __future__ import annotations

__all__: list = []
