"""§8.3 exercise: a multi-threaded producer/consumer (实现一个多线程的生产者消费者模型).

Producers put items on a shared ``queue.Queue``; consumers take them off and hand each to ``handle``,
then call ``task_done()``; ``None`` tells one consumer to stop (the sentinel of §3.3). The main
program (in the spec, ``spec/test_s08_3_producer_consumer.py``) starts the threads, waits for the
producers, then ``queue.join()`` (every item handled), then puts one ``None`` per consumer.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable


def produce_items(q: Any, items: Iterable[Any]) -> None:
    """Put every item on the queue."""
    for item in items:
        q.put(item)


def consume_items(q: Any, handle: Callable[[Any], object]) -> None:
    """Take items off the queue and handle each until ``None`` arrives; mark every item task_done()."""
    while True:
        item = q.get()
        try:
            if item is None:
                return
            handle(item)
        finally:
            q.task_done()  # only after handling: queue.join() waits for this
