"""multiprocess (https://github.com/uqfoundation/multiprocess), the fork of multiprocessing that
pickles with dill, as ``impl.multiprocessing``.

The adapter is one line: its ``get_context`` gives Process, Pool, Queue, Value, Array (and the
instruments the tests use: Event, Barrier, Pipe, Manager, RLock) for fork, spawn and forkserver. The
executors stay the standard library's: multiprocess ships none, and the suite never hands an
executor a context of another layer.

    concurrency-spec run --impl concurrency_spec.adapters.multiprocess

What it does not meet is what it is for: dill pickles lambdas, local functions and locks, which the
standard library's pickle refuses. Each deviation below was shown with the library alone
(``tests/evidence/multiprocess_pickles_more.py``; the reasons quote what it prints).
"""

from __future__ import annotations

import multiprocess

from concurrency_spec.reference import Reference


class Implementation(Reference):
    multiprocessing = Reference.multiprocessing.replace(get_context=multiprocess.get_context)

    DEVIATIONS = {
        "multiprocessing.pool.function-must-pickle": (
            "dill pickles lambdas and local functions by value, so Pool.map runs them: "
            "`Pool.map(lambda) returned [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]`"
        ),
        "sharing.pickle.sent-objects": (
            "dill sends a lambda and a threading.Lock through a Pipe: "
            "`Pipe.send(lambda) went through`, `Pipe.send(threading.Lock) went through`"
        ),
        "sharing.pickle.spawn-process-args": (
            "under spawn and forkserver, start() pickles a lambda target and a threading.Lock argument "
            "with dill instead of raising: `start() with lambda target did not raise`"
        ),
    }
