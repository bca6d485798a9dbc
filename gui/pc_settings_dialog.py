"""This PC's settings, for an admin: shared folder, station, language, intervals, the register
window, starting with the PC, and where and how often its backups are made and how many are
kept (utils.backup.settings_change checks and audits those). Opened from the station window (Tools menu, password
re-entered). The service (utils.pc_settings) checks the permission, the folder and the station
and audits the change; this dialog collects the values, runs the service in the background (a
folder check may wait on the network) and says what needs a restart."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QMessageBox,
    QProgressBar, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from utils.auth import Session
from utils.backup.settings_change import BackupSettingsError, change_backup_settings
from utils.autostart import Autostart
from utils.context import AppContext
from utils.first_run import write_probe
from utils.pc_settings import (
    PcSettings, PcSettingsChange, change_pc_settings, read_pc_settings,
)
from utils.permissions import PermissionDenied

from gui.layouts import STRETCH, hbox
from gui.scrolled import scrolled
from gui.tasks import TaskRunner
from gui.theme import TOUCH_MIN_PX
from gui.wizard.texts import problem_text
from gui.wizard.widgets import (
    TOUCH_INDICATORS, FolderField, StationChoice, error_label, hint_label, row_label, with_notes,
)

INTERVAL_MIN_MS, INTERVAL_MAX_MS = 10, 3_600_000  # the Settings ranges
FIELDS_MIN_HEIGHT = 460  # px of fields shown at the least: the dialog fits 1280 x 720


def _interval_box(name: str) -> QSpinBox:
    box = QSpinBox()
    box.setObjectName(name)
    box.setRange(INTERVAL_MIN_MS, INTERVAL_MAX_MS)
    box.setSingleStep(100)
    box.setSuffix(" ms")
    box.setMinimumWidth(160)
    return box


class PcSettingsDialog(QDialog):
    saved = Signal(object)  # PcSettingsChange, after the service kept it

    def __init__(self, ctx: AppContext, session: Session, parent: QWidget | None = None, *,
                 autostart: Autostart | None = None,
                 probe: Callable[[Path], None] = write_probe):
        super().__init__(parent)
        self.setObjectName("pcSettingsDialog")
        self.setWindowTitle(self.tr("This PC's settings"))
        self.ctx = ctx
        self.session = session
        self.autostart_switch = autostart or Autostart()
        self.probe = probe
        self.runner = TaskRunner(self)
        self.change: PcSettingsChange | None = None
        self.backups_saved = False  # set by the save's worker once the backup settings are kept
        current = read_pc_settings(ctx, self.autostart_switch)
        self.current = current

        self.folder = FolderField("pcSiteFolder")
        self.folder.set_text(current.site_folder or "")
        self.folder_error = error_label("pcFolderError")
        self.folder_hint = hint_label()
        in_site = bool(ctx.settings.site_id)
        self.folder.setEnabled(in_site)
        self.folder_hint.setText(
            self.tr("Only a new path to this PC's own site, for example after the share moved "
                    "to another server.") if in_site else
            self.tr("This PC is not in a site; creating or joining one is done by the first-run "
                    "set-up."))
        self.station = StationChoice(ctx.catalog)
        self.station.set_value(current.station_kind, current.station_id)
        self.language = QComboBox()
        self.language.setObjectName("pcLanguage")
        for code, label in (("system", self.tr("As the system (Portuguese or English)")),
                            ("pt_BR", "Português (Brasil)"), ("en", "English")):
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(self.language.findData(current.language), 0))
        self.status_interval = _interval_box("statusInterval")
        self.status_interval.setValue(current.status_interval_ms)
        self.rescan_auto = QCheckBox(self.tr("Automatic: 50 ms on a local folder, 500 ms on a "
                                             "network share"))
        self.rescan_auto.setObjectName("rescanAuto")
        self.rescan_interval = _interval_box("rescanInterval")
        self.rescan_auto.setChecked(current.rescan_interval_ms is None)
        self.rescan_interval.setValue(current.rescan_interval_ms or 500)
        self.rescan_interval.setEnabled(current.rescan_interval_ms is not None)
        self.rescan_auto.toggled.connect(lambda on: self.rescan_interval.setEnabled(not on))
        self.register_window = QCheckBox(self.tr("Show the small \"Register production\" "
                                                 "window to operators"))
        self.register_window.setObjectName("registerWindow")
        self.register_window.setChecked(current.register_window)
        self.autostart = QCheckBox(self.tr("Start automatically when this PC starts"))
        self.autostart.setObjectName("pcAutostart")
        self.autostart.setChecked(current.autostart)
        self.station.kind_changed.connect(self._kind_changed)
        self._kind_changed(self.station.kind())
        for box in (self.rescan_auto, self.register_window, self.autostart):
            box.setMinimumHeight(TOUCH_MIN_PX)
        self.backup_folder = FolderField("backupFolder")
        self.backup_folder.set_text(ctx.settings.backup_folder or "")
        self.backup_error = error_label("backupError")
        self.backup_hint = hint_label()
        self.backup_hint.setText(self.tr("Another disk or a server keeps a copy when this PC "
                                         "fails."))
        self.backup_folder.edit.setPlaceholderText(
            self.tr("empty: the backups folder inside this PC's data folder"))
        self.backup_every = QSpinBox()
        self.backup_every.setObjectName("backupEvery")
        self.backup_every.setRange(0, 24 * 31)
        self.backup_every.setSuffix(self.tr(" h"))
        self.backup_every.setSpecialValueText(self.tr("never (only on request)"))
        self.backup_every.setValue(ctx.settings.backup_every_hours)
        self.backup_keep = QSpinBox()
        self.backup_keep.setObjectName("backupKeep")
        self.backup_keep.setRange(1, 1000)
        self.backup_keep.setValue(ctx.settings.backup_keep)
        for box in (self.backup_every, self.backup_keep):
            box.setMinimumHeight(TOUCH_MIN_PX)
            box.setMinimumWidth(170)

        rescan = QHBoxLayout()
        rescan.addWidget(self.rescan_interval)
        rescan.addWidget(self.rescan_auto, 1)
        status = QHBoxLayout()
        status.addWidget(self.status_interval)
        status.addStretch(1)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.addRow(row_label(self.tr("Shared folder")),
                    with_notes(self.folder, self.folder_error, self.folder_hint))
        form.addRow(row_label(self.tr("This PC")), self.station)
        form.addRow(row_label(self.tr("Language")), self.language)
        form.addRow(row_label(self.tr("Status every")), status)
        form.addRow(row_label(self.tr("Commands checked every")), rescan)
        form.addRow("", self.register_window)
        form.addRow("", self.autostart)
        backup_every = QHBoxLayout()
        backup_every.setSpacing(12)
        backup_every.addWidget(self.backup_every)
        backup_every.addWidget(QLabel(self.tr("keep the newest")))
        backup_every.addWidget(self.backup_keep)
        backup_every.addStretch(1)
        form.addRow(row_label(self.tr("Backups to")),
                    with_notes(self.backup_folder, self.backup_error, self.backup_hint))
        form.addRow(row_label(self.tr("A backup every")), backup_every)
        self.note = hint_label("restartNote")
        self.note.setText(self.tr("The folder, the station, the language and the intervals take "
                                  "effect when the app starts again; the register window and "
                                  "starting with the PC at once. A newer site catalog with its "
                                  "own intervals replaces these."))
        self.error = error_label("pcSettingsError")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(200)
        self.busy.hide()
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("primary")
        self.save_button.setMinimumWidth(160)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("pcCancel")
        buttons = hbox(self.busy, STRETCH, self.cancel_button, self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        title = QLabel(self.tr("This PC's settings"))
        title.setStyleSheet("font-size: 22px; font-weight: bold;")
        layout.addWidget(title)
        # The fields scroll when the screen is short (1366 x 768 with a taskbar): the title,
        # the notes and the buttons stay in view.
        scroll = scrolled(form, "pcSettingsFields")
        scroll.setMinimumHeight(min(scroll.widget().sizeHint().height(), FIELDS_MIN_HEIGHT))
        layout.addWidget(scroll, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.setStyleSheet(TOUCH_INDICATORS)
        self.setMinimumWidth(860)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)

    def _kind_changed(self, kind: str) -> None:
        production = kind == "production"
        self.autostart.setEnabled(production)
        if not production:
            self.autostart.setChecked(False)

    def wanted(self) -> PcSettings:
        rescan = None if self.rescan_auto.isChecked() else self.rescan_interval.value()
        return PcSettings(
            site_folder=(self.folder.text() or None) if self.folder.isEnabled()
            else self.current.site_folder,
            station_id=self.station.station_id() or None, station_kind=self.station.kind(),
            language=str(self.language.currentData()),
            status_interval_ms=self.status_interval.value(), rescan_interval_ms=rescan,
            register_window=self.register_window.isChecked(),
            autostart=self.autostart.isChecked())

    def wanted_backups(self) -> dict[str, object]:
        """The backup settings that differ from those in force (an empty folder: the default)."""
        wanted = {"backup_folder": self.backup_folder.text() or None,
                  "backup_every_hours": self.backup_every.value(),
                  "backup_keep": self.backup_keep.value()}
        return {name: value for name, value in wanted.items()
                if getattr(self.ctx.settings, name) != value}

    # -- saving ----------------------------------------------------------------------------------

    def save(self) -> None:
        for label in (self.error, self.folder_error, self.backup_error):
            label.clear()
        if not self.station.validate():
            return
        wanted, backups = self.wanted(), self.wanted_backups()
        ctx, session, switch, probe = self.ctx, self.session, self.autostart_switch, self.probe

        self.backups_saved = False

        def work(_progress, _cancel) -> PcSettingsChange:
            # The backup settings first: a folder this PC cannot write in refuses the whole
            # save before anything else is changed (each part is audited on its own).
            if backups:
                change_backup_settings(ctx, session, **backups)
                self.backups_saved = True
            return change_pc_settings(ctx, session, wanted, autostart=switch, probe=probe)

        self._set_busy(True)
        self.runner.run(work, on_done=self._saved, on_error=self._refused)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.save_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)

    def _saved(self, change: PcSettingsChange) -> None:
        self._set_busy(False)
        self.change = change
        if change.changed:
            self.saved.emit(change)
        if change.restart_needed:
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("This PC's settings"),
                              self.tr("Saved. Start the app again to use the new %1.").replace(
                                  "%1", ", ".join(self._names(change.restart_needed))),
                              QMessageBox.StandardButton.Ok, self.parentWidget())
            box.setObjectName("restartNeeded")
            box.open()
            self.restart_box = box
        self.accept()

    def _names(self, fields: tuple[str, ...]) -> list[str]:
        names = {
            "site_folder": self.tr("shared folder"), "station_id": self.tr("station"),
            "station_kind": self.tr("station"), "language": self.tr("language"),
            "status_interval_ms": self.tr("intervals"), "rescan_interval_ms": self.tr("intervals"),
        }
        return list(dict.fromkeys(names.get(field, field) for field in fields))

    def _refused(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, PermissionDenied):
            self.error.setText(self.tr("Only an admin can change this PC's settings. The attempt "
                                       "was recorded; nothing was changed."))
            return
        if isinstance(exc, BackupSettingsError):
            self.backup_error.setText(self.tr("This backup folder cannot be used (%1). Nothing "
                                              "was saved; choose another folder.")
                                      .replace("%1", str(exc)))
            return
        text = problem_text(exc)
        if self.backups_saved:
            text += " " + self.tr("The backup settings were saved.")
        field = getattr(exc, "field", None)
        if field == "site_folder":
            self.folder_error.setText(text)
        elif field == "station":
            self.station.error.setText(text)
        else:
            self.error.setText(text)

    def done(self, result: int) -> None:
        self.runner.shutdown()
        super().done(result)
