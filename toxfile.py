"""tox inline plugin: let tox find every pyenv-installed interpreter.

pyenv's ``pythonX.Y`` shims run only the version(s) pyenv currently selects,
so on a machine with several pyenv versions plain ``tox`` would skip most of
py39..py314.  Appending ``$PYENV_ROOT/versions/*/bin`` to PATH, after what is
already there (so a selected shim, the system Python and ``/usr/bin/pypy3``
still come first), lets virtualenv's ordinary PATH discovery find the rest.
Nothing changes on a machine without pyenv.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from tox.plugin import impl

if TYPE_CHECKING:
    from tox.config.sets import ConfigSet
    from tox.session.state import State


def _version_key(path: Path) -> list[int]:
    """``versions/3.12.10/bin`` -> [3, 12, 10], so that it sorts after 3.12.9."""
    return [int(n) for n in re.findall(r"\d+", path.parent.name)]


def pyenv_bin_dirs() -> list[str]:
    """``$PYENV_ROOT/versions/*/bin``, newest version first."""
    root = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    dirs = sorted((d for d in root.glob("versions/*/bin") if d.is_dir()), key=_version_key, reverse=True)
    return [str(d) for d in dirs]


@impl
def tox_add_core_config(core_conf: ConfigSet, state: State) -> None:  # noqa: ARG001
    path = [p for p in os.environ.get("PATH", "").split(os.pathsep) if p]
    extra = [d for d in pyenv_bin_dirs() if d not in path]
    if extra:
        os.environ["PATH"] = os.pathsep.join([*path, *extra])
