"""§7 选择并发模式 (choosing a concurrency model), the document's table as claims:

    场景 (scenario)      推荐方式 (recommended)   原因 (why)
    大量 HTTP 请求        asyncio + aiohttp       I/O 密集, 高并发 (I/O-bound, high concurrency)
    数值计算              multiprocessing         绕过 GIL (bypasses the GIL)
    少量阻塞 I/O          threading               简单 (simple)
    混合任务              组合使用                 按需选择 (combine, each part to its tool)

Seen from an asyncio program: many requests wait at once in one thread; CPU work goes to a
process pool and a blocking call to a thread, and the loop keeps running meanwhile. Every proof
is a handshake (the work can only finish if the loop ran while it was pending), never a clock.
"""

import asyncio
import os
import socket
import threading

import pytest

from concurrency_spec.testing.counters import InFlight
from concurrency_spec.testing.process_gates import (
    gated_sum_of_squares,
    squares_meeting_in_folder,
    touch,
    wait_for_file,
)
from concurrency_spec.testing.waits import LONG_TIMEOUT, SLOW_TIMEOUT, TIMEOUT

N_REQUESTS = 200  # twice aiohttp's default connection limit, far more than a thread pool's workers
N_SQUARES = 10_000


@pytest.mark.timeout(30)  # hundreds of connections: seconds on PyPy on a loaded machine, not a wrong answer
@pytest.mark.asyncio
@pytest.mark.claim("choosing.asyncio.many-requests-one-thread")
async def test_asyncio_keeps_200_requests_in_flight_at_once_from_a_single_thread(impl, http_server):
    threads_before = threading.active_count()
    threads_seen = set()

    def all_in_flight(server):
        threads_seen.add(threading.active_count())
        return server.in_flight >= N_REQUESTS

    # Every request waits at the server until all 200 are in (generous: 200 connections take seconds on
    # PyPy on a loaded machine; only an implementation that caps them waits that long).
    http_server.hold(all_in_flight, timeout=LONG_TIMEOUT)
    urls = [http_server.url("/get", id=i) for i in range(N_REQUESTS)]

    results = await impl.fetch_many(urls)

    assert not http_server.hold_timed_out
    assert http_server.peak == N_REQUESTS
    assert threads_seen == {threads_before}  # no thread was started to wait for them
    assert results == [http_server.expected_text(url) for url in urls]


@pytest.mark.timeout(30)  # hundreds of connections: seconds on PyPy on a loaded machine, not a wrong answer
@pytest.mark.asyncio
@pytest.mark.claim("choosing.asyncio.many-requests-one-thread")
async def test_a_session_without_a_connection_cap_keeps_150_requests_in_flight(impl, http_server):
    http_server.hold(lambda server: server.in_flight >= 150, timeout=LONG_TIMEOUT)
    urls = [http_server.url("/get", id=i) for i in range(150)]

    async def get(session, url):
        async with session.get(url) as response:
            return await response.text()

    connector = impl.aiohttp.TCPConnector(limit=0)  # no cap (the default caps at 100 connections)
    async with impl.aiohttp.ClientSession(connector=connector) as session:
        results = await asyncio.gather(*(get(session, url) for url in urls))

    assert not http_server.hold_timed_out
    assert http_server.peak == 150
    assert results == [http_server.expected_text(url) for url in urls]


@pytest.mark.claim("choosing.threads.few-blocking-calls")
def test_a_few_blocking_calls_in_plain_threads_are_all_blocked_at_once_and_return(impl):
    pairs = [socket.socketpair() for _ in range(3)]
    in_flight, results = InFlight(), [None] * 3

    def blocking_call(i):
        with in_flight.inside():
            results[i] = pairs[i][0].recv(1)  # a blocking read: only this test writes, once all wait

    threads = [impl.threading.Thread(target=blocking_call, args=(i,)) for i in range(3)]
    try:
        for reader, _ in pairs:
            reader.settimeout(2)  # (a read that is never answered ends a broken program's run)
        for thread in threads:
            thread.start()
        all_blocked = in_flight.wait_for(3)
        for i, (_, writer) in enumerate(pairs):
            writer.sendall(bytes([65 + i]))
        for thread in threads:
            thread.join(TIMEOUT)
    finally:
        for pair in pairs:
            for end in pair:
                end.close()

    assert all_blocked, f"only {in_flight.peak} of 3 calls were blocked at the same time"
    assert results == [b"A", b"B", b"C"]


