"""The frozen bundle, built once per test session with packaging/build.py and then run as a
user would: the command line's version and audit verification in a fresh home, the window's
smoke start, a small site (create, join, agent, a remote command) and what the bundle holds.

Slow (a PyInstaller build takes 2-3 minutes on two cores): the run builds once, under a lock
its workers share, and every test here uses that build (a worker that asks while the other
builds waits for it). Skipped,
saying why, only when PyInstaller is not installed (it is in the dev extras)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from config.version import APP_VERSION
from tests.utils.site.sitekit import wait_until

pytest.importorskip("PyInstaller", reason="PyInstaller is not installed: "
                    "pip install -e '.[dev]' brings it; the bundle cannot be built")

pytestmark = [pytest.mark.slow, pytest.mark.timeout(2400)]

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "packaging" / "build.py"
EXE = ".exe" if sys.platform == "win32" else ""
PASSPHRASE = "long site passphrase 1"
PASSWORD = "Quarry-Lantern-42"
SMOKE_LINE = re.compile(r"^smoke: (?P<what>.+) shown$", re.MULTILINE)


@pytest.fixture(scope="session")
def bundle(tmp_path_factory) -> Path:
    # One build per test run, whichever worker asks first: two PyInstaller builds at once
    # corrupt its shared cache (seen in CI: SIGBUS executables). So workers share a folder of
    # the run and a lock; the last worker done with it removes it.
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    root = shared / "bundle"
    with _run_lock(shared / "bundle.lock"):
        users = root / "users"
        if not (root / "built").exists():
            root.mkdir(exist_ok=True)
            _build(root)
            (root / "built").touch()
        users.mkdir(exist_ok=True)
        (users / os.environ.get("PYTEST_XDIST_WORKER", "main")).touch()
    text = (root / "build.log").read_text(errors="replace")
    assert (root / "ok").exists(), f"build failed:\n{text[-6000:]}"
    assert "bundle size:" in text
    yield root / "dist" / "shopfloor"
    with _run_lock(shared / "bundle.lock"):
        (users / os.environ.get("PYTEST_XDIST_WORKER", "main")).unlink(missing_ok=True)
        if not any(users.iterdir()):
            shutil.rmtree(root / "dist", ignore_errors=True)  # ~230 MB: do not keep it around
            shutil.rmtree(root / "work", ignore_errors=True)


def _build(root: Path) -> None:
    with (root / "build.log").open("w") as out:
        result = subprocess.run([sys.executable, str(BUILD), "--dist", str(root / "dist"),
                                 "--work", str(root / "work")], cwd=ROOT, stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                timeout=1800)
        out.write(f"\nexit {result.returncode}\n")
    if result.returncode == 0:
        (root / "ok").touch()


@contextlib.contextmanager
def _run_lock(path: Path):
    """An exclusive lock across the run's worker processes (POSIX; one process elsewhere)."""
    try:
        import fcntl
    except ImportError:  # Windows: no xdist workers there in our runs
        yield
        return
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def clean_env(**extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("SHOPFLOOR_")}
    return {**base, "SHOPFLOOR_KEYRING": "off", "QT_QPA_PLATFORM": "offscreen", **extra}


def run(bundle: Path, exe: str, *args: str, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(bundle / f"{exe}{EXE}"), *args], capture_output=True, text=True,
                          env=clean_env(**extra), timeout=180, stdin=subprocess.DEVNULL)


