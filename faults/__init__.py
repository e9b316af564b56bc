"""Faults injected on purpose: implementations and event loops that hang, crash, die or leak.

Where a mutant (``mutants/``) breaks a claim and still lets the run go on, a fault stops it going on:
a lock that is never released, a queue that never hands out an item, a worker that kills itself, a
loop that leaks its own sockets. Each module declares what the run must still deliver:

- ``TARGETS``: the claims whose tests must fail, and no other;
- ``BOUND``: the seconds the run may take at most, from start to exit;
- ``ARGS``: the arguments of the run (the claims or files its targets are tested by, a loop).

``tests/test_faults.py`` runs the spec against each and requires exactly that: the run ends within its
bound, with its targets NOT MET, results written, and no process of it left behind.
"""
