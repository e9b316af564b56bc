"""The pytest plugin that turns ``spec/`` into a conformance suite; opt-in.

It is not registered as an entry point, so it never loads into other pytest runs of the environment
it is installed in. It loads through the repository's ``conftest.py``, through ``-p
concurrency_spec.pytest_plugin``, or through ``concurrency-spec run``. Its parts:

- ``core``: the implementation under test (``--impl``), claims and their selection (``--claim``,
  ``--section``), not-applicable claims, declared deviations, results (``--results-json``) and the
  claim-by-claim summary;
- ``hygiene``: no test leaks a thread or a child process;
- ``axes``: the multiprocessing start method (``--start-method``);
- ``loops``: the event loop (``--loop``), virtual time, and asyncio hygiene;
- ``loop_defects``: a loop's own resource leaks, a finding of the loop rather than of the claims;
- ``deadlines``: a test stuck on an await ends by its deadline on every loop (uvloop included);
- ``forks``: the collected tests side by side in forked workers (``--forks N``);
- ``concurrency_spec.testing.servers``: the loopback HTTP server fixture.
"""

pytest_plugins = [
    "concurrency_spec.pytest_plugin.core",
    "concurrency_spec.pytest_plugin.hygiene",
    "concurrency_spec.pytest_plugin.axes",
    "concurrency_spec.pytest_plugin.loops",
    "concurrency_spec.pytest_plugin.loop_defects",
    "concurrency_spec.pytest_plugin.deadlines",
    "concurrency_spec.pytest_plugin.forks",
    "concurrency_spec.testing.servers",
]
