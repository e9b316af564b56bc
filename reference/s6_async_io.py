"""§6 async I/O libraries (aiohttp, aiofiles)."""

from __future__ import annotations

__all__: list = []
