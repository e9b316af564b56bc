"""Every job of the CI workflow installs binary wheels only, on its own platform and interpreter, including
the jobs this machine cannot run (free-threaded builds, macOS, Windows): nothing it installs would need a
compiler. A job installs three sets: ``dev.py check``'s .venv (the project with the extras dev.py chooses
for that interpreter), ``dev.py spec``'s tools (tox, tox-uv, uv, and setuptools for tox's packaging env),
and the project with the extras tox.ini gives the job's environment. uv resolves each set for the job's
platform and Python version, as the job's own install would (the newest versions its markers admit), and
the package index must have, for every version picked, a wheel whose tags the job's interpreter accepts
(uv cannot aim at a free-threaded build without one, so the tags are checked here, with ``packaging``)."""

import functools
import json
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python < 3.11
    import tomli as tomllib

import pytest
from packaging import tags
from packaging.utils import parse_wheel_filename
from packaging.version import Version
from workflow import jobs, load_workflow

import dev

ROOT = Path(__file__).resolve().parent.parent
# GitHub's runners: ubuntu-latest is Ubuntu 24.04 (glibc 2.39), macos-latest an arm64 Mac, windows-latest x64
PLATFORMS = {
    "ubuntu": (
        "x86_64-manylinux_2_39",
        [f"manylinux_2_{minor}_x86_64" for minor in range(39, 4, -1)]
        + ["manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64", "linux_x86_64"],
    ),
    "macos": ("aarch64-apple-darwin", list(tags.mac_platforms((14, 0), "arm64"))),
    "windows": ("x86_64-pc-windows-msvc", ["win_amd64"]),
}
INDEX = os.environ.get("UV_DEFAULT_INDEX") or os.environ.get("UV_INDEX_URL") or "https://pypi.org/simple"


class Target:
    """A job's interpreter and platform: "3.13t" on ubuntu-latest, "pypy3.10" on ubuntu-latest..."""

    def __init__(self, job):
        self.job, self.python = job, job.python
        self.pypy = self.python.startswith("pypy")
        self.free_threaded = self.python.endswith("t")
        self.version = self.python.removeprefix("pypy").rstrip("t")
        family = next(word for word in PLATFORMS if word in job.runs_on)
        self.uv_platform, self.platforms = PLATFORMS[family]

    def uv_options(self):
        options = ["--python-platform", self.uv_platform, "--python-version", self.version]
        if self.pypy:  # uv takes the implementation (markers, tags) from an interpreter: the local PyPy
            pypy = shutil.which("pypy3") or pytest.skip("resolving for PyPy takes a PyPy interpreter (pypy3)")
            options += ["--python", pypy]
        return options

    def wheel_tags(self):
        major, minor = (int(n) for n in self.version.split("."))
        if self.pypy:
            interpreter = f"pp{major}{minor}"
            binary = tags.generic_tags(interpreter, [f"pypy{major}{minor}_pp73"], self.platforms)
        else:
            interpreter = f"cp{major}{minor}"
            abi = interpreter + ("t" if self.free_threaded else "")
            binary = tags.cpython_tags((major, minor), [abi], self.platforms)
        return {*binary, *tags.compatible_tags((major, minor), interpreter, self.platforms)}

    def check_extras(self):
        implementation = "pypy" if self.pypy else "cpython"
        major, minor = (int(n) for n in self.version.split("."))
        return dev.project_extras(implementation, (major, minor), self.free_threaded)


def install_sets(target, folder):
    """{what installs it: uv pip compile's inputs} for one job (requirements written into ``folder``)."""
    tox = dev.tox_config()
    toxenv = target.job.matrix["toxenv"]
    section = f"testenv:{toxenv}" if tox.has_section(f"testenv:{toxenv}") else "testenv"
    tox_extras = tox.get(section, "extras", fallback=None)
    tox_extras = tox.get("testenv", "extras") if tox_extras is None else tox_extras
    build_requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"]
    tools = folder / "spec-tools.in"
    tools.write_text("\n".join([dev.TOX_REQ, dev.TOX_UV_REQ, dev.UV_REQ, *build_requires]) + "\n")
    return {
        "dev.py check": project(target.check_extras()),
        "dev.py spec": [str(tools)],
        f"tox -e {toxenv}": project(tox_extras.split()),
    }


def project(extras):
    return ["pyproject.toml", *(option for extra in extras for option in ("--extra", extra))]


def resolve(target, inputs):
    """The versions the job's install would take: [(name, version)]."""
    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if uv is None:
        pytest.skip("uv is not installed (dev.py installs it into .venv)")
    command = [uv, "pip", "compile", "--quiet", "--no-header", "--no-annotate", *target.uv_options(), *inputs]
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, f"uv cannot resolve {inputs} for {target.python}:\n{done.stderr}"
    pins = [line.split("==") for line in done.stdout.splitlines() if "==" in line]
    return [(name.strip(), version.split(";")[0].strip()) for name, version in pins]


@functools.cache
def wheels(name):
    """{version: [tags of each wheel]} from the package index (its JSON simple API)."""
    accept = {"Accept": "application/vnd.pypi.simple.v1+json"}
    request = urllib.request.Request(f"{INDEX}/{name}/", headers=accept)
    with urllib.request.urlopen(request, timeout=60) as response:
        files = json.load(response)["files"]
    found = {}
    for entry in files:
        if entry["filename"].endswith(".whl"):
            _, version, _, wheel_tags = parse_wheel_filename(entry["filename"])
            found.setdefault(version, []).append(wheel_tags)
    return found


def _jobs():
    try:
        return jobs.expand(load_workflow())
    except pytest.skip.Exception:
        return []


@pytest.mark.slow
@pytest.mark.timeout(600)
@pytest.mark.parametrize("job", _jobs(), ids=lambda job: job.name)
def test_every_package_a_ci_job_installs_has_a_wheel_for_its_platform_and_interpreter(job, tmp_path):
    target = Target(job)
    accepted = target.wheel_tags()
    needs_compiler = []
    for installer, inputs in install_sets(target, tmp_path).items():
        for name, version in resolve(target, inputs):
            if not any(wheel & accepted for wheel in wheels(name).get(Version(version), [])):
                needs_compiler.append(f"{name} {version} ({installer})")
    assert not needs_compiler, (
        f"{job.name}: no wheel for {target.python} on {target.uv_platform}, so built from source: "
        + ", ".join(needs_compiler)
    )
