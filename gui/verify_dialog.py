"""Verifying the audit trail from the GUI: a modal progress window that turns into the result.

`run_verify(parent, runner, verify)` opens the dialog (non-blocking, `open()`) and runs
`verify(progress, cancel)` through the window's TaskRunner. `verify` is normally
`lambda progress, cancel: ctx.verify_audit(progress=progress, cancel=cancel)`: it reports
`progress(station, done, total)` and stops when the `threading.Event` is set.

The progress window and the result are one window whose content changes, rather than a
progress dialog followed by a message box: nothing jumps, nothing needs `exec()`, and the
result stays readable where the person was already looking. The text shown is kept in
`result_text` (and `outcome`) so tests and callers can read it; `finished_with(list)` carries
the VerifyResults, `failed(object)` the exception when the check could not run.
"""

from __future__ import annotations

import threading
from html import escape
from typing import Any, Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QStackedWidget, QStyle,
    QVBoxLayout, QWidget,
)

from utils.audit.verify import VerifyResult
from utils.site.site_view import ShareUnreachable, StationsRefused

from gui.labels import wrapped_label
from gui.tasks import Task, TaskRunner
from gui.theme import ERROR_COLOR, OK_COLOR, TOUCH_MIN_PX, WARN_COLOR
from gui.verify_texts import kind_texts

StationProgress = Callable[[str, int, "int | None"], None]
VerifyFunction = Callable[[StationProgress, threading.Event], list[VerifyResult]]

Paragraph = tuple[str, str, str]  # lead (bold), body, detail (small, grey)

INTACT, TAMPERED, CANCELLED, ERROR = "intact", "tampered", "cancelled", "error"
PAINT_WAIT_MS = 250  # the check starts after the dialog's first paint, or after this at most
# An admin PC holds the whole site's chains: past this many tampered stations the rest are
# named in one line, so the dialog never outgrows the screen and the action stays in view.
MAX_STATIONS_SHOWN = 5


