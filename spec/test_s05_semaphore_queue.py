"""§5.7 asyncio.Semaphore and §5.8 asyncio.Queue (asyncio 异步编程: 信号量与队列): limiting
concurrency, over-releasing a semaphore, bounded queues, producer and consumer, priority queues.

The Semaphore claim is proven against a real aiohttp server on 127.0.0.1 (``http_server``, see
``harness/servers.py``) that counts the requests it is serving: it holds every request until 10 are
in flight and every request the client has started has arrived, so the peak it reports is exactly
what the semaphore let through. Queue claims are proven by counting loop iterations, no clock.
"""

import asyncio

import pytest

from harness.loops import finish, loop_iterations, no_pause, yield_once

ENOUGH_ITERATIONS = 50  # more loop iterations than a producer of 20 items needs to finish


# §5.7 Semaphore
#
#     async def fetch(session, url, semaphore):
#         async with semaphore:  # 限制并发 (limits concurrency)
#             async with session.get(url) as response:
#                 return await response.text()
#
#     semaphore = asyncio.Semaphore(10)  # 最多同时 10 个请求 (at most 10 requests at once)


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.semaphore.bounds-concurrency")
async def test_semaphore_10_keeps_at_most_10_of_100_requests_in_flight(impl, http_server):
    # Requests wait at the server until 10 are in flight and no started request is still on its way.
    http_server.hold(lambda server: server.in_flight >= 10 and server.in_flight == server.requests_sent)
    semaphore = impl.asyncio.Semaphore(10)
    urls = [http_server.url("/get", id=i) for i in range(100)]

    async with http_server.client_session() as session:
        results = await asyncio.gather(*(impl.fetch_limited(session, url, semaphore) for url in urls))

    assert http_server.peak == 10
    assert not http_server.hold_timed_out
    assert results == [http_server.expected_text(url) for url in urls]


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.semaphore.over-release")
async def test_a_plain_semaphore_released_beyond_its_initial_value_then_admits_two_and_no_more(impl):
    # sem = asyncio.Semaphore(1)
    # sem.release()  # 允许 (value 变为 2)  (allowed: the value becomes 2)
    semaphore = impl.asyncio.Semaphore(1)
    semaphore.release()
    await asyncio.wait_for(semaphore.acquire(), 1)
    await asyncio.wait_for(semaphore.acquire(), 1)  # a second holder, though nobody released

    third = asyncio.ensure_future(semaphore.acquire())
    try:
        await loop_iterations(3)
        assert not third.done()  # the value was 2, not unbounded: a third holder waits
        semaphore.release()
        await asyncio.wait_for(third, 1)
    finally:
        await finish(third)


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.bounded-semaphore.rejects-over-release")
async def test_a_bounded_semaphore_released_beyond_its_initial_value_raises_value_error(impl):
    # bounded_sem = asyncio.BoundedSemaphore(1)
    # bounded_sem.release()  # ValueError: BoundedSemaphore released too many times
    semaphore = impl.asyncio.BoundedSemaphore(1)
    await asyncio.wait_for(semaphore.acquire(), 1)
    semaphore.release()  # a release that matches an acquire is fine
    with pytest.raises(ValueError):
        semaphore.release()  # one more than was acquired


# §5.8 Queue
#
#     queue = asyncio.Queue(maxsize=10)  # 有界队列 (a bounded queue)
#     producer_task = asyncio.create_task(producer(queue, 20))
#     consumer_task = asyncio.create_task(consumer(queue))


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.queue.bounded-put-waits")
async def test_a_producer_stops_at_10_items_in_a_full_queue_and_goes_on_when_one_is_taken(impl):
    queue, log = impl.asyncio.Queue(maxsize=10), []
    producing = asyncio.ensure_future(impl.producer(queue, 20, log, 0.1, sleep=yield_once))
    try:
        await loop_iterations(ENOUGH_ITERATIONS)
        assert len(log) == 10 and queue.qsize() == 10  # waiting in put(): the queue is full
        assert not producing.done()

        await queue.get()
        await loop_iterations(ENOUGH_ITERATIONS)
        assert len(log) == 11 and queue.qsize() == 10  # one more, then waiting again
    finally:
        await finish(producing)


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.queue.consumer-gets-all")
async def test_the_consumer_gets_all_20_items_in_order_and_stops_at_the_sentinel(impl):
    queue = impl.asyncio.Queue(maxsize=10)
    producing = asyncio.ensure_future(impl.producer(queue, 20, None, 0.1, sleep=no_pause))
    await loop_iterations(2)  # the producer filled the queue before the consumer starts
    consuming = asyncio.ensure_future(impl.consumer(queue))
    try:
        consumed = await asyncio.wait_for(consuming, 1)
        await asyncio.wait_for(producing, 1)
    finally:
        await finish(producing, consuming)
    assert consumed == list(range(20))


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.queue.task-done-per-item")
async def test_the_consumer_marks_each_item_done_so_queue_join_returns_once_it_is_consumed(impl):
    # item = await queue.get(); ...; queue.task_done()
    queue, log = impl.asyncio.Queue(maxsize=10), []
    consuming = asyncio.ensure_future(impl.consumer(queue, log))
    try:
        for item in range(3):
            await queue.put(item)
            await asyncio.wait_for(queue.join(), 1)  # returns once task_done() was called for every item put
            assert log[-1] == f"Consumed: {item}"  # and the consumer handled the item before that
        await queue.put(None)
        assert await asyncio.wait_for(consuming, 1) == [0, 1, 2]
    finally:
        await finish(consuming)


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.priority-queue.smallest-first")
async def test_a_priority_queue_hands_out_the_smallest_priority_first(impl):
    # 1: high   2: medium   3: low
    taken = await impl.priority_demo(impl.asyncio.PriorityQueue())
    assert taken == [(1, "high"), (2, "medium"), (3, "low")]
