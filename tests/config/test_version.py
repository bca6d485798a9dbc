"""The version: written once in pyproject.toml, read from the installed metadata, else from
that file (a checkout never installed, the frozen bundle)."""

from __future__ import annotations

import tomllib
from importlib.metadata import PackageNotFoundError, version

import pytest

from config.version import APP_VERSION, DISTRIBUTION, PYPROJECT, UNKNOWN, read_version


def pyproject_version() -> str:
    with open(PYPROJECT, "rb") as handle:
        return tomllib.load(handle)["project"]["version"]


def test_the_installed_metadata_agrees_with_pyproject():
    """An installation older than its checkout would show another version: caught here."""
    try:
        installed = version(DISTRIBUTION)
    except PackageNotFoundError:
        pytest.skip("not installed: the version comes from pyproject.toml")
    assert installed == pyproject_version() == APP_VERSION


def test_not_installed_reads_pyproject(tmp_path):
    project = tmp_path / "pyproject.toml"
    project.write_text('[project]\nname = "x"\nversion = "9.8.7"\n', encoding="utf-8")
    assert read_version("no-such-distribution-here", project) == "9.8.7"


@pytest.mark.parametrize("text", ["", "[project]\nname = 'x'\n", "not toml ["])
def test_no_version_anywhere_is_unknown(tmp_path, text):
    project = tmp_path / "pyproject.toml"
    project.write_text(text, encoding="utf-8")
    assert read_version("no-such-distribution-here", project) == UNKNOWN
    assert read_version("no-such-distribution-here", tmp_path / "absent.toml") == UNKNOWN


def test_installed_metadata_comes_first(tmp_path):
    project = tmp_path / "pyproject.toml"
    project.write_text('[project]\nversion = "0.0.0-other"\n', encoding="utf-8")
    try:
        installed = version(DISTRIBUTION)
    except PackageNotFoundError:
        pytest.skip("not installed")
    assert read_version(DISTRIBUTION, project) == installed
