"""GUI fixtures: a real database in tmp_path, fast bcrypt, an operator and a supervisor."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from config.constants import Role
from config.settings import Settings
from utils.clock import ManualClock
from tests.waiting import wait_until
from utils.context import AppContext

ADMIN_PW = "Quarry-Lantern-42"


@pytest.fixture(scope="session")
def qm_dir(tmp_path_factory) -> Path:
    """Where the GUI tests' catalogues are compiled, once per session: install_translators
    compiles only a missing or stale .qm, so a language switch in a test costs no lrelease
    run (test_i18n, test_location_not_recorded and test_admin_audit compile their own)."""
    return tmp_path_factory.mktemp("qm")


@pytest.fixture(scope="session", autouse=True)
def english_catalogue(qm_dir):
    """The app always installs its catalogue, English included (its plural forms: "1 box",
    "2 boxes"); the GUI tests run with it too."""
    from gui.app import make_application
    from gui.i18n import install_translators

    install_translators(make_application([]), "en", qm_dir)


@pytest.fixture(autouse=True)
def _closed_windows_are_deleted():
    """Windows a test closed are deleted before the next test starts.

    pytest-qt closes the widgets a test registered and calls deleteLater() on them, but the
    tests never run the application's event loop, so those deletions stayed queued for the
    rest of the session: each GUI test left about 200 live widgets, and a worker ended with
    tens of thousands. Every language switch (a LanguageChange to every widget), stylesheet
    polish and top-level search then grew with the number of tests run before it. Runs after
    pytest-qt's close and after the test's own fixtures (autouse: set up first, torn down
    last)."""
    yield
    if QCoreApplication.instance() is not None:
        # Qt's documented way to run queued deleteLater() calls outside an event loop.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def fast_bcrypt(monkeypatch):
    monkeypatch.setattr("utils.passwords.BCRYPT_ROUNDS", 4)


@pytest.fixture
def runner():
    """A window's background-task runner, shut down (and its threads ended) after the test."""
    from gui.app import make_application
    from gui.tasks import TaskRunner

    make_application([])
    tasks = TaskRunner()
    yield tasks
    assert tasks.shutdown(10)


@pytest.fixture
def release_plant(tmp_path, monkeypatch):
    """A station and an office PC with lots to release (tests/utils/site/releasekit.py)."""
    from tests.utils.site.releasekit import Plant
    from tests.utils.site.sitekit import use_fast_kdf

    use_fast_kdf(monkeypatch)
    plant = Plant(tmp_path)
    yield plant
    plant.close()


@pytest.fixture
def clock():
    return ManualClock()


def _ctx_settings() -> Settings:
    return Settings(station_id="206", timezone="America/Sao_Paulo", lockout_threshold=3,
                    idle_logout_minutes=5)


@pytest.fixture(scope="session")
def ctx_home(tmp_path_factory) -> Path:
    """The home `ctx` opens, made once per test session (per worker): its database with the
    four accounts (about 25 durable commits, 0.3-0.8 s on this VM) and its keys. Each test
    opens its own copy, so what one test writes never reaches another."""
    home = tmp_path_factory.mktemp("ctx") / "home"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("utils.passwords.BCRYPT_ROUNDS", 4)
        context = AppContext.open(home, clock=ManualClock(), settings=_ctx_settings())
        try:
            context.auth.create_first_admin("ana", "Ana Admin", ADMIN_PW)
            admin = context.auth.login("ana", ADMIN_PW).session
            context.auth.create_user(admin, "op", "Olga Operadora", Role.OPERATOR,
                                     "Initial-Pass-op", "operator of machine 206")
            context.auth.change_password("op", "Initial-Pass-op", "Otter-Own-Pass-1")
            context.auth.create_user(admin, "sup", "Saulo Supervisor", Role.SUPERVISOR,
                                     "Initial-Pass-sb", "supervisor of shift A")
            context.auth.change_password("sup", "Initial-Pass-sb", "Sable-Own-Pass-1")
            context.auth.create_user(admin, "newbie", "Nina Nova", Role.OPERATOR,
                                     "Initial-Pass-new", "new operator this week")
        finally:
            # Not close(): that signs a checkpoint at shutdown, which the tests' homes, made
            # afresh before, never had. Disposed, the files are whole and as the tests had them.
            context.database.dispose()
    return home


