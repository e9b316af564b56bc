"""Results files: written whole or not at all, and published only when the run that made them finished.

A spec run writes ``results.json`` at its end (and ``results.jsonl`` as it goes). ``write_atomically``
never leaves a part of a file: a full disk or a kill leaves the file as it was. ``concurrency-spec run``
stages a run's files in a folder of their own inside the results folder (``.run-*``) and publishes
them only when the run finished and ran tests; an interrupted run's files become ``partial/``
(marked incomplete), and a failed or empty run leaves the previous results and report as they were.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Optional

from concurrency_spec.options import UsageError

RESULTS = "results.json"
PARTIAL = "partial"


def write_atomically(path: Path, text: str) -> None:
    """``path`` holds ``text`` whole, or what it held before: never a part (a full disk, a kill)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        part.write_text(text, encoding="utf-8")
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)


def read(path: Path) -> Optional[Dict[str, Any]]:
    """The results in ``path``, or None when there are none (missing, not JSON, not results)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and "tests" in data else None


@dataclass
class Staged:
    """A run's own folder inside the results folder, until its files are published or kept as partial."""

    folder: Path
    home: Path

    @property
    def results(self) -> Path:
        return self.folder / RESULTS

    def logged_tests(self) -> int:
        """How many tests the run's log recorded (a run killed before its end leaves only its log)."""
        try:
            lines = (self.folder / RESULTS).with_suffix(".jsonl").read_text(encoding="utf-8").splitlines()
        except OSError:
            return 0
        return sum(1 for line in lines if line.startswith('{"test"'))

    def publish(self) -> None:
        """Move the run's files over the previous ones (each move is atomic)."""
        for name in (RESULTS, Path(RESULTS).with_suffix(".jsonl").name):
            if (self.folder / name).exists():
                os.replace(self.folder / name, self.home / name)
        self.discard()

    def keep_as_partial(self) -> Path:
        """Keep the run's files in ``partial/`` (the previous partial ones go), away from the results."""
        target = self.home / PARTIAL
        shutil.rmtree(target, ignore_errors=True)
        os.replace(self.folder, target)
        return target

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def stage(home: Path) -> Staged:
    """A fresh folder for a run's files inside ``home``, which must be a writable folder (the folders of
    runs that were killed before they could tidy up are removed)."""
    if home.exists() and not home.is_dir():
        raise UsageError(f"--results {home}: exists and is not a directory")
    try:
        home.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(home)
        folder = Path(tempfile.mkdtemp(prefix=f".run-{os.getpid()}-", dir=home))
    except OSError as error:
        raise UsageError(f"--results {home}: cannot write there: {error.strerror or error}") from None
    return Staged(folder, home)


def _remove_abandoned(home: Path) -> None:
    for folder in home.glob(".run-*-*"):
        pid = folder.name.split("-")[1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # not ours to signal, but alive
        return True
    return True