@pytest.mark.claim("choosing.processes.numeric-in-pool")
def test_numeric_work_in_a_pool_runs_in_all_its_workers_at_once_and_map_keeps_order(
    impl, mp_context, tmp_path
):
    numbers = [20_000, 30_000]
    jobs = [(n, str(tmp_path), len(numbers)) for n in numbers]  # the calls meet halfway, in tmp_path
    with mp_context.Pool(2) as pool:
        results = pool.map(squares_meeting_in_folder, jobs, chunksize=1)

    assert [value for value, _ in results] == [sum(i * i for i in range(n)) for n in numbers]
    pids = {pid for _, pid in results}
    assert len(pids) == 2 and os.getpid() not in pids


@pytest.mark.asyncio
@pytest.mark.claim("choosing.processes.cpu-work-off-loop")
async def test_cpu_work_sent_to_a_process_pool_runs_in_another_process_while_the_loop_goes_on(
    impl, start_method, tmp_path
):
    go = tmp_path / "go"  # the work waits for this file; only a task on the loop makes it
    seen = []

    async def another_task():
        seen.append(working.done())
        touch(go)

    pool = impl.futures.ProcessPoolExecutor(1, start_method=start_method)
    try:
        working = asyncio.ensure_future(impl.in_process(pool, gated_sum_of_squares, N_SQUARES, str(go)))
        await asyncio.ensure_future(another_task())
        pid, total = await asyncio.wait_for(working, LONG_TIMEOUT)
    finally:
        pool.shutdown(wait=True)

    assert seen == [False]  # the other task ran while the CPU work was pending
    assert pid != os.getpid()
    assert total == sum(i * i for i in range(N_SQUARES))


@pytest.mark.asyncio
@pytest.mark.claim("choosing.threads.blocking-call-off-loop")
async def test_a_blocking_call_sent_to_a_thread_runs_there_while_the_loop_runs_on(impl):
    release = threading.Event()  # the blocking call waits for it; only a task on the loop sets it
    seen = []

    def blocking_call(timeout):
        released = release.wait(timeout)
        return threading.get_ident(), released

    async def another_task():
        seen.append(working.done())
        release.set()

    working = asyncio.ensure_future(impl.in_thread(blocking_call, 1))  # to_thread(func, *args)
    await asyncio.ensure_future(another_task())
    ident, released = await asyncio.wait_for(working, TIMEOUT)

    assert seen == [False]  # the other task ran while the blocking call was waiting
    assert released
    assert ident != threading.get_ident()


@pytest.mark.asyncio
@pytest.mark.claim("choosing.mixed.combined")
async def test_mixed_work_runs_on_the_loop_in_a_thread_and_in_a_process_all_at_once(
    impl, http_server, start_method, tmp_path
):
    # A ring of handshakes: the request is answered only after the thread's call returned; the call
    # returns only after the process work started; the process work starts only after the request
    # reached the server. Only if all three are under way at once can any of them finish.
    request_arrived, process_started = tmp_path / "request arrived", tmp_path / "process started"
    thread_done = []
    loop = asyncio.get_running_loop()

    def answer_after_the_thread(server):
        if server.in_flight:
            touch(request_arrived)
        return bool(thread_done)

    def thread_finished():
        thread_done.append(True)
        http_server.recheck()

    def blocking_call():
        started = wait_for_file(process_started, timeout=SLOW_TIMEOUT)
        loop.call_soon_threadsafe(thread_finished)
        return started

    http_server.hold(answer_after_the_thread, timeout=TIMEOUT)
    url = http_server.url("/get", job="mixed")
    pool = impl.futures.ProcessPoolExecutor(1, start_method=start_method)
    try:
        await loop.run_in_executor(pool, os.getpid)  # start the pool's process before any thread exists
        page, blocked, (pid, total) = await asyncio.wait_for(
            impl.mixed(
                url,
                blocking_call,
                pool,
                gated_sum_of_squares,
                N_SQUARES,
                str(request_arrived),
                str(process_started),
            ),
            10,
        )
    finally:
        pool.shutdown(wait=True)

    assert not http_server.hold_timed_out
    assert page == http_server.expected_text(url)
    assert blocked  # the thread saw the process work start
    assert pid != os.getpid() and total == sum(i * i for i in range(N_SQUARES))
