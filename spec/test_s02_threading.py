"""§2 多线程 (threading): creating threads, running several, Lock, and the thread-safe queue.

Every test names the claim it proves (``spec/claims/s02_threading.toml``) and reaches the code it
checks through ``impl``, the implementation under test.
"""

import threading

import pytest


@pytest.mark.claim("threading.thread.target-runs")
def test_thread_runs_its_target_with_args_in_a_new_thread(impl):
    seen = []

    def target(name):
        seen.append((name, threading.get_ident()))

    thread = impl.Thread(target=target, args=("Thread-1",))
    thread.start()
    thread.join(timeout=5)

    assert seen == [("Thread-1", seen[0][1])]
    assert seen[0][1] != threading.get_ident()  # not the caller's thread


@pytest.mark.claim("threading.thread.join-waits")
def test_join_returns_only_after_the_target_finished(impl):
    release = threading.Event()
    log = []

    def wait(_seconds):
        release.wait(timeout=5)  # the test, not a clock, decides when the "sleep" ends

    thread = impl.Thread(target=impl.worker, args=("Thread-1", 2.0, log, wait))
    thread.start()
    assert thread.is_alive()
    release.set()
    thread.join(timeout=5)

    assert not thread.is_alive()
    assert log == ["Thread-1 started", "Thread-1 finished"]
