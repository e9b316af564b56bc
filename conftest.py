"""In a checkout, ``pytest`` runs the spec with the suite's plugin (``concurrency-spec run`` loads it
with ``-p`` instead, wherever the suite is installed)."""

pytest_plugins = ["concurrency_spec.pytest_plugin"]
