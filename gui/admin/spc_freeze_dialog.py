"""Freeze a chart's control limits: the admin chooses a stable period (site time, 5-minute
steps), sees the limits it gives, and freezes them with a reason (audited by the service,
utils/mes/spc_service.py; refused there too for any role but admin)."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from config.spc import SpcSettings
from models.spc import BaselineRefused, Limits
from models.validation import MIN_REASON_LENGTH, ValidationFailed
from utils.auth import Session
from utils.changes import Changes
from utils.mes import spc_service
from utils.permissions import PermissionDenied
from utils.site.site_view import SiteView
from utils.trust.person_documents import NoSigningKey

from gui.admin.spc_texts import measurement_text, number, refusal_text
from gui.admin.time_range import five_minute_edit, moment_of
from gui.labels import wrapped_label
from gui.theme import TOUCH_MIN_PX


class FreezeDialog(QDialog):
    def __init__(self, timezone: str, view: SiteView, changes: Changes, session: Session,
                 settings: SpcSettings, chart: tuple[str, str, str], start: datetime,
                 end: datetime, parent: QWidget | None = None):
        super().__init__(parent)
        self.view, self.changes = view, changes
        self.session, self.settings, self.chart = session, settings, chart
        self.frozen: Limits | None = None
        station, size, measurement = chart
        self.setObjectName("spcFreezeDialog")
        self.setWindowTitle(self.tr("Freeze control limits"))
        self.setMinimumWidth(560)
        intro = QLabel(self.tr("Station %1, size %2, %3: choose a period when the process ran "
                               "as it should. Its points give the chart's centre line and "
                               "limits until a new baseline is frozen; every PC of the site "
                               "judges the points against them.")
                       .replace("%1", station).replace("%2", size)
                       .replace("%3", measurement_text(measurement)))
        intro.setWordWrap(True)
        self.start = five_minute_edit(timezone, start)
        self.end = five_minute_edit(timezone, end + timedelta(minutes=5))
        self.reason = QLineEdit()
        self.reason.setObjectName("spcFreezeReason")
        self.reason.setPlaceholderText(self.tr("Why this period is a stable baseline"))
        for field in (self.start, self.end, self.reason):
            field.setMinimumHeight(TOUCH_MIN_PX)
        self.preview = wrapped_label("spcFreezePreview")
        self.error = wrapped_label("spcFreezeError")
        self.error.setStyleSheet("color: #c62828")
        form = QFormLayout()
        form.addRow(self.tr("From"), self.start)
        form.addRow(self.tr("To"), self.end)
        form.addRow(self.tr("Reason"), self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.freeze_button = self.buttons.addButton(self.tr("Freeze limits"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.freeze_button.setObjectName("spcFreezeButton")
        self.buttons.accepted.connect(self.freeze)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.start.dateTimeChanged.connect(self.update_preview)
        self.end.dateTimeChanged.connect(self.update_preview)
        self.update_preview()

    def update_preview(self, *_args) -> None:
        """The limits the period would give, or why it cannot give any."""
        try:
            limits = spc_service.preview(self.view, self.settings, *self.chart,
                                         moment_of(self.start), moment_of(self.end))
        except BaselineRefused as refused:
            self.preview.setText(refusal_text(refused.code, refused.n,
                                              self.settings.min_baseline_points))
            self.freeze_button.setEnabled(False)
            return
        self.preview.setText(self.tr("%1 points: centre %2, UCL %3, LCL %4, moving-range UCL %5")
                             .replace("%1", str(limits.n)).replace("%2", number(limits.mean))
                             .replace("%3", number(limits.ucl)).replace("%4", number(limits.lcl))
                             .replace("%5", number(limits.mr_ucl)))
        self.freeze_button.setEnabled(True)

    def freeze(self) -> bool:
        try:
            self.frozen = spc_service.freeze(
                self.changes, self.session, self.view, self.settings, *self.chart,
                moment_of(self.start), moment_of(self.end), self.reason.text())
        except PermissionDenied:
            self.error.setText(self.tr("Only an admin may freeze control limits. Nothing was "
                                       "frozen; the attempt is in the audit trail."))
            return False
        except ValidationFailed:
            self.error.setText(self.tr("Give a reason of at least %1 characters. Nothing was "
                                       "frozen yet.").replace("%1", str(MIN_REASON_LENGTH)))
            return False
        except BaselineRefused as refused:
            self.error.setText(refusal_text(refused.code, refused.n,
                                            self.settings.min_baseline_points))
            return False
        except NoSigningKey:
            self.error.setText(self.tr("Your signing key is not open on this PC: log in again "
                                       "(if it persists, an admin resets your password). "
                                       "Nothing was frozen."))
            return False
        self.accept()
        return True
