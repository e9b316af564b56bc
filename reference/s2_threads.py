"""§2 threading: Thread, Lock, queue.Queue, and the document's programs built on them."""

from __future__ import annotations

import queue
import threading
import time
from typing import Any, Callable, List, Optional

__all__ = [
    "Thread",
    "Lock",
    "Queue",
    "worker",
    "MyThread",
    "run_workers",
    "locked_counter",
    "thread_producer",
    "thread_consumer",
    "thread_producer_consumer",
]

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


class MyThread(threading.Thread):
    """§2.1 方法 2: a Thread subclass named ``name`` whose run() says "<name> running" (print by default)."""

    def __init__(self, name: str, say: Callable[[str], object] = print) -> None:
        super().__init__()
        self.name = name
        self.say = say

    def run(self) -> None:
        self.say(f"{self.name} running")


def run_workers(n: int = 5, delay: float = 2.0, log: Optional[List[str]] = None,
                wait: Optional[Callable[[float], object]] = time.sleep) -> None:
    """§2.2: start ``n`` threads running worker("Thread-<i>", ...), then join each of them."""
    threads = []
    for i in range(n):
        thread = Thread(target=worker, args=(f"Thread-{i}", delay, log, wait))
        threads.append(thread)
        thread.start()
    for thread in threads:
        thread.join()


def locked_counter(lock: Any = None, threads: int = 5, increments: int = 100000) -> int:
    """§2.3: ``threads`` threads each add 1 to a shared counter ``increments`` times, each under ``lock``."""
    lock = Lock() if lock is None else lock
    counter = 0

    def increment() -> None:
        nonlocal counter
        for _ in range(increments):
            with lock:  # 获取锁
                counter += 1

    workers = [Thread(target=increment) for _ in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return counter


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


def thread_producer_consumer(q: Any = None, n: int = 10, consumed: Optional[List[Any]] = None,
                             produce: Callable[..., None] = thread_producer,
                             consume: Callable[..., None] = thread_consumer) -> List[Any]:
    """§2.4: a thread runs ``produce(q, n)``, another ``consume(q, consumed)``; after the producer is joined,
    None stops the consumer. Returns what the consumer consumed."""
    q = Queue() if q is None else q
    consumed = [] if consumed is None else consumed
    t1 = Thread(target=produce, args=(q, n))
    t2 = Thread(target=consume, args=(q, consumed))
    t1.start()
    t2.start()
    t1.join()
    q.put(None)  # 停止信号
    t2.join()
    return consumed
