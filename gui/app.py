"""Starting the station app: Qt application, translations, one instance per station, the sync
service with its Qt bridge, the window; and a clean stop of everything on exit."""

from __future__ import annotations

import hashlib
import logging
import signal
import sys
import threading
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

# The Qt-free layers (SQLAlchemy with them, some 200 modules) are imported before PySide6:
# once PySide6 is in, its import hook reads the source of every module imported after it
# (looking for `from __feature__ import`), which cost start-up about 60 ms.
from config.exit_codes import ExitCode
from data.database import NetworkDatabaseRefused
from models.path_text import path_text
from utils.backup.database_users import RestoreUnderWay
from utils.backup.scheduler import BackupService
from utils.context import AppContext
from utils.first_run import needs_first_run
from utils.site.station_sync import SyncService

from PySide6.QtCore import QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.collector_timer import GuiThreadCollector
from gui.i18n import install_translators
from gui.accessible_names import install_accessible_names
from gui.input_guard import install_input_guard
from gui.station_controller import StationController
from gui.station_window import StationWindow
from gui.office_window import OfficeWindow
from gui.sync_bridge import SyncBridge
from gui.theme import STYLESHEET

log = logging.getLogger(__name__)

ORGANIZATION = "Shopfloor"
APPLICATION = "Shopfloor Collector"
# Python runs its signal handlers only between its own bytecodes, never while Qt's event loop
# (C++) waits: a timer calls into Python this often so that Ctrl+C is seen within it. A few
# times a second is quick for a person at a terminal and costs nothing measurable.
INTERRUPT_POLL_MS = 200


