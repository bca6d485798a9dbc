"""Shared fixtures: every test gets its own home folder and fails if it leaves a thread running."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from config.process import set_up_process
from tests.cli.clikit import Shopfloor
from tests.utils.site.sitekit import use_fast_kdf

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
set_up_process(None)  # as main.py does at start (pyqtgraph's binding); each test has its home
# Tests never touch the OS keyring of the machine they run on: site keys go to files.
os.environ["SHOPFLOOR_KEYRING"] = "off"
# The suite runs in the users' zone, not UTC: code that uses the PC's local time where it means
# UTC (or the reverse) gives the same answers under UTC and is caught only here. Brazil has had
# no daylight saving since 2019; the POSIX form is the same zone where tzdata is not installed.
os.environ["TZ"] = ("America/Sao_Paulo" if Path("/usr/share/zoneinfo/America/Sao_Paulo").exists()
                    else "<-03>3")
time.tzset()

RAM_FOLDER = Path("/dev/shm")
RAM_ROOM = 4 * 2**30  # free bytes asked for: a run's folders peak at about 0.6 GB (the bundle)


def ram_folder_for_tests() -> Path | None:
    """/dev/shm where it is a RAM filesystem we may write and run programs in, with room."""
    statvfs = getattr(os, "statvfs", None)  # not on Windows
    try:
        info = statvfs(RAM_FOLDER) if statvfs is not None else None
    except OSError:  # no /dev/shm (macOS)
        return None
    if info is None or info.f_flag & (os.ST_RDONLY | os.ST_NOEXEC):
        return None
    if info.f_bavail * info.f_frsize < RAM_ROOM or not os.access(RAM_FOLDER, os.W_OK | os.X_OK):
        return None
    return RAM_FOLDER


# The tests' folders (tmp_path) go to a RAM filesystem where the machine has one with room
# (pytest's documented root for them; a root set by whoever runs the tests wins). The tests
# write real files and call fsync as the product does, thousands of times (every durable
# commit and atomic write); on a shared VM's disk each fsync took about 3 ms and a busy disk
# made the suite wait on them. Where there is no such folder, they stay in the system's temp
# folder as before. pyproject.toml keeps only the last run's folders, so little RAM stays in use.
if "PYTEST_DEBUG_TEMPROOT" not in os.environ and ram_folder_for_tests() is not None:
    os.environ["PYTEST_DEBUG_TEMPROOT"] = str(RAM_FOLDER)

SHARED = Path(__file__).resolve().parents[2] / "shared"
LEGACY_SAMPLE = SHARED / "samples" / "legacy_dados_producao.csv"


@pytest.fixture(autouse=True)
def _no_thread_left_behind():
    before = {t.ident for t in threading.enumerate()}
    yield
    leftover = [t for t in threading.enumerate()
                if t.ident not in before and t.is_alive() and not t.name.startswith("pydevd")]
    for thread in leftover:
        thread.join(timeout=5)
    still = [t.name for t in leftover if t.is_alive()]
    assert not still, f"test left threads running: {still}"


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "home"
    monkeypatch.setenv("SHOPFLOOR_HOME", str(root))
    return root


@pytest.fixture
def shopfloor(monkeypatch, capsys):
    """`shopfloor(home, *args, SHOPFLOOR_PASSWORD=...)`: the command line run in this process,
    returning its exit code and output (tests/cli/clikit.py)."""
    return Shopfloor(monkeypatch, capsys)


@pytest.fixture
def fast_secrets(monkeypatch) -> None:
    """Cheap bcrypt and scrypt costs for the accounts and sites a test makes (each cost is
    recorded with its hash or seal, so a later run at full cost, another process, opens them)."""
    monkeypatch.setattr("utils.passwords.BCRYPT_ROUNDS", 4)
    use_fast_kdf(monkeypatch)


def pytest_collection_modifyitems(config, items):
    """Slow tests run first (the bundle's: one PyInstaller build of about 2 minutes, which every
    test of test_bundle.py waits for). At the front of the collection they all land in the
    first worker's first batch under `-n 2`: that worker builds while the other runs the rest,
    and the short tests left at the end even out the two workers. Where they fell before,
    about two thirds of the way through, a batch boundary could split them so that both
    workers waited for the one build, or the build could start late and be the run's tail."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)  # stable: order kept
