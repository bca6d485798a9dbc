"""The log viewer for admins: the last lines of this PC's log file, filtered, saved to a file.

Opened only through `LogViewer.open_for(session, ctx, parent)`, which checks LOGS_VIEW with
`utils.permissions.require`: an operator is refused, and the refusal is audited.

The file is read on the GUI thread with `utils.logger.tail_log`, not through the TaskRunner:
tail_log reads backwards in 64 KiB blocks and stops once it has the lines, and the live log is
bounded by rotation (5 MB by default; older generations are gzip files this viewer does not
read). Measured worst case, a filter matching nothing on a full 5 MB file: about 16 ms. That
is less than the background round trip would cost in code and in waiting for a reply.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPlainTextEdit,
    QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from config.constants import Permission
from utils.atomic_io import atomic_write_text
from utils.context import AppContext
from utils.logger import tail_log
from utils.permissions import PermissionDenied, require

from gui.labels import wrapped_label
from gui.theme import TOUCH_MIN_PX
from gui.window_state import fit_to_screen

log = logging.getLogger(__name__)

MIN_LINES, MAX_LINES, DEFAULT_LINES = 100, 5000, 500
FILTER_DELAY_MS = 300  # typing in the filter re-reads once the person pauses


class LogViewer(QDialog):
    def __init__(self, log_file: Path, parent: QWidget | None = None, *, station_id: str = ""):
        super().__init__(parent)
        self.log_file = Path(log_file)
        self.station_id = station_id
        self.lines: list[str] = []
        self.setObjectName("logViewer")
        self.setWindowTitle(self.tr("Log"))
        self.resize(980, 640)
        fit_to_screen(self)

        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("logFilter")
        self.filter_edit.setPlaceholderText(self.tr("Show only lines containing…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.count = QSpinBox()
        self.count.setObjectName("logLines")
        self.count.setRange(MIN_LINES, MAX_LINES)
        self.count.setSingleStep(100)
        self.count.setValue(DEFAULT_LINES)
        self.count.setMinimumWidth(140)
        # Arrows a finger can hit: the default ones are about 20 px wide.
        self.count.setStyleSheet("QSpinBox { padding-right: 40px; }"
                                 "QSpinBox::up-button, QSpinBox::down-button { width: 40px; }")
        self.refresh_button = self._button(self.tr("Refresh"), "logRefresh")
        self.save_button = self._button(self.tr("Save as…"), "logSave")
        self.close_button = self._button(self.tr("Close"), "logClose")
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(self.tr("Log lines"))
        self.text.setObjectName("logText")
        self.text.setReadOnly(True)
        # Wrapped: what a filter matched is often past the window's edge, and scrolling
        # sideways is awkward on a touch screen.
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(max(font.pointSize(), 10))
        self.text.setFont(font)
        self.status = wrapped_label("logStatus", role="hint")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Filter")))
        controls.addWidget(self.filter_edit, 1)
        controls.addSpacing(12)
        controls.addWidget(QLabel(self.tr("Last lines")))
        controls.addWidget(self.count)
        controls.addWidget(self.refresh_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.text, 1)
        layout.addLayout(bottom)

        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(FILTER_DELAY_MS)
        self._delay.timeout.connect(self.refresh)
        # Lambdas: QTimer.start(int) would take the spin box's value as its interval.
        self.filter_edit.textChanged.connect(lambda _text: self._delay.start())
        self.count.valueChanged.connect(lambda _value: self._delay.start())
        self.filter_edit.returnPressed.connect(self.refresh)
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.save_button.clicked.connect(lambda: self.save_as())
        self.close_button.clicked.connect(self.accept)
        self.message: QMessageBox | None = None
        self.refresh()

    @classmethod
    def open_for(cls, session, ctx: AppContext, parent: QWidget | None = None) -> "LogViewer | None":
        """Check LOGS_VIEW (audited when refused), then open the viewer without blocking."""
        try:
            require(session, Permission.LOGS_VIEW, ctx.changes, target="log_viewer")
        except PermissionDenied:
            # No instance yet, so no self.tr: the same context, spelled out for lupdate.
            title = QCoreApplication.translate("LogViewer", "Log")
            text = QCoreApplication.translate(
                "LogViewer", "Only an administrator can view the log. Your attempt was recorded; "
                "ask an administrator if you need something from it.")
            box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                              QMessageBox.StandardButton.Ok, parent)
            box.setObjectName("logRefused")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            return None
        viewer = cls(ctx.paths.log_file, parent, station_id=ctx.station_id)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.open()
        return viewer

    # -- reading -----------------------------------------------------------------------------

    @property
    def contains(self) -> str:
        return self.filter_edit.text().strip()

    def refresh(self) -> None:
        self._delay.stop()
        wanted, needle = self.count.value(), self.contains
        try:
            self.lines = tail_log(self.log_file, wanted, needle or None)
        except OSError as exc:
            self.lines = []
            self.text.setPlainText("")
            self.status.setText(self.tr("The log could not be read: %1. Nothing was changed; "
                                        "try Refresh.").replace("%1", str(exc)))
            self.save_button.setEnabled(False)
            return
        self.text.setPlainText("\n".join(self.lines))
        bar = self.text.verticalScrollBar()
        bar.setValue(bar.maximum())  # newest lines are at the end
        self.save_button.setEnabled(bool(self.lines))
        self.status.setText(self._status_text(needle))

    def _status_text(self, needle: str) -> str:
        shown = len(self.lines)
        if not self.log_file.exists():
            return self.tr("There is no log file yet (%1).").replace("%1", str(self.log_file))
        if needle:
            return (self.tr("%n line(s) containing \u201c%2\u201d, newest at the bottom. File: %3",
                            "", shown).replace("%2", needle).replace("%3", str(self.log_file)))
        return (self.tr("The last %n line(s), newest at the bottom. File: %2", "", shown)
                .replace("%2", str(self.log_file)))

    # -- saving ------------------------------------------------------------------------------

    def save_as(self, *, ask: Callable[[str], str] | None = None) -> Path | None:
        """Ask where (a QFileDialog unless `ask` is given), then write the lines shown."""
        suggested = str(Path.home() / f"shopfloor-{self.station_id or 'pc'}-log.txt")
        chosen = (ask or self._ask_path)(suggested)
        if not chosen:
            return None
        return self.save_to(Path(chosen))

    def _ask_path(self, suggested: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the log as"), suggested,
            self.tr("Text files (*.txt *.log);;All files (*)"))
        return path

    def save_to(self, path: Path) -> Path | None:
        text = "\n".join(self.lines) + ("\n" if self.lines else "")
        try:
            atomic_write_text(path, text)
        except OSError as exc:
            log.warning("Saving the log to %s failed: %s", path, exc)
            self._message(QMessageBox.Icon.Warning, self.tr(
                "The log was not saved to %1: %2. Nothing was written there; choose another "
                "folder.").replace("%1", str(path)).replace("%2", exc.strerror or str(exc)))
            return None
        self.status.setText(self.tr("Saved %n line(s) to %2.", "", len(self.lines))
                            .replace("%2", str(path)))
        return path

    # -- helpers -----------------------------------------------------------------------------

    def _message(self, icon: QMessageBox.Icon, text: str) -> None:
        self.message = QMessageBox(icon, self.tr("Log"), text, QMessageBox.StandardButton.Ok, self)
        self.message.open()

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setMinimumHeight(TOUCH_MIN_PX)
        button.setAutoDefault(False)  # Enter in the filter box refreshes; it never closes
        return button
