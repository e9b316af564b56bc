"""``python -m concurrency_spec``: the same as the ``concurrency-spec`` command."""

import sys

from concurrency_spec.cli import main

sys.exit(main())