class VerifyDialog(QDialog):
    finished_with = Signal(list)
    failed = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("verifyDialog")
        self.setWindowTitle(self.tr("Verify audit trail"))
        self.setModal(True)
        self.setMinimumWidth(560)
        self.task: Task | None = None
        self._pending: tuple[TaskRunner, VerifyFunction] | None = None  # starts once painted
        self.results: list[VerifyResult] | None = None
        self.outcome: str | None = None
        self.result_text = ""

        self.pages = QStackedWidget()
        self.pages.addWidget(self._progress_page())
        self.pages.addWidget(self._result_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    # -- layout ------------------------------------------------------------------------------

    def _progress_page(self) -> QWidget:
        page = QWidget()
        self.heading = QLabel(self.tr("Verifying the audit trail…"))
        self.heading.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.station_label = QLabel(self.tr("Starting…"))
        self.station_label.setObjectName("verifyStation")
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first report says how many events there are
        self.bar.setTextVisible(False)
        self.bar.setMinimumHeight(24)
        self.count_label = QLabel()
        self.count_label.setObjectName("verifyCount")
        self.count_label.setProperty("role", "hint")
        hint = QLabel(self.tr("Verifying only reads the data; you can cancel at any time."))
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("verifyCancel")
        self.cancel_button.setMinimumHeight(TOUCH_MIN_PX)
        self.cancel_button.clicked.connect(self.cancel)
        layout = QVBoxLayout(page)
        layout.addWidget(self.heading)
        layout.addWidget(self.station_label)
        layout.addWidget(self.bar)
        layout.addWidget(self.count_label)
        layout.addWidget(hint)
        layout.addStretch(1)
        layout.addLayout(_right_aligned(self.cancel_button))
        return page

    def _result_page(self) -> QWidget:
        page = QWidget()
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.result_heading = wrapped_label("verifyResultHeading")
        self.result_body = wrapped_label("verifyResultText")
        self.result_body.setTextFormat(Qt.TextFormat.RichText)  # built from escaped parts
        self.result_body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.result_body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action_label = wrapped_label("verifyAction")
        self.action_label.setStyleSheet("font-weight: bold;")
        self.action_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action_label.hide()
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("verifyClose")
        self.close_button.setMinimumHeight(TOUCH_MIN_PX)
        self.close_button.clicked.connect(self.accept)
        text = QVBoxLayout()
        text.addWidget(self.result_heading)
        text.addWidget(self.result_body, 1)
        text.addSpacing(8)
        text.addWidget(self.action_label)
        top = QHBoxLayout()
        top.addWidget(self.icon)
        top.addLayout(text, 1)
        layout = QVBoxLayout(page)
        layout.addLayout(top, 1)
        layout.addLayout(_right_aligned(self.close_button))
        return page

    # -- running -----------------------------------------------------------------------------

    def start(self, runner: TaskRunner, verify: VerifyFunction) -> Task:
        def work(progress: Callable[[int, Any], None], cancel: threading.Event):
            # The runner's progress carries (done, object): the station rides in the object.
            return verify(lambda station, done, total: progress(done, (station, total)), cancel)

        self.task = runner.run(work, on_done=self._done, on_error=self._error,
                               on_progress=self._progress)
        return self.task

    def start_when_painted(self, runner: TaskRunner, verify: VerifyFunction) -> None:
        """Start the check right after the dialog's first paint. Painting calls back into
        Python for every widget and table cell; with the check's thread already busy, each
        call waits for the interpreter lock, and the first paint of the dialog and of the
        window behind it stalled the window for 100-200 ms (bench_gui.py)."""
        self._pending = (runner, verify)
        QTimer.singleShot(PAINT_WAIT_MS, self, self._start_pending)  # if no paint comes

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.Paint and self._pending is not None:
            QTimer.singleShot(0, self, self._start_pending)  # after this paint is done
        return handled

    def _start_pending(self) -> None:
        if self._pending is None:
            return
        runner, verify = self._pending
        self._pending = None
        task = self.start(runner, verify)
        if not self.cancel_button.isEnabled():  # cancelled before it started
            task.cancel.set()

    @property
    def running(self) -> bool:
        return (self.task is not None or self._pending is not None) and self.outcome is None

    def cancel(self) -> None:
        if not self.running:
            return
        if self.task is not None:
            self.task.cancel.set()
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText(self.tr("Cancelling…"))

    def reject(self) -> None:
        # Escape or the window's close button while running means "cancel"; the window stays
        # until the check has stopped and can say how far it got.
        if self.running:
            self.cancel()
            return
        super().reject()

    def _progress(self, done: int, payload: Any) -> None:
        station, total = payload if isinstance(payload, tuple) else ("", payload)
        self.station_label.setText(self.tr("Station %1").replace("%1", str(station)))
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
            self.count_label.setText(self.tr("%1 of %n event(s) checked", "", total)
                                     .replace("%1", str(done)))
        else:
            self.bar.setRange(0, 0)
            self.count_label.setText(self.tr("%n event(s) checked", "", done))

    def _done(self, results: list[VerifyResult]) -> None:
        self.results = list(results)
        tampered = [r for r in self.results if not r.ok and not r.cancelled]
        cancelled = any(r.cancelled for r in self.results)
        if tampered:
            paragraphs = self._tampered_paragraphs(tampered)
            if cancelled:
                paragraphs.append(("", self.tr(
                    "Verification was cancelled before every chain was checked; nothing is "
                    "known about the rest."), ""))
            if all(result.kind is None for result in tampered):  # faults, not findings
                intact = [result for result in self.results if result.ok]
                if intact:
                    paragraphs.append(("", self.tr("The other chains are intact: %1 checked "
                                                   "in %2.").replace("%1", self.tr(
                        "%n event(s)", "", sum(r.events_checked for r in intact))).replace(
                        "%2", self.tr("%n chain(s)", "", len(intact))), ""))
                self._show(ERROR, self.tr("Part of the audit trail could not be verified"),
                           paragraphs, self.tr(
                               "Nothing was changed: verifying only reads the data, and "
                               "nothing says these stations were tampered with. Run the check "
                               "again; if a station still cannot be verified, call your "
                               "administrator (the log file has the details)."))
                self.finished_with.emit(self.results)
                return
            self._show(TAMPERED, self.tr("The audit trail has been tampered with"), paragraphs,
                       self.tr("What to do: keep this PC as it is and call your administrator; "
                               "do not restore backups, and do not delete or edit anything."))
        elif cancelled:
            self._show(CANCELLED, self.tr("Verification cancelled"), [("", self._cancelled_text(), "")])
        else:
            self._show(INTACT, self.tr("The audit trail is intact"), self._intact_paragraphs())
        self.finished_with.emit(self.results)

    def _error(self, exc: BaseException) -> None:
        self._show(ERROR, self.tr("The audit trail could not be verified"), [
            ("", self._error_text(exc), ""),
            ("", self.tr("Nothing was changed: verifying only reads the data. Try again; if it "
                         "fails again, call your administrator (the log file has the "
                         "details)."), ""),
        ])
        self.failed.emit(exc)

    # -- texts -------------------------------------------------------------------------------

    def _error_text(self, exc: BaseException) -> str:
        """Why the check could not run: the share's two refusals in the person's language,
        anything else as the error says it."""
        if isinstance(exc, ShareUnreachable):
            return self.tr("The shared folder %1 cannot be reached (%2): the stations' "
                           "journals were not read. Run the check again when the folder is "
                           "back (check the network and the share's path).") \
                .replace("%1", exc.where).replace("%2", exc.reason)
        if isinstance(exc, StationsRefused):
            return self.tr("The stations' folder of the shared folder (%1) was refused: it "
                           "is not a plain folder (a link, or a file), and links are never "
                           "followed. No station's journal was read, so the site's audit trail "
                           "was not checked. Ask whoever looks after the shared folder to put "
                           "it right, then run the check again.").replace("%1", exc.where)
        reason = str(exc) or type(exc).__name__
        return self.tr("The check stopped with an error: %1").replace("%1", reason)
    # A paragraph is (lead, body, detail): the lead in bold, the detail smaller and grey.

    def _intact_paragraphs(self) -> list[Paragraph]:
        results = self.results or []
        events = sum(r.events_checked for r in results)
        # What was checked, under a heading that already says it is intact.
        paragraphs = [("", self.tr("Checked: %1 in %2, each with its content, its place in "
                                   "its chain and its signature.")
                       .replace("%1", self.tr("%n event(s)", "", events))
                       .replace("%2", self.tr("%n chain(s)", "", len(results))), "")]
        unverifiable = sum(r.unverifiable_macs for r in results)
        if unverifiable:
            paragraphs.append(("", self.tr(
                "%n of these events are signed with a key this PC does not have: their content "
                "and order were checked, their signatures were not.", "", unverifiable), ""))
        unsealed = sum(r.unsealed for r in results)
        if unsealed:
            paragraphs.append(("", self.tr(
                "%n events at the end of the stations' journals are not yet sealed by their "
                "station: not counted above, and not shown until they are (a station seals "
                "what it writes within seconds).", "", unsealed), ""))
        return paragraphs

    def _cancelled_text(self) -> str:
        events = sum(r.events_checked for r in self.results or [])
        return self.tr("Verification cancelled after %n event(s); nothing is known about the "
                       "rest.", "", events)

    def _tampered_paragraphs(self, tampered: list[VerifyResult]) -> list[Paragraph]:
        kinds = kind_texts()
        paragraphs: list[Paragraph] = []
        for result in tampered[:MAX_STATIONS_SHOWN]:
            station = str(result.station)
            # The verifier's own words, in English, for the administrator's report.
            detail = (self.tr("Details for the administrator: %1").replace("%1", result.detail)
                      if result.detail else "")
            if result.kind is None:
                paragraphs.append((self.tr("Station %1: the chain could not be verified.")
                                   .replace("%1", station), "", detail))
                continue
            name, meaning = kinds.get(str(result.kind), (str(result.kind), ""))
            if result.record_id is not None and str(result.kind).startswith("record_"):
                lead = (self.tr("Station %1, record %2 version %3: %4.").replace("%1", station)
                        .replace("%2", result.record_id)
                        .replace("%3", str(result.record_version)).replace("%4", name))
            elif result.first_bad_seq is None:
                lead = self.tr("Station %1: %2.").replace("%1", station).replace("%2", name)
            else:
                lead = (self.tr("Station %1, event %2: %3.").replace("%1", station)
                        .replace("%2", str(result.first_bad_seq)).replace("%3", name))
            paragraphs.append((lead, meaning, detail))
        rest = tampered[MAX_STATIONS_SHOWN:]
        if rest:
            paragraphs.append((self.tr("%1 more stations were tampered with: %2.")
                               .replace("%1", str(len(rest)))
                               .replace("%2", ", ".join(str(r.station) for r in rest)),
                               self.tr("The administrator can list every finding with: shopfloor verify-audit"), ""))
        return paragraphs

    def _show(self, outcome: str, heading: str, paragraphs: list[Paragraph],
              action: str = "") -> None:
        self.outcome = outcome
        plain = [" ".join(part for part in (lead, body) if part) + (f"\n{detail}" if detail else "")
                 for lead, body, detail in paragraphs]
        self.result_text = "\n\n".join(plain + ([action] if action else []))
        icon, color = {
            INTACT: (QStyle.StandardPixmap.SP_DialogApplyButton, OK_COLOR),
            CANCELLED: (QStyle.StandardPixmap.SP_MessageBoxWarning, WARN_COLOR),
            TAMPERED: (QStyle.StandardPixmap.SP_MessageBoxCritical, ERROR_COLOR),
            ERROR: (QStyle.StandardPixmap.SP_MessageBoxCritical, ERROR_COLOR),
        }[outcome]
        self.icon.setPixmap(self.style().standardIcon(icon).pixmap(48, 48))
        self.result_heading.setText(heading)
        self.result_heading.setStyleSheet(f"font-size: 18px; font-weight: bold; color: {color};")
        self.result_body.setText("".join(_html(paragraph) for paragraph in paragraphs))
        self.action_label.setText(action)
        self.action_label.setVisible(bool(action))
        self.pages.setCurrentIndex(1)
        self.setWindowTitle(heading)
        self._fit_result()
        self.close_button.setFocus()

    def _fit_result(self) -> None:
        # Not adjustSize(): it measures the wrapped text at the size hint's width, narrower
        # than the dialog's minimum, and leaves a gap below it.
        self.layout().activate()
        self.resize(self.width(), self.layout().totalHeightForWidth(self.width()))


def _html(paragraph: Paragraph) -> str:
    lead, body, detail = (escape(part) for part in paragraph)
    text = " ".join(part for part in (f"<b>{lead}</b>" if lead else "", body) if part)
    if detail:
        text += f'<br><span style="color: #555555; font-size: 13px;">{detail}</span>'
    return f"<p>{text}</p>"


def _right_aligned(button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(button)
    return row


def run_verify(parent: QWidget | None, runner: TaskRunner, verify: VerifyFunction) -> VerifyDialog:
    """Open the verify dialog (window-modal, non-blocking) and start `verify` in the background."""
    dialog = VerifyDialog(parent)
    # The window keeps a reference to the last dialog; Qt frees each one once it is closed.
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    dialog.start_when_painted(runner, verify)
    return dialog
