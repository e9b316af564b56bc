"""§5.7 asyncio.Semaphore and §5.8 asyncio.Queue (asyncio 异步编程: 信号量与队列): limiting
concurrency, over-releasing a semaphore, bounded queues, producer and consumer, priority queues.

The Semaphore claim is proven against a real aiohttp server on 127.0.0.1 (``http_server``, see
``concurrency_spec/testing/servers.py``) that counts the requests it is serving: it holds every
request until 10 are
in flight and every request the client has started has arrived, so the peak it reports is exactly
what the semaphore let through. Queue claims are proven by counting loop iterations, no clock.
"""

import asyncio

import pytest

from concurrency_spec.testing.aio import finish, loop_iterations, no_pause, yield_once
from concurrency_spec.testing.waits import TIMEOUT, VIRTUAL_TIMEOUT

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
    urls = [http_server.url("/get", id=i) for i in range(100)]  # f"https://httpbin.org/get?id={i}"

    async with http_server.client_session() as session:  # main(): Semaphore(10), fetch each URL, gather
        results = await impl.fetch_all_limited(urls, 10, session)

    assert http_server.peak == 10
    assert not http_server.hold_timed_out
    assert results == [http_server.expected_text(url) for url in urls]


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.semaphore.bounds-concurrency")
async def test_the_documents_main_as_written_opens_its_own_session_and_keeps_10_in_flight(impl, http_server):
    http_server.hold(lambda server: server.in_flight >= 10)
    urls = [http_server.url("/get", id=i) for i in range(20)]

    results = await impl.fetch_all_limited(urls)  # Semaphore(10), its own aiohttp.ClientSession()

    assert results == [http_server.expected_text(url) for url in urls]
    assert http_server.peak == 10 and not http_server.hold_timed_out


def enter_and_stay(semaphore, names):
    """One task per name, each entering ``async with semaphore:`` and staying inside until ``leave`` is
    set. Returns the tasks, the names inside in the order they entered, and ``leave``."""
    inside, leave = [], asyncio.Event()

    async def hold(name):
        async with semaphore:
            inside.append(name)
            await leave.wait()

    return [asyncio.ensure_future(hold(name)) for name in names], inside, leave


async def admits_two_then_waits(semaphore):
    """Three tasks try ``async with semaphore:``: which are inside at first, and after one leaves."""
    tasks, inside, leave = enter_and_stay(semaphore, ["first", "second", "third"])
    try:
        await loop_iterations(5)
        at_first = list(inside)
        leave.set()
        await asyncio.wait_for(asyncio.gather(*tasks), TIMEOUT)
        return at_first, list(inside)
    finally:
        await finish(*tasks)


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.semaphore.bounds-concurrency")
async def test_a_semaphore_of_2_lets_two_in_and_the_third_only_once_one_has_left(impl):
    at_first, at_last = await admits_two_then_waits(impl.asyncio.Semaphore(2))
    assert at_first == ["first", "second"]
    assert at_last == ["first", "second", "third"]


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.bounded-semaphore.bounds-concurrency")
async def test_a_bounded_semaphore_of_2_lets_two_in_and_the_third_only_once_one_has_left(impl):
    bounded_sem = impl.asyncio.BoundedSemaphore(2)
    with pytest.raises(Exception):  # noqa: B017 - refused (which error: the claim about over-release)
        bounded_sem.release()  # ... and it does not raise the bound either, as the next lines show
    at_first, at_last = await admits_two_then_waits(bounded_sem)
    assert at_first == ["first", "second"]
    assert at_last == ["first", "second", "third"]


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.semaphore.over-release")
async def test_a_plain_semaphore_released_beyond_its_initial_value_then_admits_two_and_no_more(impl):
    # sem = asyncio.Semaphore(1)
    # sem.release()  # 允许 (value 变为 2)  (allowed: the value becomes 2)
    semaphore = impl.asyncio.Semaphore(1)
    semaphore.release()
    at_first, at_last = await admits_two_then_waits(semaphore)
    assert at_first == ["first", "second"]  # two holders at once, and a third waits: the value was 2
    assert at_last == ["first", "second", "third"]


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.bounded-semaphore.rejects-over-release")
async def test_releasing_a_bounded_semaphore_that_was_never_acquired_raises_value_error(impl):
    # bounded_sem = asyncio.BoundedSemaphore(1)
    # bounded_sem.release()  # ValueError: BoundedSemaphore released too many times
    bounded_sem = impl.asyncio.BoundedSemaphore(1)
    with pytest.raises(ValueError, match="released too many times"):
        bounded_sem.release()


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.bounded-semaphore.rejects-over-release")
async def test_a_bounded_semaphore_takes_releases_that_match_acquires_and_refuses_one_more(impl):
    bounded_sem = impl.asyncio.BoundedSemaphore(1)
    async with bounded_sem:  # an acquire and the release that matches it
        pass
    with pytest.raises(ValueError, match="released too many times"):
        bounded_sem.release()  # one more than was acquired


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
        assert len(log) == 10  # waiting in put(): the queue is full
        assert not producing.done()

        await queue.get()
        await loop_iterations(ENOUGH_ITERATIONS)
        assert len(log) == 11  # one more, then waiting again
    finally:
        await finish(producing)


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.queue.bounded-put-waits")
async def test_put_into_a_full_queue_waits_until_an_item_is_taken(impl):
    queue = impl.asyncio.Queue(maxsize=2)
    await queue.put("a")
    await queue.put("b")
    putting = asyncio.ensure_future(queue.put("c"))
    try:
        await loop_iterations(5)
        assert not putting.done()  # full: put waits

        first = await queue.get()
        await asyncio.wait_for(putting, TIMEOUT)  # room again: put goes through
        assert sorted([first, await queue.get(), await queue.get()]) == ["a", "b", "c"]
    finally:
        await finish(putting)


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.queue.consumer-gets-all")
async def test_the_consumer_gets_all_20_items_in_order_and_stops_at_the_sentinel(impl):
    queue = impl.asyncio.Queue(maxsize=10)
    producing = asyncio.ensure_future(impl.producer(queue, 20, None, 0.1, sleep=no_pause))
    await loop_iterations(2)  # the producer filled the queue before the consumer starts
    consuming = asyncio.ensure_future(impl.consumer(queue))
    try:
        consumed = await asyncio.wait_for(consuming, TIMEOUT)
        await asyncio.wait_for(producing, TIMEOUT)
    finally:
        await finish(producing, consuming)
    assert consumed == list(range(20))


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.queue.consumer-gets-all")
async def test_the_documents_main_has_the_consumer_take_all_20_items_from_a_queue_of_10(impl):
    # queue = asyncio.Queue(maxsize=10); producer_task = create_task(producer(queue, 20)); ...
    log = []
    consumed = await asyncio.wait_for(impl.producer_consumer(20, 10, log, sleep=yield_once), TIMEOUT)

    assert consumed == list(range(20))
    assert [line for line in log if line.startswith("Consumed")] == [f"Consumed: {i}" for i in range(20)]
    assert log.index("Consumed: 0") < log.index("Produced: 19")  # taken while the producer still ran


