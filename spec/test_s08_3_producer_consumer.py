"""§8.3 生产者消费者 (producer/consumer): 实现一个多线程的生产者消费者模型, with threads.

The pieces come from the implementation: ``impl.produce_items(q, items)`` puts items on a queue,
``impl.consume_items(q, handle)`` takes them off, hands each to ``handle`` and calls
``q.task_done()``, and stops at ``None`` (the sentinel of §2.4). The main program is the one of §2.4,
with several producers and consumers::

    producers join; q.join(); one None per consumer; consumers join

Threads here are daemons and every join has a timeout: a broken consumer fails its test instead
of hanging the run.
"""

import threading
import time
from collections import Counter

import pytest

from concurrency_spec.testing.waits import GRACE, TIMEOUT

HALT = object()  # an item whose handling ends the consumer's thread (see halt_stragglers)


def stoppable(handle):
    """``handle``, except that the HALT item raises SystemExit, which ends a thread silently."""

    def handle_or_halt(item):
        if item is HALT:
            raise SystemExit
        return handle(item)

    return handle_or_halt


def halt_stragglers(q, threads):
    """Stop consumers still running (a broken one that ignores None) so that they do not outlive
    the test: a claim other than the one about stopping must not fail because of them."""
    for thread in threads:
        if thread.is_alive():
            q.put(HALT)
    for thread in threads:
        thread.join(TIMEOUT)


def join_within(q, timeout):
    """``q.join()`` in a helper thread; True if it returned within ``timeout`` (a broken consumer that
    never calls task_done() would otherwise hang the test)."""
    joiner = threading.Thread(target=q.join, daemon=True)
    joiner.start()
    joiner.join(timeout)
    return not joiner.is_alive()


def run_producers_and_consumers(impl, batches, consumers, handle):
    """The exercise's main program: one producer thread per batch, ``consumers`` consumer threads."""
    q = impl.queue.Queue()
    deadline = time.monotonic() + TIMEOUT
    consumer_threads = [
        impl.threading.Thread(target=impl.consume_items, args=(q, stoppable(handle)), daemon=True)
        for _ in range(consumers)
    ]
    producer_threads = [
        impl.threading.Thread(target=impl.produce_items, args=(q, batch), daemon=True) for batch in batches
    ]
    for thread in consumer_threads + producer_threads:
        thread.start()
    for thread in producer_threads:
        thread.join(TIMEOUT)
    join_within(q, TIMEOUT)  # q.join(): every item put has been handled
    for _ in consumer_threads:
        q.put(None)
    for thread in consumer_threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    halt_stragglers(q, consumer_threads)


@pytest.mark.claim("threads.producer-consumer.exactly-once")
def test_every_item_is_handled_exactly_once(impl):
    batches = [range(300 * producer, 300 * (producer + 1)) for producer in range(3)]  # 0 to 899, 0 included
    handled = []  # list.append is atomic: the record itself loses nothing

    run_producers_and_consumers(impl, batches, consumers=4, handle=handled.append)

    produced = Counter(item for batch in batches for item in batch)
    assert Counter(handled) - produced == Counter(), "items handled more than once"
    assert produced - Counter(handled) == Counter(), "items lost"


@pytest.mark.claim("threads.producer-consumer.sentinel-per-consumer")
def test_one_none_per_consumer_stops_every_consumer(impl):
    q = impl.queue.Queue()
    consumers = [
        impl.threading.Thread(target=impl.consume_items, args=(q, stoppable(lambda item: None)), daemon=True)
        for _ in range(4)
    ]
    for thread in consumers:
        thread.start()
    impl.produce_items(q, range(20))
    for _ in consumers:
        q.put(None)
    deadline = time.monotonic() + TIMEOUT
    for thread in consumers:
        thread.join(max(0.0, deadline - time.monotonic()))
    still_running = [thread.name for thread in consumers if thread.is_alive()]
    halt_stragglers(q, consumers)

    assert still_running == []


@pytest.mark.claim("threads.producer-consumer.join-waits-for-task-done")
def test_queue_join_waits_until_every_item_is_handled(impl):
    q = impl.queue.Queue()
    handling, release = threading.Event(), threading.Event()
    handled = []

    def handle(item):
        handling.set()
        release.wait(TIMEOUT)  # the test decides when handling ends
        handled.append(item)

    consumer = impl.threading.Thread(target=impl.consume_items, args=(q, stoppable(handle)), daemon=True)
    consumer.start()
    q.put("item")
    assert handling.wait(TIMEOUT), "the consumer did not take the item"
    # The item is off the queue but still being handled: join() must wait for its task_done().
    joined = []

    def join_then_look():
        q.join()
        joined.append(list(handled))  # what had been handled when join() returned

    joiner = threading.Thread(target=join_then_look, daemon=True)
    joiner.start()
    joiner.join(GRACE)  # room for a join() that does not wait to return while the item is held
    release.set()
    joiner.join(TIMEOUT)
    q.put(None)
    consumer.join(TIMEOUT)
    halt_stragglers(q, [consumer])

    assert joined == [["item"]], "join() returned before the item was handled"
