"""A queue.Queue whose get() never returns: every consumer thread is stuck in it for ever, outliving
its test; the run must still end, report them once, and exit with the suite's status."""

import queue
import threading

from concurrency_spec.reference import Reference

TARGETS = [
    "threading.queue.fifo",
    "threading.queue.get-waits",
    "threading.queue.sentinel-stops",
    "threading.queue.task-done",
    "threads.producer-consumer.exactly-once",
    "threads.producer-consumer.join-waits-for-task-done",
    "threads.producer-consumer.sentinel-per-consumer",
]
ARGS = ["--section", "2.4", "--section", "8.3"]
BOUND = 160


class Queue(queue.Queue):
    def get(self, block=True, timeout=None):
        threading.Event().wait()  # never set


class Implementation(Reference):
    queue = Reference.queue.replace(Queue=Queue)
