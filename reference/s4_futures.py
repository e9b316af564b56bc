"""§4 concurrent.futures."""

from __future__ import annotations

__all__: list = []
