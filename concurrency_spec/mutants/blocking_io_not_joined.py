"""§1.3 blocking calls started in threads that are never joined: the program returns at once, before
any call has finished, with no results."""

from concurrency_spec.reference import Reference

TARGETS = [
    "gil.io.threads-overlap",
    "gil.io.wall-time",
    "gil.io.file-read-releases",
    "gil.io.database-query-releases",
]


class Implementation(Reference):
    def blocking_io_in_threads(impl, n, io):
        results = [None] * n

        def run(i):
            results[i] = io(i)

        for i in range(n):
            impl.threading.Thread(target=run, args=(i,), daemon=True).start()
        return list(results)