def make_application(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    if app.styleSheet() != STYLESHEET:  # setting it again re-polishes every live widget
        app.setStyleSheet(STYLESHEET)
    install_input_guard(app)
    install_accessible_names(app)
    return app  # type: ignore[return-value]


def install_excepthook() -> None:
    """Log every uncaught error; show a dialog only when on the GUI thread."""
    previous = sys.excepthook

    def hook(kind, value, tb) -> None:
        log.error("Uncaught error:\n%s", "".join(traceback.format_exception(kind, value, tb)))
        app = QApplication.instance()
        if app is not None and threading.current_thread() is threading.main_thread():
            QMessageBox.critical(None, APPLICATION, QApplication.translate(
                "App", "Something went wrong: %1\nYour saved records are safe. The details are "
                "in the log; tell your administrator.").replace("%1", str(value)))
        elif previous is not None and previous is not sys.__excepthook__:
            previous(kind, value, tb)

    sys.excepthook = hook


@contextmanager
def ctrl_c_closes(on_interrupt: Callable[[], None]) -> Iterator[list[int]]:
    """While the block runs Qt's event loop, Ctrl+C in the terminal (SIGINT) calls
    `on_interrupt` once, from the event loop on the GUI thread (never in the middle of a slot);
    the list yielded holds the signal once it came. A second Ctrl+C while closing is only
    logged (a hung close is for SIGTERM or the task manager). Outside the main thread (where
    Python takes no signal handler) the block runs as it is."""
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return

    def handler(signum: int, _frame: object) -> None:
        if received:
            log.info("Ctrl+C again: the app is already closing")
            return
        received.append(signum)
        log.info("Ctrl+C in the terminal: closing the app as its Quit does")
        QTimer.singleShot(0, on_interrupt)

    previous = signal.signal(signal.SIGINT, handler)
    wake = QTimer()
    wake.setInterval(INTERRUPT_POLL_MS)
    wake.timeout.connect(lambda: None)  # a Python call: pending handlers run in it
    wake.start()
    try:
        yield received
    finally:
        wake.stop()
        signal.signal(signal.SIGINT, previous)


class SingleInstance:
    """One running app per station (per home folder): a second launch asks the first to come
    to the front and exits."""

    def __init__(self, home: Path):
        digest = hashlib.sha256(str(home.resolve()).encode()).hexdigest()[:16]
        self.name = f"shopfloor-{digest}"
        self.server: QLocalServer | None = None

    def already_running(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if socket.waitForConnected(500):
            socket.write(b"raise\n")
            socket.flush()
            socket.waitForBytesWritten(500)
            socket.disconnectFromServer()
            return True
        return False

    def listen(self, on_raise) -> None:
        QLocalServer.removeServer(self.name)  # a stale socket from a crash
        self.server = QLocalServer()
        self.server.listen(self.name)

        def accept() -> None:
            while self.server is not None and self.server.hasPendingConnections():
                connection = self.server.nextPendingConnection()
                connection.readyRead.connect(on_raise)
                connection.disconnected.connect(connection.deleteLater)

        self.server.newConnection.connect(accept)

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None


class StationApp:
    """Everything one running station needs, started and stopped together."""

    def __init__(self, ctx: AppContext, *, start_sync: bool = True):
        self.ctx = ctx
        self.bridge = SyncBridge()
        self.sync = None
        if start_sync and ctx.trust is not None and ctx.site_folder is not None:
            self.sync = SyncService(ctx,
                                    effects=self.bridge, on_share_state=self.bridge.on_share_state)
        # The backup schedule (utils/backup/scheduler.py); it also marks the database as in
        # use, so a restore waits for this app to close.
        self.backups = BackupService(ctx) if start_sync else None
        self.controller = StationController(ctx, self.bridge, self.sync)
        self.exit_code = 0
        self.window = self._make_window()

    def _make_window(self):
        # An office PC's window is the admin panel; a production PC's, the entry form.
        kind = OfficeWindow if self.ctx.settings.station_kind == "office" else StationWindow
        window = kind(self.controller)
        window.quit_requested.connect(self._quit)
        window.language_requested.connect(self.switch_language)
        return window

    def start(self) -> None:
        if self.sync is not None:
            self.sync.start()
        if self.backups is not None:
            self.backups.start()
        self.window.show()

    def switch_language(self, code: str) -> bool:
        """Show the app in another language now, without a restart: Qt's translators are
        swapped and the window is built again in the new language (its texts are set when it
        is built). Only from the login page: nobody's work is on screen then, and the sync
        service, the controller and the remote effects waiting for an answer carry on
        untouched. For this run only; the PC's own setting is an admin's (This PC's settings)."""
        if self.controller.session is not None:
            return False
        app = QApplication.instance()
        install_translators(app, code, self.ctx.paths.data_dir / "translations")
        old, self.window = self.window, self._make_window()
        old.dispose()
        self.window.show()
        self.window.bring_forward()
        return True

    def _quit(self, code: int) -> None:
        self.exit_code = code
        QApplication.instance().exit(code)

    def stop(self) -> None:
        self.bridge.close()  # answer every waiting command before stopping its thread
        if self.sync is not None:
            self.sync.stop("restart" if self.exit_code == ExitCode.RESTART else "clean exit")
            self.sync = None
        if self.backups is not None:
            self.backups.stop()
            self.backups = None
        self.window.stop_running()


class Launcher:
    """The first-run wizard when this PC has no configuration yet, then the station app with
    the context the wizard set up; straight to the station app otherwise."""

    def __init__(self, ctx: AppContext, *, start_sync: bool = True, wizard_options=None):
        self.ctx = ctx
        self.start_sync = start_sync
        self.wizard_options = wizard_options
        self.station: StationApp | None = None
        self.wizard = None  # gui.wizard.FirstRunWizard while it is shown

    def start(self) -> None:
        if needs_first_run(self.ctx):
            from gui.wizard import FirstRunWizard

            self.wizard = FirstRunWizard(self.ctx, self.wizard_options)
            self.wizard.completed.connect(self._set_up)
            self.wizard.show()
        else:
            self._start_station()

    def _set_up(self, result) -> None:
        before, self.ctx = self.ctx, result.ctx
        self._start_station()  # shown before the wizard closes: the app does not quit between
        wizard, self.wizard = self.wizard, None
        if wizard is not None:
            wizard.close()
            wizard.deleteLater()
        before.close()

    def _start_station(self) -> None:
        self.station = StationApp(self.ctx, start_sync=self.start_sync)
        self.station.start()

    def bring_forward(self) -> None:
        if self.station is not None:
            self.station.window.bring_forward()
        elif self.wizard is not None:
            self.wizard.showNormal()
            self.wizard.raise_()
            self.wizard.activateWindow()

    def interrupt(self) -> None:
        """Ctrl+C in the terminal: the app closes as closing its window does, with exit 130
        (ExitCode.INTERRUPTED). The station's window through its own shutdown (whoever is
        logged in logged out, background work stopped: a supervisor's Quit); the wizard
        through `stop` once the event loop has ended, as when its window is closed."""
        if self.station is not None:
            self.station.window.shutdown(ExitCode.INTERRUPTED)
        else:
            QApplication.instance().exit(ExitCode.INTERRUPTED)

    def stop(self) -> None:
        if self.station is not None:
            self.station.stop()
        if self.wizard is not None:
            self.wizard.close()  # closes a context the wizard set up but did not hand over
            self.wizard = None
        self.ctx.close()


def _refuse_network_database(exc: Exception, smoke: bool, language: str | None) -> int:
    """The data folder is on a network drive: say so plainly, open nothing."""
    from config.paths import resolve_paths

    return _refuse_start("database_on_network", exc, smoke, language,
                         folder=str(resolve_paths().data_dir))


def _refuse_start(code: str, exc: Exception, smoke: bool, language: str | None, *,
                  level: int = logging.ERROR, **params: str) -> int:
    """The database cannot be opened (`code`: a setup error's, for its words): say why
    plainly, in the PC's language (read from its settings file: there is no context), open
    nothing."""
    # Imported here: only a refused start needs them (the wizard's texts cost start-up time).
    from config.paths import resolve_paths
    from config.settings import SettingsError
    from utils.first_run import SetupError
    from utils.settings_store import load_settings

    from gui.wizard.texts import setup_error_text

    paths = resolve_paths()
    try:
        setting = language or load_settings(paths.settings_file).language
    except SettingsError:
        setting = "system"
    app = QApplication.instance()
    if app is not None:
        install_translators(app, setting, paths.data_dir / "translations")
    text = setup_error_text(SetupError(code, str(exc), **params))
    log.log(level, "%s", exc)
    print(f"error: {exc}", file=sys.stderr)
    if not smoke:
        QMessageBox.critical(None, APPLICATION, text)
    return ExitCode.ERROR


def run_gui(*, smoke: bool = False, smoke_png: Path | None = None,
            language: str | None = None) -> int:
    """`language`: this run's language ("pt_BR", "en", "system"), over the PC's setting."""
    app = make_application(sys.argv[:1])
    install_excepthook()
    # Cycles holding Qt objects die in this thread while the app runs; the automatic
    # collector is back on when it ends, after a refused start too.
    collector = GuiThreadCollector(app)
    try:
        return _run_app(app, smoke, smoke_png, language)
    finally:
        collector.stop()


def _run_app(app: QApplication, smoke: bool, smoke_png: Path | None,
             language: str | None) -> int:
    """The app from this PC's context to its exit code (a refused start said and returned)."""
    try:
        ctx = AppContext.open()
    except NetworkDatabaseRefused as exc:
        return _refuse_network_database(exc, smoke, language)
    except RestoreUnderWay as exc:
        return _refuse_start("restore_under_way", exc, smoke, language, level=logging.WARNING)
    install_translators(app, language or ctx.settings.language,
                        ctx.paths.data_dir / "translations")
    instance = SingleInstance(ctx.paths.data_dir)
    if not smoke and instance.already_running():
        ctx.close()
        print("already running: the open window was brought to the front")
        return ExitCode.OK
    launcher = Launcher(ctx, start_sync=not smoke)
    if not smoke:
        instance.listen(launcher.bring_forward)
    launcher.start()
    smoke_code = [int(ExitCode.FAILED)]
    if smoke:
        def check() -> None:
            if launcher.wizard is not None:
                window = launcher.wizard
                shown = window.isVisible()
                print("smoke: first-run wizard shown" if shown
                      else "smoke: first-run wizard NOT shown")
            else:
                assert launcher.station is not None
                window = launcher.station.window
                shown = window.isVisible() and window.login_page.isVisible()
                print(f"smoke: login window shown ({window.windowTitle()})" if shown
                      else "smoke: login window NOT shown")
            if smoke_png is not None and not window.grab().save(str(smoke_png)):
                # Packaging checks look at this picture: a run that could not save it failed.
                print(f"smoke: could not save the screenshot to {path_text(smoke_png)}",
                      file=sys.stderr)
                shown = False
            smoke_code[0] = ExitCode.OK if shown else ExitCode.FAILED
            app.exit(smoke_code[0])

        QTimer.singleShot(0, check)
    with ctrl_c_closes(launcher.interrupt) as interrupted:
        code = app.exec()
        # Closed while Ctrl+C is still ours: a second one during this is only logged.
        launcher.stop()
        instance.close()
    if interrupted:  # said once the app has closed: its sync and backups stopped cleanly
        print("interrupted: the app was closed as its Quit closes it; what was saved is kept",
              file=sys.stderr)
        return ExitCode.INTERRUPTED
    return smoke_code[0] if smoke else code
