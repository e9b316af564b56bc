"""§9 questions, answered."""

from __future__ import annotations

__all__: list = []
