"""The program's version, read once: from the installed distribution's metadata, else from the
`pyproject.toml` beside the packages (a source checkout that was never installed, and the
frozen bundle, which carries that file), else "unknown".

`pyproject.toml` is the one place the version is written; the metadata is made from it when the
program is installed (tests/config/test_version.py checks that the two agree, so an
installation older than its checkout shows up in the suite rather than in `--version`).
"""

from __future__ import annotations

import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

DISTRIBUTION = "shopfloor-collector"
# Beside config/: the source checkout's root, or the bundle's _internal/ folder.
PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
UNKNOWN = "unknown"


def read_version(distribution: str = DISTRIBUTION, pyproject: Path = PYPROJECT) -> str:
    """The version of `distribution` if installed, else `pyproject`'s [project] version."""
    try:
        return version(distribution)
    except PackageNotFoundError:
        pass
    try:
        with open(pyproject, "rb") as handle:
            project = tomllib.load(handle).get("project") or {}
    except (OSError, tomllib.TOMLDecodeError):
        return UNKNOWN
    found = project.get("version")
    return found if isinstance(found, str) and found else UNKNOWN


APP_VERSION = read_version()
