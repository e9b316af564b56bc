"""§1.2 asyncio tasks run by an event loop in a helper thread, not in the thread that asked for them."""

import threading

from concurrency_spec.reference import Reference

TARGETS = ["concurrency.table.asyncio-one-thread"]


class Implementation(Reference):
    def interleaved_tasks(impl, names, steps):
        result = []
        in_the_loop = super().interleaved_tasks
        helper = threading.Thread(target=lambda: result.extend(in_the_loop(names, steps)))
        helper.start()
        helper.join()
        return result
