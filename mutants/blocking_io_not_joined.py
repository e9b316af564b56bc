"""§1.3 blocking calls started in threads that are never joined: the program returns at once, before
any call has finished, with no results."""

from concurrency_spec.reference import Reference

TARGETS = [
    "gil.io.threads-overlap",
    "gil.io.wall-time",
    "gil.io.file-read-releases",
    "gil.io.database-query-releases",
]
#: Its program returns while the threads run, so how much of their work it returns depends on how long
#: the machine lets it wait before it reads the results: on a busy machine, sometimes all of it.
ATTEMPTS = 3


class Implementation(Reference):
    def blocking_io_in_threads(impl, n, io):
        results = [None] * n

        def run(i):
            results[i] = io(i)

        for i in range(n):
            impl.threading.Thread(target=run, args=(i,), daemon=True).start()
        return list(results)
