"""Command line of the suite's machinery.

    python -m harness catalogue [pytest args]   the claim catalogue, with its tests, as JSON
    python -m harness contract [--impl NAME]    the contract, or what NAME lacks of it
    python -m harness report [RESULTS_DIR]      merge tox results into one report
"""

from __future__ import annotations

import sys
from typing import List


def _catalogue(args: List[str]) -> int:
    import contextlib
    import io
    import tempfile
    from pathlib import Path

    import pytest

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "catalogue.json"
        output = io.StringIO()
        with contextlib.redirect_stdout(output):
            code = pytest.main(["spec", "--catalogue", str(target), "-q", "-p", "no:cacheprovider", *args])
        if not target.exists():
            sys.stderr.write(output.getvalue())
            return int(code) or 1
        sys.stdout.write(target.read_text())
    return 0


def _contract(args: List[str]) -> int:
    from harness.contract import contract, problems

    if "--impl" in args:
        name = args[args.index("--impl") + 1]
        found = problems(name)
        for line in found:
            print(line)
        print(f"{name}: {'complete' if not found else f'{len(found)} problem(s)'}")
        return 1 if found else 0
    for entry in contract():
        print(f"{entry.section:4} {entry.name:32} {entry.kind:20} {entry.summary}")
    return 0


def _report(args: List[str]) -> int:
    from harness.report import main

    return main(args)


def main(argv: List[str]) -> int:
    commands = {"catalogue": _catalogue, "contract": _contract, "report": _report}
    if not argv or argv[0] not in commands:
        print(__doc__)
        return 2
    return commands[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
