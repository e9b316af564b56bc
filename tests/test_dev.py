"""dev.py's tools virtualenv, .venv/, is made where tox has left a .venv file of its own; tox, run
directly, finds interpreters as dev.py has it find them; dev.py spec's second phase asks tox for the
interpreters the first one found."""

import shutil
import venv
from pathlib import Path

import dev

ROOT = Path(__file__).resolve().parent.parent


def test_tox_is_told_not_to_write_a_venv_file_where_dev_py_makes_its_venv():
    assert dev.tox_config().getboolean("tox", "venv_redirect") is False


def test_tox_uv_never_downloads_an_interpreter_that_is_missing_unless_told_to():
    set_env = dev.tox_config()["testenv"]["set_env"].splitlines()
    assert "UV_PYTHON_DOWNLOADS = {env:UV_PYTHON_DOWNLOADS:never}" in set_env
    assert dev.ENV["UV_PYTHON_DOWNLOADS"] == "never"


def test_a_venv_file_that_tox_left_is_replaced_by_the_tools_virtualenv(tmp_path, monkeypatch):
    redirect = tmp_path / ".venv"
    redirect.write_text(".tox/py311\n")  # what tox 4.67 writes where there is no .venv (PEP 832)
    made = []
    monkeypatch.setattr(dev, "VENV", redirect)
    monkeypatch.setattr(dev, "PYTHON", redirect / "bin" / "python")
    monkeypatch.setattr(venv.EnvBuilder, "create", lambda self, folder: made.append(Path(folder)))
    dev.ensure_venv()
    assert made == [redirect] and not redirect.exists()  # the file gone, so that the folder can be made


def test_dev_py_spec_measures_only_the_interpreters_whose_deterministic_phase_ran(tmp_path, monkeypatch):
    shutil.copy(ROOT / "tox.ini", tmp_path / "tox.ini")
    calls = []

    def run(*cmd, env):
        calls.append([str(part) for part in cmd])
        if env["SPEC_PHASE"] == "deterministic":  # py311 ran; the other interpreters are missing (SKIP)
            (tmp_path / ".results").mkdir()
            (tmp_path / ".results" / "py311.json").write_text("{}")
        return 0

    monkeypatch.setattr(dev, "ROOT", tmp_path)
    monkeypatch.setattr(dev, "ensure_venv", lambda: None)
    monkeypatch.setattr(dev, "pip_install", lambda *args, **kwargs: True)
    monkeypatch.setattr(dev, "run", run)
    assert dev.spec([]) == 0
    deterministic, measured = (call[call.index("-e") + 1].split(",") for call in calls)
    assert "py314" in deterministic and "pypy3" in deterministic
    assert measured == ["py311", "report"]