@pytest.mark.asyncio
@pytest.mark.virtual_time
@pytest.mark.claim("asyncio.queue.consumer-gets-all")
async def test_the_documents_main_as_written_takes_20_items_produced_a_tenth_of_a_second_apart(impl):
    loop = asyncio.get_running_loop()
    start = loop.time()
    # producer(queue, 20): await asyncio.sleep(0.1) per item
    consumed = await asyncio.wait_for(impl.producer_consumer(), VIRTUAL_TIMEOUT)
    assert consumed == list(range(20))
    assert loop.time() - start == pytest.approx(2.0, abs=1e-6)


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.queue.task-done-per-item")
async def test_the_consumer_marks_each_item_done_so_queue_join_returns_once_it_is_consumed(impl):
    # item = await queue.get(); ...; queue.task_done()
    queue, log = impl.asyncio.Queue(maxsize=10), []
    consuming = asyncio.ensure_future(impl.consumer(queue, log))
    try:
        for item in range(3):
            await queue.put(item)
            await asyncio.wait_for(
                queue.join(), TIMEOUT
            )  # returns once task_done() was called for every item put
            assert log[-1] == f"Consumed: {item}"  # and the consumer handled the item before that
        await queue.put(None)
        assert await asyncio.wait_for(consuming, TIMEOUT) == [0, 1, 2]
    finally:
        await finish(consuming)


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.queue.task-done-per-item")
async def test_queue_join_waits_until_task_done_was_called_for_every_item_put(impl):
    queue = impl.asyncio.Queue()
    await queue.put(1)
    await queue.put(2)
    await queue.get()
    await queue.get()
    joining = asyncio.ensure_future(queue.join())
    try:
        queue.task_done()
        await loop_iterations(5)
        assert not joining.done()  # one item is still not marked done

        queue.task_done()
        await asyncio.wait_for(joining, TIMEOUT)
    finally:
        await finish(joining)


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.priority-queue.smallest-first")
async def test_a_priority_queue_hands_out_the_smallest_priority_first(impl):
    # 1: high   2: medium   3: low
    taken = await impl.priority_demo()  # its own asyncio.PriorityQueue()
    assert taken == [(1, "high"), (2, "medium"), (3, "low")]

    given = impl.asyncio.PriorityQueue()
    await given.put((0, "urgent"))  # already in the queue the program is given
    assert await impl.priority_demo(given) == [(0, "urgent"), (1, "high"), (2, "medium"), (3, "low")]


@pytest.mark.asyncio
@pytest.mark.claim("asyncio.priority-queue.smallest-first")
async def test_a_priority_queue_gives_the_smallest_item_of_those_queued_whatever_the_order_put(impl):
    pq = impl.asyncio.PriorityQueue()
    for item in [(5, "e"), (1, "a"), (4, "d"), (2, "b"), (3, "c")]:
        await pq.put(item)
    taken = []
    while not pq.empty():
        taken.append(await pq.get())
    assert taken == [(1, "a"), (2, "b"), (3, "c"), (4, "d"), (5, "e")]
