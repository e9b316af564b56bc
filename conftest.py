"""Root conftest: the spec's machinery lives in the ``harness`` package."""

import sys

pytest_plugins = ["harness.plugin", "harness.axes", "harness.loops", "harness.servers"]

# Files that use syntax of Python 3.11 (``except*``) cannot even be parsed by older interpreters;
# their claims declare ``python>=3.11`` and are reported as not applicable there.
collect_ignore_glob = [] if sys.version_info >= (3, 11) else ["spec/*_py311.py"]