def test_both_executables_and_version(bundle):
    assert (bundle / f"shopfloor-gui{EXE}").is_file()
    result = run(bundle, "shopfloor", "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"shopfloor {APP_VERSION}"


def test_verify_audit_in_a_fresh_home(bundle, tmp_path):
    home = tmp_path / "home"
    empty = run(bundle, "shopfloor", "verify-audit", SHOPFLOOR_HOME=str(home))
    assert empty.returncode == 2, empty.stderr  # a read-only verb makes no installation
    assert f"no installation in {home}" in empty.stderr and not home.exists()

    created = run(bundle, "shopfloor", "--home", str(home), "user", "add", "maria", "--role",
                  "admin", SHOPFLOOR_PASSWORD=PASSWORD)
    assert created.returncode == 0, created.stderr
    assert (home / "data" / "shopfloor.sqlite3").is_file()  # created where the home says
    verified = run(bundle, "shopfloor", "verify-audit", "--json", SHOPFLOOR_HOME=str(home))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    report = json.loads(verified.stdout)
    assert report["ok"] is True
    assert sum(station["events_checked"] for station in report["stations"]) >= 1


def test_gui_smoke_offscreen(bundle, tmp_path):
    result = run(bundle, "shopfloor-gui", "gui", "--smoke", SHOPFLOOR_HOME=str(tmp_path / "h"))
    # A fresh home shows the login window, or the first-run wizard once it exists.
    shown = SMOKE_LINE.search(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    assert shown is not None and "NOT" not in shown.group("what"), result.stdout


@pytest.mark.skipif(os.name != "posix", reason="stops the agent with SIGTERM")
def test_site_round_trip_with_the_frozen_agent(bundle, tmp_path):
    share, office, station = tmp_path / "share", tmp_path / "office", tmp_path / "pc206"
    share.mkdir()
    created = run(bundle, "shopfloor", "--home", str(office), "site", "create", "--folder",
                  str(share), "--station", "office1", "--office", "--admin", "ana",
                  SHOPFLOOR_PASSPHRASE=PASSPHRASE, SHOPFLOOR_PASSWORD=PASSWORD)
    assert created.returncode == 0, created.stderr
    joined = run(bundle, "shopfloor", "--home", str(station), "site", "join", "--folder",
                 str(share), "--station", "206", SHOPFLOOR_PASSPHRASE=PASSPHRASE)
    assert joined.returncode == 0, joined.stderr
    agent = subprocess.Popen([str(bundle / f"shopfloor{EXE}"), "--home", str(station), "agent"],
                             env=clean_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, stdin=subprocess.DEVNULL)
    try:
        wait_until(lambda: (share / "stations" / "206" / "status.json").exists(), timeout=60)
        sent = run(bundle, "shopfloor", "--home", str(office), "send", "206", "ping", "--as",
                   "ana", "--wait", "30", SHOPFLOOR_PASSWORD=PASSWORD)
    finally:
        agent.send_signal(signal.SIGTERM)
        out, err = agent.communicate(timeout=60)
    assert sent.returncode == 0, sent.stdout + sent.stderr
    acks = [json.loads(line) for line in sent.stdout.splitlines() if '"state"' in line]
    assert [ack["state"] for ack in acks] == ["done"]
    assert agent.returncode == 0, err
    assert "stopped" in out
    verified = run(bundle, "shopfloor", "--home", str(office), "verify-audit", "--site")
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_bundle_holds_translations_and_only_the_qt_it_needs(bundle):
    internal = bundle / "_internal"
    sources = sorted((ROOT / "gui" / "translations").glob("shopfloor_*.ts"))
    assert sources
    for ts in sources:
        assert (internal / "gui" / "translations" / f"{ts.stem}.qm").is_file(), ts.name
    qt = internal / "PySide6" / "Qt"
    assert (qt / "translations" / "qtbase_pt_BR.qm").is_file()
    assert not list((qt / "translations").glob("qtbase_de.qm"))  # only our languages
    platforms = {path.name for path in (qt / "plugins" / "platforms").iterdir()}
    expected = {"libqoffscreen.so", "libqxcb.so"} if sys.platform.startswith("linux") \
        else {"qoffscreen.dll", "qwindows.dll"} if sys.platform == "win32" else set()
    assert expected <= platforms
    names = [path.name for path in internal.rglob("*")]
    for unwanted in ("Qt6Quick", "Qt6Qml", "Qt6WebEngine", "Qt63D", "Qt6Multimedia",
                     "Qt6Pdf", "libgtk-3"):
        assert not [name for name in names if unwanted in name], unwanted
    if sys.platform.startswith("linux"):
        share = bundle / "share"
        assert (share / "applications" / "shopfloor-collector.desktop").is_file()
        assert (share / "icons" / "hicolor" / "256x256" / "apps" /
                "shopfloor-collector.png").is_file()
        assert (share / "icons" / "hicolor" / "scalable" / "apps" /
                "shopfloor-collector.svg").is_file()


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("ldd") is None,
                    reason="ldd checks Linux shared libraries")
def test_every_kept_qt_plugin_finds_its_qt_libraries(bundle):
    """Dropping plugins and libraries must not leave a kept plugin without a Qt library (the
    smoke run only loads offscreen; xcb is what a real desktop loads). System libraries such
    as libxcb-icccm may be missing on the build machine and come from the target's packages."""
    plugins = sorted((bundle / "_internal" / "PySide6" / "Qt" / "plugins").rglob("*.so"))
    assert plugins
    for plugin in plugins:
        output = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True,
                                timeout=60).stdout
        missing = [line.strip() for line in output.splitlines()
                   if "not found" in line and "Qt6" in line]
        assert not missing, f"{plugin.name}: {missing}"
