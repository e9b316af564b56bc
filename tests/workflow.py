"""The CI runner, .ci/jobs.py, imported as a module: the tests read the workflow through it."""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load_jobs_module():
    spec = importlib.util.spec_from_file_location("ci_jobs", ROOT / ".ci" / "jobs.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["ci_jobs"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


jobs = _load_jobs_module()


def load_workflow():
    pytest.importorskip("ruamel.yaml", reason="ruamel.yaml (dev.py ci installs it) is not installed")
    return jobs.load_workflow()
