"""run_in_threads that starts each thread only after the previous one finished."""

from concurrency_spec.reference import Reference

TARGETS = ["when.threads.io-bound-overlap"]


class Implementation(Reference):
    def run_in_threads(impl, fn, args):
        results = [None] * len(args)

        def call(index):
            results[index] = fn(args[index])

        for index in range(len(args)):
            thread = impl.threading.Thread(target=call, args=(index,))
            thread.start()
            thread.join()  # breaks §9.2: the I/O waits never overlap
        return results
