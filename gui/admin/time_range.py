"""Date-and-time filters in the site's time zone, in 5-minute steps (what the old dashboard
offered, and what every PC of a site agrees on)."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QDateTime, QTimeZone
from PySide6.QtWidgets import QDateTimeEdit

STEP_MINUTES = 5
STEP_SECONDS = STEP_MINUTES * 60


def _on_grid(seconds: int) -> int:
    """Round down to the step. Every UTC offset in use is a whole multiple of 5 minutes, so
    the epoch grid is also the local-time grid the person sees."""
    return seconds - seconds % STEP_SECONDS


class FiveMinuteEdit(QDateTimeEdit):
    """A date-time edit whose minutes move by 5 (arrows, wheel, Page keys) and whose typed
    values are put on the 5-minute grid when editing ends, so what it shows is what is used."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.editingFinished.connect(self.snap)

    def stepBy(self, steps: int) -> None:  # noqa: N802 (Qt's name)
        if self.currentSection() != QDateTimeEdit.Section.MinuteSection:
            super().stepBy(steps)
            return
        # Moving the whole moment (not the minute field alone) carries 09:55 over to 10:00.
        seconds = _on_grid(self.dateTime().toSecsSinceEpoch()) + steps * STEP_SECONDS
        self.setDateTime(QDateTime.fromSecsSinceEpoch(seconds, self.timeZone()))

    def stepEnabled(self) -> QDateTimeEdit.StepEnabledFlag:  # noqa: N802 (Qt's name)
        # The base class stops the minute field at 0 and 59; stepping here crosses the hour.
        if self.currentSection() == QDateTimeEdit.Section.MinuteSection:
            return (QDateTimeEdit.StepEnabledFlag.StepUpEnabled
                    | QDateTimeEdit.StepEnabledFlag.StepDownEnabled)
        return super().stepEnabled()

    def snap(self) -> None:
        seconds = self.dateTime().toSecsSinceEpoch()
        if seconds != _on_grid(seconds):
            self.setDateTime(QDateTime.fromSecsSinceEpoch(_on_grid(seconds), self.timeZone()))


def five_minute_edit(zone_name: str, moment: datetime) -> QDateTimeEdit:
    edit = FiveMinuteEdit()
    edit.setTimeZone(QTimeZone(zone_name.encode()))
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setCalendarPopup(True)
    set_moment(edit, zone_name, moment)
    return edit


def set_moment(edit: QDateTimeEdit, zone_name: str, moment: datetime) -> None:
    """Show `moment` rounded down to the 5-minute step."""
    edit.setDateTime(QDateTime.fromSecsSinceEpoch(_on_grid(int(moment.timestamp())),
                                                  QTimeZone(zone_name.encode())))


def moment_of(edit: QDateTimeEdit) -> datetime:
    """The moment shown, on the 5-minute grid even if editing has not ended yet (a filter
    applied with Enter while the field still has focus)."""
    seconds = _on_grid(edit.dateTime().toSecsSinceEpoch())
    return datetime.fromtimestamp(seconds, timezone.utc)