@pytest.fixture
def ctx(tmp_path, clock, ctx_home):
    """A station's context on its own copy of `ctx_home` (the clock starts where the home's
    was made: ManualClock's default start)."""
    shutil.copytree(ctx_home, tmp_path / "home")
    context = AppContext.open(tmp_path / "home", clock=clock, settings=_ctx_settings())
    yield context
    context.close()


@pytest.fixture
def bridge(ctx):
    """The panel's bridge over this PC's site view and follower (changes told at once)."""
    from gui.admin.view_bridge import ViewBridge
    from gui.app import make_application

    make_application([])
    bridge = ViewBridge(ctx.site_view, ctx.view_follower, coalesce_ms=1)
    yield bridge
    bridge.close()


def open_station_app(qtbot, ctx):
    """The station's app on `ctx`, started without syncing, its window closed by qtbot."""
    from gui.app import StationApp, make_application

    make_application([])
    app = StationApp(ctx, start_sync=False)
    qtbot.addWidget(app.window)
    app.start()
    return app


def close_station_app(app) -> None:
    """Stop what the app runs and close its window (as a person's close would be refused)."""
    app.stop()
    app.window.allow_close = True
    app.window.close()


@pytest.fixture
def station(qtbot, ctx):
    app = open_station_app(qtbot, ctx)
    yield app
    close_station_app(app)


@pytest.fixture
def fleet_site(tmp_path, monkeypatch):
    """A site on a tmp_path share: the admin PC, and station 206 with its sync service running.
    Yields (site, station context, sync service)."""
    from tests.utils.site.sitekit import RecordingEffects, make_site, start_sync, use_fast_kdf

    use_fast_kdf(monkeypatch)
    site = make_site(tmp_path)
    station = site.station(tmp_path, "206")
    service = start_sync(station, RecordingEffects())
    yield site, station, service
    service.stop()
    station.close()
    site.admin.close()


@pytest.fixture
def make_launcher(qtbot, tmp_path):
    """A Launcher on a fresh home (no configuration) with injected autostart and folders."""
    from gui.app import Launcher, make_application
    from gui.wizard import WizardOptions
    from utils.autostart import Autostart

    make_application([])
    made = []

    def make(name: str = "home", **options):
        home = tmp_path / name
        ctx = AppContext.open(home)
        launcher = Launcher(ctx, start_sync=False, wizard_options=WizardOptions(
            home=home, autostart=Autostart(platform="linux", folder=tmp_path / f"{name}-autostart"),
            translations_dir=tmp_path / "translations", **options))
        launcher.start()
        assert launcher.wizard is not None, "a fresh home must show the wizard"
        qtbot.addWidget(launcher.wizard)
        made.append(launcher)
        return launcher

    yield make
    for launcher in made:
        if launcher.station is not None:
            launcher.station.window.allow_close = True
        launcher.stop()
        if launcher.station is not None:
            launcher.station.window.close()


def open_admin_window(qtbot, site):
    """The admin panel on `site`'s admin PC, logged in as ana, its poller fast; shown. The
    caller closes it."""
    from gui.admin.window import AdminWindow
    from gui.app import make_application

    make_application([])
    session = site.admin.auth.login("ana", ADMIN_PW).session
    window = AdminWindow(site.admin, session, poll_interval_s=0.05)
    qtbot.addWidget(window)
    window.show()
    return window


def wait_for(predicate, timeout: float = 15.0):
    """Process Qt events until `predicate()` holds, with a hard bound (tests/waiting.py).

    Used where a plain Python thread posts a queued signal: qtbot.waitUntil's qWait could keep
    the interpreter lock while that thread needed it to emit. The bound is 15 s: a passing test
    returns as soon as the predicate holds, and 5 s was met by a two-tab handover search on a
    2-core machine running two other suites (load 17).
    """
    from PySide6.QtWidgets import QApplication

    return wait_until(predicate, timeout, 0.005, pump=QApplication.processEvents)
