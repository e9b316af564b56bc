"""§10 本周小结 (the week's summary): "concurrent.futures: 高级接口" (a high-level interface).

The summary's other lines restate claims checked where they are made (threads for I/O-bound and
processes for CPU-bound work: §9.2; asyncio: §5; aiohttp and aiofiles: §6). What is new here is the
sense of "high-level interface": one program, written against ``Executor.submit``/``map``, runs on
threads or on processes, and only the executor class changes::

    with ThreadPoolExecutor(max_workers=4) as executor:      # §4.1
    with ProcessPoolExecutor(max_workers=4) as executor:     # §4.2
"""

import os

import pytest


def squares_and_where(executor, impl):
    """One program for any executor: CPU-bound calls through map() and submit(), and the pid that ran one."""
    results = list(executor.map(impl.sum_of_squares, [10, 100, 1000]))
    results.append(executor.submit(impl.sum_of_squares, 10_000).result())
    return results, executor.submit(os.getpid).result()


@pytest.mark.claim("summary.futures.one-interface")
def test_the_same_executor_program_runs_on_threads_or_on_processes(impl):
    # processes first: a thread pool's threads, though joined, may still be ending in the OS when the
    # next fork() comes, and Python 3.12+ warns about forking a multi-threaded process
    with impl.futures.ProcessPoolExecutor(max_workers=2) as executor:
        on_processes, process_pid = squares_and_where(executor, impl)
    with impl.futures.ThreadPoolExecutor(max_workers=2) as executor:
        on_threads, thread_pid = squares_and_where(executor, impl)

    assert on_threads == on_processes == [285, 328350, 332833500, 333283335000]
    assert thread_pid == os.getpid()  # threads: this process
    assert process_pid != os.getpid()  # processes: another one
