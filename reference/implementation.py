"""The reference implementation as one class: the primitives, grouped as the document imports them,
and the document's programs, written on top of them.

A program is a function whose first parameter, ``impl``, is the implementation it runs on; it reaches
every primitive and every other program through it (``impl.threading.Thread``,
``impl.asyncio.Semaphore``, ``impl.fetch``). So an implementation that swaps one primitive has it used
by every program that depends on it::

    class Implementation(Reference):
        threading = Reference.threading.replace(Lock=MyLock)   # the §2.3 counter now counts under MyLock

Workers and tasks that run in another process or thread on their own (``square``, ``cpu_task``,
``process_worker``...) are plain module-level functions, so that spawn and forkserver children can
import them; they appear here as static methods.
"""

from __future__ import annotations

from typing import Dict

from concurrency_spec.reference import (
    primitives,
    s1_concurrency,
    s2_threads,
    s3_processes,
    s4_futures,
    s5_asyncio,
    s6_async_io,
    s7_choosing,
    s8_1_download,
    s8_2_primes,
    s8_3_producer_consumer,
    s9_async_questions,
    s9_questions,
)

CONTRACT_VERSION = "2.0"


class Reference:
    """The reference implementation of the contract (see ``concurrency-spec contract``)."""

    CONTRACT_VERSION = CONTRACT_VERSION
    #: Claims this implementation knowingly does not meet, as {claim id: reason}. They run as strict
    #: expected failures. The reference meets every claim.
    DEVIATIONS: Dict[str, str] = {}

    # The primitives (``reference/primitives.py``).
    threading = primitives.threading
    queue = primitives.queue
    multiprocessing = primitives.multiprocessing
    futures = primitives.futures
    asyncio = primitives.asyncio
    aiohttp = primitives.aiohttp
    aiofiles = primitives.aiofiles

    # §1 concurrency vs parallelism
    cpu_bound_in_threads = s1_concurrency.cpu_bound_in_threads
    cpu_bound_in_processes = s1_concurrency.cpu_bound_in_processes
    blocking_io_in_threads = s1_concurrency.blocking_io_in_threads
    interleaved_tasks = s1_concurrency.interleaved_tasks
    io_bound_in_tasks = s1_concurrency.io_bound_in_tasks
    cpu_bound_in_tasks = s1_concurrency.cpu_bound_in_tasks

    # §2 threading
    worker = staticmethod(s2_threads.worker)
    MyThread = s2_threads.MyThread
    run_workers = s2_threads.run_workers
    locked_counter = s2_threads.locked_counter
    increment_once = staticmethod(s2_threads.increment_once)
    thread_producer = staticmethod(s2_threads.thread_producer)
    thread_consumer = staticmethod(s2_threads.thread_consumer)
    thread_producer_consumer = s2_threads.thread_producer_consumer

    # §3 multiprocessing
    process_worker = staticmethod(s3_processes.process_worker)
    square = staticmethod(s3_processes.square)
    ipc_producer = staticmethod(s3_processes.ipc_producer)
    ipc_consumer = staticmethod(s3_processes.ipc_consumer)
    shared_memory_worker = staticmethod(s3_processes.shared_memory_worker)

    # §4 concurrent.futures
    square_task = staticmethod(s4_futures.square_task)
    cpu_task = staticmethod(s4_futures.cpu_task)
    sleep_task = staticmethod(s4_futures.sleep_task)

    # §5 asyncio
    hello = s5_asyncio.hello
    task = s5_asyncio.task
    echo_after = s5_asyncio.echo_after
    first_completed = s5_asyncio.first_completed
    AsyncResource = s5_asyncio.AsyncResource
    AsyncRange = s5_asyncio.AsyncRange
    fetch_limited = s5_asyncio.fetch_limited
    fetch_all_limited = s5_asyncio.fetch_all_limited
    producer = s5_asyncio.producer
    consumer = s5_asyncio.consumer
    producer_consumer = s5_asyncio.producer_consumer
    priority_demo = s5_asyncio.priority_demo
    fetch_or_fail = s5_asyncio.fetch_or_fail

    # §6 async I/O libraries
    fetch = s6_async_io.fetch
    read_file = s6_async_io.read_file
    write_file = s6_async_io.write_file

    # §7 choosing a concurrency model
    fetch_many = s7_choosing.fetch_many
    in_thread = s7_choosing.in_thread
    in_process = s7_choosing.in_process
    mixed = s7_choosing.mixed

    # §8 exercises
    download_all = s8_1_download.download_all
    count_primes_parallel = s8_2_primes.count_primes_parallel
    produce_items = staticmethod(s8_3_producer_consumer.produce_items)
    consume_items = staticmethod(s8_3_producer_consumer.consume_items)

    # §9 questions
    sum_of_squares = staticmethod(s9_questions.sum_of_squares)
    timed_sum_of_squares = staticmethod(s9_questions.timed_sum_of_squares)
    wait_for_input = staticmethod(s9_questions.wait_for_input)
    run_in_threads = s9_questions.run_in_threads
    run_in_processes = s9_questions.run_in_processes
    add_to_shared = staticmethod(s9_questions.add_to_shared)
    change_in_child = staticmethod(s9_questions.change_in_child)
    steps = s9_async_questions.steps
    busy_wait = staticmethod(s9_async_questions.busy_wait)
    busy_wait_in_coroutine = s9_async_questions.busy_wait_in_coroutine
    cancellable = s9_async_questions.cancellable


#: ``--impl concurrency_spec.reference`` (or ``--impl reference``) tests this class.
Implementation = Reference
