"""concurrency_spec/testing/kernel.py proves itself (Linux): ``blocked_in`` says True for a thread asleep in
the kernel where the markers say, False for a thread asleep elsewhere or one that ends while it looks,
and None where the kernel does not tell (a thread reading its own wchan is running, so it reads "0")."""

import os
import threading
import time
from types import SimpleNamespace

import pytest

from concurrency_spec.testing import kernel

WAIT = 5.0  # what happens at once gets this long: only a broken instrument ever waits it out
SHORT = 0.05  # a timeout the test waits out on purpose

pytestmark = pytest.mark.skipif(
    not os.path.exists(f"/proc/self/task/{threading.get_native_id()}/wchan"),
    reason="the kernel does not say where a thread sleeps (/proc/self/task/<id>/wchan)",
)


def test_a_thread_blocked_in_a_pipe_read_is_blocked_in_the_pipe():
    reading, writing = os.pipe()
    reader = threading.Thread(target=os.read, args=(reading, 1), daemon=True)
    reader.start()
    try:
        assert kernel.blocked_in(reader.native_id, ("pipe",), timeout=WAIT) is True
    finally:
        os.write(writing, b"x")
        reader.join(WAIT)
        os.close(reading)
        os.close(writing)


def test_a_thread_asleep_elsewhere_is_not_blocked_in_the_pipe():
    go = threading.Event()
    waiter = threading.Thread(target=go.wait, args=(WAIT,), daemon=True)
    waiter.start()
    try:
        assert kernel.blocked_in(waiter.native_id, ("pipe",), timeout=SHORT) is False
    finally:
        go.set()
        waiter.join(WAIT)


def test_a_thread_that_ends_while_watched_is_not_blocked_in_the_pipe(monkeypatch):
    go = threading.Event()
    waiter = threading.Thread(target=go.wait, args=(WAIT,), daemon=True)
    waiter.start()
    task = f"/proc/self/task/{waiter.native_id}"

    def end_the_thread(seconds):  # at the first pause between two looks, the watched thread ends
        go.set()
        waiter.join(WAIT)
        deadline = time.monotonic() + WAIT
        while os.path.exists(task) and time.monotonic() < deadline:
            time.sleep(0.001)
        time.sleep(seconds)

    monkeypatch.setattr(kernel, "time", SimpleNamespace(monotonic=time.monotonic, sleep=end_the_thread))

    assert kernel.blocked_in(waiter.native_id, ("pipe",), timeout=WAIT) is False


def test_where_the_kernel_never_tells_the_answer_is_none():
    # the calling thread runs while it reads its own wchan: "0", the kernel's "running, nowhere"
    assert kernel.blocked_in(threading.get_native_id(), ("pipe",), timeout=SHORT) is None


def test_a_thread_that_does_not_exist_is_not_told_about():
    assert kernel.blocked_in(2**31 - 1, ("pipe",), timeout=SHORT) is None
