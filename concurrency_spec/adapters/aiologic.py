"""aiologic (https://github.com/x42005e1f/aiologic), locks and queues for threads and tasks alike, as
``impl.threading.Lock``, ``impl.queue.Queue`` and the semaphores and queues of ``impl.asyncio``.

aiologic names its blocking methods ``green_*`` (threads) and ``async_*`` (tasks); the adapter gives
its queues the document's ``put``/``get``, and ``empty()`` (an empty queue has length 0). Its Lock and
Semaphores need nothing: ``with lock:``, ``async with sem:`` and ``sem.release()`` are aiologic's own.
The rest of ``impl.asyncio`` (sleep, gather, create_task, wait, TaskGroup, run) is the standard
library's: aiologic has none of it.

    concurrency-spec run --impl concurrency_spec.adapters.aiologic

Each deviation below was shown with the library alone (``tests/evidence/aiologic_differences.py``;
the reasons quote what it prints).
"""

from __future__ import annotations

from typing import Any

import aiologic

from concurrency_spec.reference import Reference


class ThreadQueue(aiologic.Queue):  # type: ignore[misc]
    """aiologic's queue with the names of queue.Queue, for threads."""

    def put(self, item: Any) -> None:
        self.green_put(item)

    def get(self) -> Any:
        return self.green_get()


class _TaskQueueNames:
    async def put(self, item: Any) -> None:
        await self.async_put(item)  # type: ignore[attr-defined]

    async def get(self) -> Any:
        return await self.async_get()  # type: ignore[attr-defined]

    def empty(self) -> bool:
        return len(self) == 0  # type: ignore[arg-type]


class TaskQueue(_TaskQueueNames, aiologic.Queue):  # type: ignore[misc]
    """aiologic's queue with the names of asyncio.Queue, for tasks."""


class TaskPriorityQueue(_TaskQueueNames, aiologic.PriorityQueue):  # type: ignore[misc]
    """aiologic's priority queue with the names of asyncio.PriorityQueue, for tasks."""


NO_TASK_DONE = (
    "aiologic's queues have no task_done() nor join(), which the document's consumer calls after each "
    "item: `aiologic.Queue: task_done False, join False`"
)


class Implementation(Reference):
    threading = Reference.threading.replace(Lock=aiologic.Lock)
    queue = Reference.queue.replace(Queue=ThreadQueue)
    asyncio = Reference.asyncio.replace(
        Semaphore=aiologic.Semaphore,
        BoundedSemaphore=aiologic.BoundedSemaphore,
        Queue=TaskQueue,
        PriorityQueue=TaskPriorityQueue,
    )

    DEVIATIONS = {
        "asyncio.bounded-semaphore.rejects-over-release": (
            "releasing a BoundedSemaphore more often than it was acquired raises RuntimeError, not the "
            "ValueError the document quotes: `BoundedSemaphore(1).release() raises RuntimeError`"
        ),
        "threading.queue.fifo": NO_TASK_DONE,
        "threading.queue.sentinel-stops": NO_TASK_DONE,
        "threading.queue.task-done": NO_TASK_DONE,
        "threads.producer-consumer.exactly-once": NO_TASK_DONE,
        "threads.producer-consumer.join-waits-for-task-done": NO_TASK_DONE,
        "asyncio.queue.consumer-gets-all": NO_TASK_DONE,
        "asyncio.queue.task-done-per-item": NO_TASK_DONE,
        "sharing.pickle.sent-objects": (
            "aiologic's Lock pickles, so it goes through a Pipe where a threading.Lock cannot: "
            "`Pipe.send(aiologic.Lock()) went through`"
        ),
        "sharing.pickle.spawn-process-args": (
            "aiologic's Lock pickles, so a spawned Process takes it as an argument: "
            "`spawn Process(args=(aiologic.Lock(),)).start() did not raise`"
        ),
    }
