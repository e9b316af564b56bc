"""The document's sections, with the document's own titles (and an English gloss)."""

from __future__ import annotations

from typing import Dict, Tuple

TITLES: Dict[str, Tuple[str, str]] = {
    "§1": ("并发 vs 并行", "concurrency vs parallelism"),
    "§1.1": ("概念区分", "the two concepts"),
    "§1.2": ("Python 并发方式", "Python's ways to concurrency"),
    "§1.3": ("GIL 与 I/O 密集型任务", "the GIL and I/O-bound tasks"),
    "§2": ("多线程 (threading)", "threads"),
    "§2.1": ("创建线程", "creating threads"),
    "§2.2": ("多线程执行", "running several threads"),
    "§2.3": ("线程同步 (Lock)", "synchronising threads"),
    "§2.4": ("线程安全队列", "the thread-safe queue"),
    "§3": ("多进程 (multiprocessing)", "processes"),
    "§3.1": ("创建进程", "creating processes"),
    "§3.2": ("进程池", "process pools"),
    "§3.3": ("进程间通信", "communication between processes"),
    "§3.4": ("共享内存", "shared memory"),
    "§4": ("concurrent.futures", "executors"),
    "§4.1": ("ThreadPoolExecutor", "a pool of threads"),
    "§4.2": ("ProcessPoolExecutor", "a pool of processes"),
    "§4.3": ("as_completed", "results as they complete"),
    "§5": ("asyncio 异步编程", "asynchronous programming"),
    "§5.1": ("基本概念", "basic concepts"),
    "§5.2": ("基本语法", "basic syntax"),
    "§5.3": ("并发执行", "running concurrently"),
    "§5.4": ("asyncio.wait", "waiting for the first"),
    "§5.5": ("异步上下文管理器", "async context managers"),
    "§5.6": ("异步迭代器", "async iterators"),
    "§5.7": ("asyncio.Semaphore", "semaphores"),
    "§5.8": ("asyncio.Queue", "queues"),
    "§5.9": ("asyncio.TaskGroup (Python 3.11+)", "structured concurrency"),
    "§6": ("异步 I/O 库", "async I/O libraries"),
    "§6.1": ("aiohttp (HTTP 客户端)", "HTTP client"),
    "§6.2": ("aiofiles (文件 I/O)", "file I/O"),
    "§7": ("选择并发模式", "choosing a concurrency model"),
    "§8": ("练习", "exercises"),
    "§8.1": ("并发下载", "concurrent download"),
    "§8.2": ("CPU 密集计算", "CPU-bound computation"),
    "§8.3": ("生产者消费者", "producer and consumer"),
    "§9": ("思考题", "questions"),
    "§9.1": ("GIL 对多线程有什么影响?", "what does the GIL do to threads?"),
    "§9.2": ("什么时候用线程, 什么时候用进程?", "when threads, when processes?"),
    "§9.3": ("asyncio 和多线程有什么区别?", "asyncio or threads?"),
    "§9.4": ("如何取消正在运行的协程?", "cancelling a running coroutine"),
    "§9.5": ("进程间共享数据有什么风险?", "the risks of sharing data between processes"),
    "§10": ("本周小结", "summary"),
}


def title(section: str) -> str:
    """``"§2.3 线程同步 (Lock) — synchronising threads"``: the section with the document's title."""
    found = TITLES.get(section)
    return f"{section} {found[0]} — {found[1]}" if found else section


def key(section: str) -> Tuple[int, ...]:
    """Sort key of ``"§5.10"``-style sections."""
    return tuple(int(d) for d in section.lstrip("§").split(".") if d.isdigit())
