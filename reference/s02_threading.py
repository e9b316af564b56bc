"""§2 threading: the document's programs on Thread, Lock and queue.Queue (``impl.threading``,
``impl.queue``)."""

from __future__ import annotations

import contextlib
import functools
import time
from typing import Any, Callable, List, Optional, Type


def worker(
    name: str,
    delay: float = 2.0,
    log: Optional[List[str]] = None,
    wait: Callable[[float], object] = time.sleep,
) -> None:
    """§2.1: log "<name> started", block for ``delay`` seconds (``wait(delay)``), log "<name> finished"."""
    if log is not None:
        log.append(f"{name} started")
    wait(delay)
    if log is not None:
        log.append(f"{name} finished")


@functools.cache
def my_thread_class(thread_class: Type[Any]) -> Type[Any]:
    """§2.1 方法 2, ``class MyThread(threading.Thread)``, on the implementation's thread class."""

    class MyThread(thread_class):  # type: ignore[misc,valid-type]
        """A Thread subclass named ``name`` whose run() says "<name> running" (print by default)."""

        def __init__(self, name: str, say: Callable[[str], object] = print) -> None:
            super().__init__()
            self.name = name
            self.say = say

        def run(self) -> None:
            self.say(f"{self.name} running")

    return MyThread


def MyThread(impl: Any, name: str, say: Callable[[str], object] = print) -> Any:
    """§2.1 方法 2: a new ``MyThread(name)``, subclass of ``impl.threading.Thread``."""
    return my_thread_class(impl.threading.Thread)(name, say)


def run_workers(
    impl: Any,
    n: int = 5,
    delay: float = 2.0,
    log: Optional[List[str]] = None,
    wait: Callable[[float], object] = time.sleep,
) -> None:
    """§2.2: start ``n`` threads running worker("Thread-<i>", ...), then join each of them."""
    threads = []
    for i in range(n):
        thread = impl.threading.Thread(target=impl.worker, args=(f"Thread-{i}", delay, log, wait))
        threads.append(thread)
        thread.start()
    for thread in threads:
        thread.join()


def locked_counter(impl: Any, lock: Any = None, threads: int = 5, increments: int = 100000) -> int:
    """§2.3: ``threads`` threads each add 1 to a shared counter ``increments`` times, each under ``lock``
    (a new ``impl.threading.Lock()`` by default)."""
    lock = impl.threading.Lock() if lock is None else lock
    counter = 0

    def increment() -> None:
        nonlocal counter
        for _ in range(increments):
            with lock:  # 获取锁
                counter += 1

    workers = [impl.threading.Thread(target=increment) for _ in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return counter


def increment_once(state: Any, lock: Any = None, between: Optional[Callable[[], object]] = None) -> None:
    """§2.3's ``counter += 1`` spelled out, under ``with lock:`` when a lock is given: read
    ``state["counter"]``, then write it plus one. ``between()``, if given, runs between the read and
    the write: a test forces a switch there."""
    with lock if lock is not None else contextlib.nullcontext():
        value = state["counter"]  # read
        if between is not None:
            between()
        state["counter"] = value + 1  # write


def thread_producer(q: Any, n: int = 10) -> None:
    """§2.4: put 0, 1, ..., n-1 into the queue."""
    for i in range(n):
        q.put(i)


def thread_consumer(q: Any, consumed: List[Any]) -> None:
    """§2.4: take items until the None sentinel, appending each to ``consumed`` and marking it done."""
    while True:
        item = q.get()
        if item is None:
            break
        consumed.append(item)
        q.task_done()


def thread_producer_consumer(
    impl: Any, q: Any = None, n: int = 10, consumed: Optional[List[Any]] = None
) -> List[Any]:
    """§2.4: a thread runs ``impl.thread_producer(q, n)``, another ``impl.thread_consumer(q, consumed)``;
    after the producer is joined, None stops the consumer. Returns what the consumer consumed.

    ``q`` is a new ``impl.queue.Queue()`` by default."""
    q = impl.queue.Queue() if q is None else q
    consumed = [] if consumed is None else consumed
    t1 = impl.threading.Thread(target=impl.thread_producer, args=(q, n))
    t2 = impl.threading.Thread(target=impl.thread_consumer, args=(q, consumed))
    t1.start()
    t2.start()
    t1.join()
    q.put(None)  # 停止信号
    t2.join()
    return consumed
