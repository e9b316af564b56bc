"""§8.3 exercise: a multi-threaded producer/consumer."""

from __future__ import annotations

__all__: list = []
