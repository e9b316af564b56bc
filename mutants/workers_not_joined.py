"""§2.2 without the second loop: the threads are started but never joined."""

from concurrency_spec.reference import Reference

TARGETS = ["threading.many.join-all"]


class Implementation(Reference):
    def run_workers(impl, n=5, delay=2.0, log=None, wait=None):
        for i in range(n):
            impl.threading.Thread(target=impl.worker, args=(f"Thread-{i}", delay, log, wait)).start()
