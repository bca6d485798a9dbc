"""The process-wide settings main.py makes once at start (config/process.py)."""

from __future__ import annotations

import os

from config.paths import HOME_ENV, resolve_paths
from config.process import PYQTGRAPH_BINDING_ENV, set_up_process, use_home


def test_home_becomes_the_processs_home(tmp_path, monkeypatch):
    monkeypatch.setenv(HOME_ENV, "unset")  # restored after the test
    monkeypatch.setenv(PYQTGRAPH_BINDING_ENV, "unset")
    monkeypatch.delenv(PYQTGRAPH_BINDING_ENV)
    set_up_process(str(tmp_path / "a" / ".." / "home"))
    assert os.environ[HOME_ENV] == str((tmp_path / "home").resolve())
    assert resolve_paths().data_dir == (tmp_path / "home" / "data").resolve()
    assert os.environ[PYQTGRAPH_BINDING_ENV] == "PySide6"


def test_without_home_the_environment_keeps_its_own(tmp_path, monkeypatch):
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "given"))
    monkeypatch.setenv(PYQTGRAPH_BINDING_ENV, "PySide6")
    set_up_process(None)
    assert os.environ[HOME_ENV] == str(tmp_path / "given")
    assert use_home(tmp_path / "demo") == (tmp_path / "demo").resolve()
    assert os.environ[HOME_ENV] == str((tmp_path / "demo").resolve())
