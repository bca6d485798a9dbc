"""The first-run wizard's window: pages in a stack, Back and Next, a busy indicator while a
folder is checked or the PC is set up in the background, and the hand-over of the new
context to the app once the person presses "Start".

The ways through it:
  create: language, mode, shared folder + passphrase, first admin, this PC, set up
  join:   language, mode, shared folder + passphrase, this PC, set up
  trial:  language, mode, first admin, this PC, set up
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication, QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QScrollArea,
    QStackedWidget, QVBoxLayout, QWidget,
)

from models.validation import ValidationFailed
from utils.context import AppContext
from utils.first_run import SetupError, SetupPlan, SetupResult, first_machine, set_up
from utils.passwords import PasswordPolicyError
from utils.settings_store import load_settings, save_settings

from gui.i18n import current_language, install_translators
from gui.labels import wrapped_label
from gui.tasks import TaskRunner
from gui.wizard.finish_page import FinishPage
from gui.wizard.page import WizardOptions, WizardPage
from gui.wizard.site_pages import AdminPage, SitePage
from gui.wizard.station_page import StationPage
from gui.wizard.start_pages import LanguagePage, ModePage
from gui.wizard.texts import problem_text
from gui.wizard.widgets import TOUCH_INDICATORS, Retranslating
from gui.window_state import restore_window
from gui.zone_field import this_pc_zone

log = logging.getLogger(__name__)


def problem_field(exc: BaseException) -> str | None:
    """Which input a set-up refusal concerns (the page to go back to)."""
    if isinstance(exc, SetupError):
        return exc.field
    if isinstance(exc, PasswordPolicyError):
        return "password"
    if isinstance(exc, ValidationFailed):
        return "admin"
    return None


class FirstRunWizard(Retranslating):
    completed = Signal(object)  # SetupResult: the caller now owns result.ctx

    def __init__(self, ctx: AppContext, options: WizardOptions | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("firstRunWizard")
        self.ctx = ctx
        self.options = options or WizardOptions()
        self.runner = TaskRunner(self)
        self.result: SetupResult | None = None
        self._finished_result: SetupResult | None = None  # set by the worker itself
        self._handed_over = False
        self._cursor_busy = False
        catalog = ctx.catalog

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.step = QLabel()
        self.step.setObjectName("wizardStep")
        header = QFrame()
        header.setObjectName("header")
        header_layout = QHBoxLayout(header)
        header_layout.setContentsMargins(24, 10, 24, 10)
        header_layout.addWidget(self.title)
        header_layout.addStretch(1)
        header_layout.addWidget(self.step)

        self.heading = QLabel()
        self.heading.setObjectName("wizardHeading")
        self.heading.setStyleSheet("font-size: 26px; font-weight: bold;")
        self.heading.setWordWrap(True)
        self.intro = wrapped_label("wizardIntro")
        self.intro.setStyleSheet("font-size: 16px;")

        # The language the app started in (the PC's setting, or --lang for this run).
        self.language_page = LanguagePage(current_language())
        self.mode_page = ModePage()
        self.site_pages = {mode: SitePage(mode, self.options) for mode in ("create", "join")}
        self.admin_page = AdminPage()
        self.station_page = StationPage(catalog)
        self.finish_page = FinishPage(catalog)
        self.stack = QStackedWidget()
        for page in self.all_pages:
            self.stack.addWidget(page)
        self.sequence: list[WizardPage] = [self.language_page, self.mode_page]

        self.busy = QProgressBar()
        self.busy.setObjectName("busy")
        self.busy.setRange(0, 0)  # an indefinite wait: scrypt and the network say nothing
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(220)
        self.busy_text = QLabel()
        self.busy_text.setObjectName("busyText")
        self.back_button = QPushButton()
        self.back_button.setObjectName("backButton")
        self.next_button = QPushButton()
        self.next_button.setObjectName("primary")
        self.next_button.setMinimumWidth(220)
        footer = QHBoxLayout()
        footer.addWidget(self.back_button)
        footer.addStretch(1)
        footer.addWidget(self.busy_text)
        footer.addWidget(self.busy)
        footer.addSpacing(12)
        footer.addWidget(self.next_button)
        self._set_busy(None)

        content = QVBoxLayout()
        content.setContentsMargins(48, 24, 48, 24)
        content.setSpacing(12)
        content.addWidget(self.heading)
        content.addWidget(self.intro)
        content.addSpacing(8)
        # A page taller than the window (long errors in Portuguese on a 768-pixel screen)
        # scrolls rather than squeezing its labels over its fields.
        self.scroll = QScrollArea()
        self.scroll.setObjectName("wizardPages")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes through the fields only
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.stack)
        self.scroll.viewport().setAutoFillBackground(False)
        self.stack.setAutoFillBackground(False)
        content.addWidget(self.scroll, 1)
        content.addLayout(footer)
        holder = QWidget()
        holder.setLayout(content)
        holder.setMaximumWidth(900)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(holder, 100)
        centred.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(header)
        layout.addLayout(centred, 1)

        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.language_page.language_chosen.connect(self.apply_language)
        self.mode_page.mode_chosen.connect(self.choose_mode)
        for page in self.all_pages:
            page.submitted.connect(self.next)  # Enter in a page's last field
        self.setStyleSheet(TOUCH_INDICATORS)
        restore_window(self, "wizard", QSize(1024, 700), ctx.paths.config_dir)
        self.setMinimumSize(800, 600)
        self.retranslate()
        self.go_to(self.language_page)

    @property
    def all_pages(self) -> list[WizardPage]:
        return [self.language_page, self.mode_page, *self.site_pages.values(), self.admin_page,
                self.station_page, self.finish_page]

    @property
    def current(self) -> WizardPage:
        return self.stack.currentWidget()  # type: ignore[return-value]

    # -- texts -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Shopfloor Collector: set up this PC"))
        self.title.setText(self.tr("Shopfloor Collector · set-up"))
        self.back_button.setText(self.tr("Back"))
        if hasattr(self, "stack"):
            self._update_texts()

    def _update_texts(self) -> None:
        page = self.current
        heading, intro = page.titles()
        self.heading.setText(heading)
        self.intro.setText(intro)
        self.intro.setVisible(bool(intro))
        index = self.sequence.index(page) if page in self.sequence else 0
        self.step.setText(self.tr("Step %1 of %2").replace("%1", str(index + 1))
                          .replace("%2", str(len(self.sequence))) if len(self.sequence) > 2
                          else "")
        if page is self.finish_page:
            self.next_button.setText(self.tr("Start") if self.result
                                     else self.tr("Set up this PC"))
        else:
            self.next_button.setText(self.tr("Next"))
        self.back_button.setEnabled(index > 0 and self.result is None and not self.runner.busy)

    # -- navigation --------------------------------------------------------------------------

    def go_to(self, page: WizardPage) -> None:
        self.stack.setCurrentWidget(page)
        page.entered()
        self._update_texts()

    def choose_mode(self, mode: str) -> None:
        """A tap on one of the three ways chooses it and moves on."""
        self.mode_page.buttons[mode].setChecked(True)
        self.mode_page.clear_problem()
        self._set_sequence(mode)
        self.go_to(self.sequence[2])

    def _set_sequence(self, mode: str) -> None:
        middle: list[WizardPage] = {
            "create": [self.site_pages["create"], self.admin_page, self.station_page],
            "join": [self.site_pages["join"], self.station_page],
            "trial": [self.admin_page, self.station_page],
        }[mode]
        self.sequence = [self.language_page, self.mode_page, *middle, self.finish_page]
        if mode == "trial":
            self.station_page.choice.set_value("production", first_machine(self.ctx.catalog))
        elif mode == "create":
            # The PC a site is created on is usually the admin's: an office PC, which does not
            # start with the PC. A production station created this way is one click away, and
            # then starts with the PC by default like every joining station.
            self.station_page.choice.set_value("office", "office1")
        else:
            self.station_page.choice.set_value("production", None)
        self.station_page.prepare(autostart=mode != "trial")

    def back(self) -> None:
        if self.runner.busy or self.result is not None:
            return
        index = self.sequence.index(self.current)
        if index > 0:
            self.go_to(self.sequence[index - 1])

    def next(self) -> None:
        page = self.current
        if self.runner.busy:
            return
        if page is self.finish_page:
            if self.result is None:
                self.run_set_up()
            else:
                self.start()
            return
        page.clear_problem()
        if not page.validate():
            return
        if page is self.language_page:
            self._save_language(self.language_page.language())
        if page is self.mode_page:
            self.choose_mode(self.mode_page.mode() or "create")
            return
        check = page.background_check()
        if check is None:
            self._advance(page)
            return

        def done(result: Any) -> None:
            self._set_busy(None)
            page.checked(result)
            self._advance(page)

        def failed(exc: BaseException) -> None:
            self._set_busy(None)
            page.show_problem(problem_text(exc), problem_field(exc))

        self._run(check, page.busy_text(), done, failed)

    def _advance(self, page: WizardPage) -> None:
        following = self.sequence[self.sequence.index(page) + 1]
        if following is self.station_page and page is self.site_pages["join"]:
            self.station_page.prepare(autostart=True, machines=page.machines)
        if following is self.finish_page:
            self.finish_page.set_plan(self.plan())
        self.go_to(following)

    # -- language ----------------------------------------------------------------------------

    def apply_language(self, code: str) -> None:
        """At once: our translations and Qt's are swapped; every page retranslates itself on the
        LanguageChange event Qt sends."""
        app = QApplication.instance()
        if app is not None:
            install_translators(app, code, self.options.translations_dir
                                or self.ctx.paths.data_dir / "translations")

    def _save_language(self, code: str) -> None:
        path = self.ctx.paths.settings_file
        try:
            save_settings(path, load_settings(path).with_changes(language=code))
        except (OSError, ValueError) as exc:  # the choice still applies to this session
            log.warning("The language choice could not be saved: %s", exc)

    # -- setting up --------------------------------------------------------------------------

    def plan(self) -> SetupPlan:
        mode = self.mode_page.mode() or "create"
        choice = self.station_page.choice
        site = self.site_pages.get(mode)
        production = choice.kind() == "production"
        return SetupPlan(
            mode=mode, station_id=choice.station_id(), station_kind=choice.kind(),
            folder=site.folder.text() if site else None,
            passphrase=site.passphrase.text() if site else "",
            admin=self.admin_page.account() if mode != "join" else None,
            autostart=production and self.station_page.autostart.isChecked(),
            # A trial runs on this PC alone: its zone is this PC's.
            timezone=(site.zone.zone() if mode == "create" and site is not None
                      else this_pc_zone() if mode == "trial" else None),
            takeover_reason=self.station_page.takeover_wanted() if mode == "join" else None,
            # A new site's folder is made only when the box says so (a trial's is the
            # program's own: utils/first_run makes it whatever the plan says).
            make_folder=site is not None and site.may_make_folder())

    def run_set_up(self) -> None:
        plan = self.plan()
        options = self.options
        self.finish_page.clear_problem()

        def work() -> SetupResult:
            result = set_up(options.home, plan, clock=options.clock, autostart=options.autostart,
                            probe=options.probe)
            self._finished_result = result  # kept even if the window closes meanwhile
            return result

        self._run(work, self.tr("Setting up this PC…"), self._set_up_done, self._set_up_failed)

    def _set_up_done(self, result: SetupResult) -> None:
        self._set_busy(None)
        self.result = result
        self.finish_page.show_done(result)
        self._update_texts()
        self.next_button.setFocus()

    def _set_up_failed(self, exc: BaseException) -> None:
        self._set_busy(None)
        field = problem_field(exc)
        text = problem_text(exc)
        target = next((page for page in self.sequence if field in page.fields), None)
        if target is None:
            self.finish_page.show_problem(text)
            return
        self.go_to(target)
        target.show_problem(text, field)
        if isinstance(exc, SetupError) and exc.code == "station_taken":
            self.station_page.offer_takeover()

    def start(self) -> None:
        """Hand the new context to the app (login window, then the station window)."""
        if self.result is None or self._handed_over:
            return
        self._handed_over = True
        self.completed.emit(self.result)

    # -- background work ---------------------------------------------------------------------

    def _run(self, work: Callable[[], Any], text: str, on_done, on_error) -> None:
        self._set_busy(text)
        # A refusal (a wrong passphrase, a station in use) comes back to on_error like any
        # failure; the task helper logs it as one line and keeps tracebacks for real bugs.
        self.runner.run(lambda _progress, _cancel: work(), on_done=on_done, on_error=on_error)

    def _set_busy(self, text: str | None) -> None:
        busy = text is not None
        self.busy.setVisible(busy)
        self.busy_text.setVisible(busy)
        self.busy_text.setText(text or "")
        self.next_button.setEnabled(not busy)
        if hasattr(self, "stack"):
            self.stack.setEnabled(not busy)
            self.back_button.setEnabled(not busy and self.result is None
                                        and self.sequence.index(self.current) > 0)
        if busy and not self._cursor_busy:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        elif not busy and self._cursor_busy:
            QApplication.restoreOverrideCursor()
        self._cursor_busy = busy

    def closeEvent(self, event: QCloseEvent) -> None:
        # A set-up under way finishes (it cannot stop half-way); a context it opened and
        # nobody took is closed here.
        self.runner.shutdown()
        self._set_busy(None)
        leftover = self.result or self._finished_result
        if leftover is not None and not self._handed_over:
            self._handed_over = True
            leftover.ctx.close()
        super().closeEvent(event)
