"""Run the spec in a tox environment, or reuse the results of its last run when nothing it depends on
has changed since: the spec and its document, the reference, the suite's own code, the interpreter,
the installed packages, the arguments and every variable of the environment (tox passes only those
its ``pass_env`` names, ``PYTEST_ADDOPTS`` and ``SPEC_*`` among them), but the few that change at
every run without changing what runs (``PYTHONHASHSEED``, which tox draws at random, and the
path of the wheel tox built this time, ``TOX_PACKAGE``).

    python -m concurrency_spec.rerun CACHE_DIR -- pytest arguments...

A warm rerun of ``python3 dev.py spec`` then costs the time to check, not to test. ``SPEC_RERUN=1``
runs the tests whatever the cache says. Results are reused only when the last run finished (its
``--results-json`` file exists and is complete) and passed or failed normally (exit status 0 or 1);
reused results say so (``reused_from``: when the run that made them finished), and so does the report.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import sys
from importlib import metadata
from pathlib import Path
from typing import List, Optional, Sequence

from concurrency_spec import PACKAGE_DIR, phases, results, spec_dir

WATCHED_SUFFIXES = {".py", ".toml", ".ini", ".html", ".cfg", ".txt", ".css"}
#: Variables that change from one run to the next without changing what runs.
UNWATCHED_VARIABLES = {"SPEC_RERUN", "PYTHONHASHSEED", "TOX_PACKAGE", "PWD", "OLDPWD", "SHLVL", "_"}


def _sources() -> List[Path]:
    roots = {
        PACKAGE_DIR,
        spec_dir(),
        spec_dir().parent / "reference",
        spec_dir().parent / "conftest.py",
        spec_dir().parent / "pyproject.toml",
    }
    files: List[Path] = []
    for root in sorted(roots):
        if root.is_file():
            files.append(root)
        elif root.is_dir():
            files.extend(sorted(p for p in root.rglob("*") if p.suffix in WATCHED_SUFFIXES and p.is_file()))
    return files


def key(args: Sequence[str]) -> str:
    """What the results depend on, as one hash."""
    digest = hashlib.sha256()
    for path in _sources():
        digest.update(str(path).encode())
        digest.update(path.read_bytes())
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    settings = sorted(f"{k}={v}" for k, v in os.environ.items() if k not in UNWATCHED_VARIABLES)
    facts = [sys.executable, sys.version, platform.platform(), str(os.cpu_count())]
    digest.update(json.dumps([packages, settings, facts, list(args)]).encode())
    return digest.hexdigest()


def main(argv: Sequence[str]) -> int:
    if len(argv) < 2 or argv[1] != "--":
        print("usage: python -m concurrency_spec.rerun CACHE_DIR -- pytest arguments...", file=sys.stderr)
        return 2
    cache_root, args = Path(argv[0]), list(argv[2:])
    _, results_json = phases.option(args, "--results-json")
    _, junit = phases.option(args, "--junitxml")
    if results_json is None:
        return phases.run(args)
    target = Path(results_json)
    folder = target.parent / phases.FOLDER
    cache = cache_root / (os.environ.get("SPEC_PHASE") or phases.ALL)
    kept = [
        f"{target.stem}.{phase}.{suffix}"
        for phase in phases.sessions()
        for suffix in ("json", "jsonl", "xml")
    ]
    current = key(args)
    stamp = cache / "key"
    if os.environ.get("SPEC_RERUN") != "1" and stamp.exists() and stamp.read_text() == current:
        return _reuse(cache, folder, kept, target, Path(junit) if junit else None)
    code = phases.run(args)
    shutil.rmtree(cache, ignore_errors=True)
    runs = [folder / name for name in kept if name.endswith(".json")]
    if code in (0, 1) and all(_complete(run) for run in runs):
        cache.mkdir(parents=True, exist_ok=True)
        for name in kept:
            if (folder / name).exists():
                shutil.copyfile(folder / name, cache / name)
        (cache / "exit").write_text(str(code))
        stamp.write_text(current)
    return code


def _reuse(cache: Path, folder: Path, kept: List[str], target: Path, junit: Optional[Path]) -> int:
    """The last run's results of these phases, marked reused, merged as a fresh run's would be."""
    phases.clear(target)
    for name in kept:
        if (cache / name).exists():
            shutil.copyfile(cache / name, folder / name)
            if name.endswith(".json"):
                _mark_reused(folder / name)
    phases.merge(folder, target, junit)
    code = int((cache / "exit").read_text())
    ran_at = (results.read(target) or {}).get("reused_from", "time unknown")
    print(
        f"nothing the spec depends on changed since its last run here ({ran_at}): its results are "
        f"reused (exit status {code}); SPEC_RERUN=1 runs it again"
    )
    return code


def _complete(path: Path) -> bool:
    found = results.read(path)
    return found is not None and found.get("complete") is True


def _mark_reused(path: Path) -> None:
    """Mark reused results with when the run that made them finished."""
    found = results.read(path)
    if found is not None:
        found["reused_from"] = str(found.get("facts", {}).get("finished_at") or "time unknown")
        results.write_atomically(path, json.dumps(found, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
