"""§2.2 run one thread at a time: each is joined right after it is started."""

from concurrency_spec.reference import Reference

TARGETS = ["threading.many.overlap"]


class Implementation(Reference):
    def run_workers(impl, n=5, delay=2.0, log=None, wait=None):
        for i in range(n):
            thread = impl.threading.Thread(target=impl.worker, args=(f"Thread-{i}", delay, log, wait))
            thread.start()
            thread.join()
