"""tox inline plugin: let tox find every pyenv-installed interpreter.

pyenv's ``pythonX.Y`` shims only work for the version(s) pyenv currently
selects, so on a machine with several pyenv versions plain ``tox`` would skip
most of ``py39``..``py314``.  Appending ``$PYENV_ROOT/versions/*/bin`` to PATH
(after everything already there, so a selected shim, the system Python and
``/usr/bin/pypy3`` still win) makes virtualenv's ordinary PATH discovery find
the rest.  Nothing changes on a machine without pyenv.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from tox.config.sets import ConfigSet
from tox.plugin import impl
from tox.session.state import State


def _pyenv_bin_dirs() -> list[str]:
    """``$PYENV_ROOT/versions/*/bin``, newest version first (3.12.10 before 3.12.9)."""
    root = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    dirs = [d for d in root.glob("versions/*/bin") if d.is_dir()]
    natural = lambda d: [int(t) if t.isdigit() else -1 for t in re.split(r"(\d+)", d.parent.name)]  # noqa: E731
    return [str(d) for d in sorted(dirs, key=natural, reverse=True)]


@impl
def tox_add_core_config(core_conf: ConfigSet, state: State) -> None:  # noqa: ARG001
    path = os.environ.get("PATH", "").split(os.pathsep)
    extra = [d for d in _pyenv_bin_dirs() if d not in path]
    if extra:
        os.environ["PATH"] = os.pathsep.join([*path, *extra])
