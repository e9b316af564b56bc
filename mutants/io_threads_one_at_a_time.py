"""§1.3 blocking calls run in threads, but each thread is joined before the next one starts."""

from concurrency_spec.reference import Reference

TARGETS = ["gil.io.threads-overlap", "gil.io.wall-time"]


class Implementation(Reference):
    def blocking_io_in_threads(impl, n, io):
        results = [None] * n

        def run(i):
            results[i] = io(i)

        for i in range(n):
            thread = impl.threading.Thread(target=run, args=(i,))
            thread.start()
            thread.join()
        return results
