"""How long the suite waits, in one place, with one scale factor for slow machines.

Every wait of a spec test is one-sided: a correct implementation does at once what the test waits for
(a handshake, a join, a result), so only a broken one ever waits a timeout out, and the values below
only decide how soon a broken implementation is told. As CPython's ``test.support.SHORT_TIMEOUT`` and
``LONG_TIMEOUT``, they grow with ``SPEC_TIMEOUT_SCALE`` (say 3 on an emulated or very loaded machine),
and so do the tests' own timeouts (pytest-timeout's, scaled by the suite's plugin).

A grace is the other way round: the time a test gives a broken implementation to do what it must not
(return before its threads have ended, start a fifth task in a pool of four). A correct one never does
it, however long the grace; a longer grace catches a broken one more surely, and costs every run.
"""

from __future__ import annotations

import os


def _scale() -> float:
    try:
        return max(float(os.environ.get("SPEC_TIMEOUT_SCALE") or 1.0), 0.1)
    except ValueError:
        return 1.0


SCALE = _scale()

#: A thread's or a task's handshake, a join, a result: what happens at once in this process.
TIMEOUT = 2.0 * SCALE
#: What takes a new process (spawn and forkserver start an interpreter) or hundreds of connections.
SLOW_TIMEOUT = 3.0 * SCALE
#: A fresh interpreter that runs a whole program (a script, a pool of spawned workers).
LONG_TIMEOUT = 10.0 * SCALE
#: The time a broken implementation gets to do what it must not.
GRACE = 0.2 * SCALE
#: A bound on an await in virtual time (``@pytest.mark.virtual_time``), in virtual seconds: above the
#: document's longest pause, and free, since the clock jumps to the bound as soon as everything waits.
VIRTUAL_TIMEOUT = 60.0
