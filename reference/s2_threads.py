"""§2 threading: Thread, Lock, queue.Queue, and the document's programs built on them."""

from __future__ import annotations

import queue
import threading
import time
from typing import Callable, List, Optional

__all__ = ["Thread", "Lock", "Queue", "worker"]

Thread = threading.Thread
Lock = threading.Lock
Queue = queue.Queue


def worker(name: str, delay: float = 0.0, log: Optional[List[str]] = None,
           wait: Optional[Callable[[float], object]] = time.sleep) -> None:
    """§2.1: log "<name> started", block for ``delay`` seconds, log "<name> finished"."""
    if log is not None:
        log.append(f"{name} started")
    if wait is not None and delay:
        wait(delay)
    if log is not None:
        log.append(f"{name} finished")
