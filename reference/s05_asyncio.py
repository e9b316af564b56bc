"""§5 asyncio: the document's asyncio programs, on the primitives of ``impl.asyncio``.

``print`` becomes appending to a ``log`` list, and each ``asyncio.sleep(delay)`` becomes an injectable
``sleep`` (by default ``impl.asyncio.sleep``; a test passes a gate it controls instead).
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, List, Optional, Sequence, Set, Tuple

#: An awaitable pause: ``asyncio.sleep`` or a test's gate with the same signature.
Sleep = Callable[[float], Awaitable[Any]]


async def hello(impl: Any, log: List[str], delay: float = 1.0, sleep: Optional[Sleep] = None) -> None:
    """§5.2: log "Hello", pause ``delay`` seconds without blocking the loop, log "World"."""
    log.append("Hello")
    await (sleep or impl.asyncio.sleep)(delay)  # 非阻塞暂停
    log.append("World")


async def task(
    impl: Any, name: str, delay: float, log: Optional[List[str]] = None, sleep: Optional[Sleep] = None
) -> str:
    """§5.3: log "<name> started", pause ``delay`` seconds, log "<name> finished", return "<name> result"."""
    if log is not None:
        log.append(f"{name} started")
    await (sleep or impl.asyncio.sleep)(delay)
    if log is not None:
        log.append(f"{name} finished")
    return f"{name} result"


async def echo_after(impl: Any, n: float, sleep: Optional[Sleep] = None) -> float:
    """§5.4's ``task(n)``: pause ``n`` seconds, then return ``n``."""
    await (sleep or impl.asyncio.sleep)(n)
    return n


async def first_completed(
    impl: Any, delays: Sequence[float] = (2, 1, 3), sleep: Optional[Sleep] = None
) -> Tuple[List[float], Set[Any]]:
    """§5.4: wait for the first of ``echo_after(d)`` to finish, cancel the rest.

    Returns the results of the finished tasks and the pending ones (cancellation requested).
    """
    aio = impl.asyncio
    tasks = [aio.create_task(impl.echo_after(d, sleep)) for d in delays]
    done, pending = await aio.wait(tasks, return_when=aio.FIRST_COMPLETED)  # 等待第一个完成
    for t in pending:
        t.cancel()  # 取消剩余任务
    return [t.result() for t in done], pending


class AsyncResourceClass:
    """§5.5's ``AsyncResource``: an async context manager logging acquiring and releasing around the body."""

    def __init__(self, log: List[str], delay: float, sleep: Sleep) -> None:
        self.log = log
        self.delay = delay
        self.sleep = sleep

    async def __aenter__(self) -> AsyncResourceClass:
        self.log.append("Acquiring resource")
        await self.sleep(self.delay)
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        self.log.append("Releasing resource")
        await self.sleep(self.delay)


def AsyncResource(impl: Any, log: List[str], delay: float = 1.0, sleep: Optional[Sleep] = None) -> Any:
    """§5.5: a new ``AsyncResource()``, pausing ``delay`` seconds on entering and on leaving."""
    return AsyncResourceClass(log, delay, sleep or impl.asyncio.sleep)


class AsyncRangeClass:
    """§5.6's ``AsyncRange``: an async iterator over 0 .. n-1, pausing ``delay`` seconds before each value."""

    def __init__(self, n: int, delay: float, sleep: Sleep) -> None:
        self.n = n
        self.i = 0
        self.delay = delay
        self.sleep = sleep

    def __aiter__(self) -> AsyncRangeClass:
        return self

    async def __anext__(self) -> int:
        if self.i >= self.n:
            raise StopAsyncIteration
        await self.sleep(self.delay)
        self.i += 1
        return self.i - 1


def AsyncRange(impl: Any, n: int, delay: float = 0.1, sleep: Optional[Sleep] = None) -> Any:
    """§5.6: a new ``AsyncRange(n)``, pausing ``delay`` seconds before each value."""
    return AsyncRangeClass(n, delay, sleep or impl.asyncio.sleep)


async def fetch_limited(impl: Any, session: Any, url: str, semaphore: Any) -> str:
    """§5.7's ``fetch``: GET ``url`` with an aiohttp ``session`` while holding ``semaphore``."""
    async with semaphore:  # noqa: SIM117 (nested as in the document) 限制并发: limits concurrency
        async with session.get(url) as response:
            text: str = await response.text()
            return text


async def fetch_all_limited(
    impl: Any, urls: Sequence[str], limit: int = 10, session: Optional[Any] = None
) -> List[str]:
    """§5.7's ``main``: one ``impl.asyncio.Semaphore(limit)`` around every ``fetch_limited``, all gathered.

    Uses ``session`` (an aiohttp ClientSession) when given, else a session of its own."""
    if session is None:
        async with impl.aiohttp.ClientSession() as own_session:
            return await impl.fetch_all_limited(urls, limit, own_session)
    semaphore = impl.asyncio.Semaphore(limit)  # 最多同时 limit 个请求
    tasks = [impl.fetch_limited(session, url, semaphore) for url in urls]
    return list(await impl.asyncio.gather(*tasks))


async def producer(
    impl: Any,
    queue: Any,
    n: int,
    log: Optional[List[str]] = None,
    delay: float = 0.1,
    sleep: Optional[Sleep] = None,
) -> None:
    """§5.8: put 0 .. n-1 into ``queue`` (pausing ``delay`` before each), then the stop signal None."""
    for i in range(n):
        await (sleep or impl.asyncio.sleep)(delay)
        await queue.put(i)
        if log is not None:
            log.append(f"Produced: {i}")
    await queue.put(None)  # 停止信号


async def consumer(impl: Any, queue: Any, log: Optional[List[str]] = None) -> List[int]:
    """§5.8: take items from ``queue`` until the stop signal None; return them in the order taken."""
    consumed = []
    while True:
        item = await queue.get()
        if item is None:
            break
        consumed.append(item)
        if log is not None:
            log.append(f"Consumed: {item}")
        queue.task_done()
    return consumed


async def producer_consumer(
    impl: Any, n: int = 20, maxsize: int = 10, log: Optional[List[str]] = None, sleep: Optional[Sleep] = None
) -> List[int]:
    """§5.8's ``main``: a producer of ``n`` items and a consumer, tasks sharing ``Queue(maxsize)``."""
    aio = impl.asyncio
    queue = aio.Queue(maxsize=maxsize)  # 有界队列
    producer_task = aio.create_task(impl.producer(queue, n, log, sleep=sleep))
    consumer_task = aio.create_task(impl.consumer(queue, log))
    await producer_task
    consumed: List[int] = await consumer_task
    return consumed


async def priority_demo(impl: Any, pq: Any = None) -> List[Tuple[int, str]]:
    """§5.8: put (2, medium), (1, high), (3, low) into ``pq`` (a new ``impl.asyncio.PriorityQueue()``
    by default), then take everything out."""
    pq = impl.asyncio.PriorityQueue() if pq is None else pq
    await pq.put((2, "medium"))
    await pq.put((1, "high"))
    await pq.put((3, "low"))
    taken = []
    while not pq.empty():
        taken.append(await pq.get())
    return taken


async def fetch_or_fail(impl: Any, url: str, delay: float = 1.0, sleep: Optional[Sleep] = None) -> str:
    """§5.9's ``fetch``: pause ``delay``, raise ValueError for a URL containing "error", else a result."""
    await (sleep or impl.asyncio.sleep)(delay)
    if "error" in url:
        raise ValueError(f"Error fetching {url}")
    return f"Result from {url}"
