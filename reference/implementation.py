"""The reference implementation as one class: the primitives, grouped as the document imports them,
and the document's programs, written on top of them.

A program is a function whose first parameter, ``impl``, is the implementation it runs on; it reaches
every primitive and every other program through it (``impl.threading.Thread``,
``impl.asyncio.Semaphore``, ``impl.fetch``). So an implementation that swaps one primitive has it used
by every program that depends on it::

    class Implementation(Reference):
        threading = Reference.threading.replace(Lock=MyLock)   # the §2.3 counter now counts under MyLock

Each name declares what it is for the contract: ``a_program(section, f)``, a program of that section
of the document, or ``a_worker(section, f)``: a task handed as is to threads and processes
(``square``, ``cpu_task``, ``process_worker``...), a plain module-level function that spawn and
forkserver children can import, and a static method here.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, NamedTuple, TypeVar

from concurrency_spec.reference import (
    primitives,
    s01_concurrency,
    s02_threading,
    s03_multiprocessing,
    s04_futures,
    s05_asyncio,
    s06_async_io,
    s07_choosing,
    s08_1_download,
    s08_2_primes,
    s08_3_producer_consumer,
    s09_1_gil,
    s09_2_threads_or_processes,
    s09_3_asyncio_vs_threads,
    s09_4_cancel,
    s09_5_sharing,
)

CONTRACT_VERSION = "2.0"
F = TypeVar("F", bound=Callable[..., Any])


class Role(NamedTuple):
    """What a name of the contract is: a ``program`` of the document (its first parameter is the
    implementation it runs on) or a ``worker`` (handed as is to threads and processes), and the
    section of the document it comes from."""

    kind: str
    section: str


def a_program(section: str, function: F) -> F:
    """Declare ``function`` a program of ``section``: its first parameter is the implementation."""
    function.contract_role = Role("program", section)  # type: ignore[attr-defined]
    return function


def a_worker(section: str, function: F) -> Any:
    """Declare ``function`` a worker of ``section``: handed as is to threads and processes (a static
    method of the implementation, which spawned children import by its module's name)."""
    function.contract_role = Role("worker", section)  # type: ignore[attr-defined]
    return staticmethod(function)


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
    cpu_bound_in_threads = a_program("§1.2", s01_concurrency.cpu_bound_in_threads)
    cpu_bound_in_processes = a_program("§1.2", s01_concurrency.cpu_bound_in_processes)
    blocking_io_in_threads = a_program("§1.3", s01_concurrency.blocking_io_in_threads)
    interleaved_tasks = a_program("§1.1", s01_concurrency.interleaved_tasks)
    io_bound_in_tasks = a_program("§1.2", s01_concurrency.io_bound_in_tasks)
    cpu_bound_in_tasks = a_program("§1.2", s01_concurrency.cpu_bound_in_tasks)

    # §2 threading
    worker = a_worker("§2.1", s02_threading.worker)
    MyThread = a_program("§2.1", s02_threading.MyThread)
    run_workers = a_program("§2.2", s02_threading.run_workers)
    locked_counter = a_program("§2.3", s02_threading.locked_counter)
    increment_once = a_worker("§2.3", s02_threading.increment_once)
    thread_producer = a_worker("§2.4", s02_threading.thread_producer)
    thread_consumer = a_worker("§2.4", s02_threading.thread_consumer)
    thread_producer_consumer = a_program("§2.4", s02_threading.thread_producer_consumer)

    # §3 multiprocessing
    process_worker = a_worker("§3.1", s03_multiprocessing.process_worker)
    square = a_worker("§3.2", s03_multiprocessing.square)
    ipc_producer = a_worker("§3.3", s03_multiprocessing.ipc_producer)
    ipc_consumer = a_worker("§3.3", s03_multiprocessing.ipc_consumer)
    shared_memory_worker = a_worker("§3.4", s03_multiprocessing.shared_memory_worker)

    # §4 concurrent.futures
    square_task = a_worker("§4.1", s04_futures.square_task)
    cpu_task = a_worker("§4.2", s04_futures.cpu_task)
    sleep_task = a_worker("§4.3", s04_futures.sleep_task)

    # §5 asyncio
    hello = a_program("§5.2", s05_asyncio.hello)
    task = a_program("§5.3", s05_asyncio.task)
    echo_after = a_program("§5.4", s05_asyncio.echo_after)
    first_completed = a_program("§5.4", s05_asyncio.first_completed)
    AsyncResource = a_program("§5.5", s05_asyncio.AsyncResource)
    AsyncRange = a_program("§5.6", s05_asyncio.AsyncRange)
    fetch_limited = a_program("§5.7", s05_asyncio.fetch_limited)
    fetch_all_limited = a_program("§5.7", s05_asyncio.fetch_all_limited)
    producer = a_program("§5.8", s05_asyncio.producer)
    consumer = a_program("§5.8", s05_asyncio.consumer)
    producer_consumer = a_program("§5.8", s05_asyncio.producer_consumer)
    priority_demo = a_program("§5.8", s05_asyncio.priority_demo)
    fetch_or_fail = a_program("§5.9", s05_asyncio.fetch_or_fail)

    # §6 async I/O libraries
    fetch = a_program("§6.1", s06_async_io.fetch)
    read_file = a_program("§6.2", s06_async_io.read_file)
    write_file = a_program("§6.2", s06_async_io.write_file)

    # §7 choosing a concurrency model
    fetch_many = a_program("§7", s07_choosing.fetch_many)
    in_thread = a_program("§7", s07_choosing.in_thread)
    in_process = a_program("§7", s07_choosing.in_process)
    mixed = a_program("§7", s07_choosing.mixed)

    # §8 exercises
    download_all = a_program("§8.1", s08_1_download.download_all)
    count_primes_parallel = a_program("§8.2", s08_2_primes.count_primes_parallel)
    produce_items = a_worker("§8.3", s08_3_producer_consumer.produce_items)
    consume_items = a_worker("§8.3", s08_3_producer_consumer.consume_items)

    # §9 questions
    sum_of_squares = a_worker("§9.1", s09_1_gil.sum_of_squares)
    timed_sum_of_squares = a_worker("§9.1", s09_1_gil.timed_sum_of_squares)
    wait_for_input = a_worker("§9.1", s09_1_gil.wait_for_input)
    run_in_threads = a_program("§9.2", s09_2_threads_or_processes.run_in_threads)
    run_in_processes = a_program("§9.2", s09_2_threads_or_processes.run_in_processes)
    add_to_shared = a_worker("§9.5", s09_5_sharing.add_to_shared)
    change_in_child = a_worker("§9.5", s09_5_sharing.change_in_child)
    steps = a_program("§9.3", s09_3_asyncio_vs_threads.steps)
    busy_wait = a_worker("§9.3", s09_3_asyncio_vs_threads.busy_wait)
    busy_wait_in_coroutine = a_program("§9.3", s09_3_asyncio_vs_threads.busy_wait_in_coroutine)
    cancellable = a_program("§9.4", s09_4_cancel.cancellable)


#: ``--impl concurrency_spec.reference`` (or ``--impl reference``) tests this class.
Implementation = Reference
