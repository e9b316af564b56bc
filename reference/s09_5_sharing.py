"""§9.5 进程间共享数据有什么风险? (the risks of sharing data between processes) An update of shared
memory is a read then a write: without a lock, two processes lose updates; what is not shared memory is
copied, and what is sent is pickled.
"""

from __future__ import annotations

from typing import Any, List


def add_to_shared(counter: Any, times: int) -> None:
    """Add 1 to a shared ``Value`` ``times`` times, each read-modify-write under the value's lock.

    ``counter.value += 1`` alone reads and then writes: two processes can read the same value and
    one update is lost. ``with counter.get_lock()`` makes the pair one step.
    """
    for _ in range(times):
        with counter.get_lock():
            counter.value += 1


def change_in_child(items: List[Any], counter: Any, array: Any) -> None:
    """The document's §3.4 worker, plus a plain list: change all three (run it in a child process)."""
    items.append("changed in the child")
    counter.value += 1
    array[0] = 100
