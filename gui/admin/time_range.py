"""Date-and-time filters in the site's time zone, in 5-minute steps (what the old dashboard
offered, and what every PC of a site agrees on), and the range control of the site tabs: from
a moment "until now", following the clock, unless a fixed end is chosen explicitly."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QDateTime, QTimer, QTimeZone, Signal
from PySide6.QtWidgets import QCheckBox, QDateTimeEdit, QHBoxLayout, QLabel, QWidget

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


def read_zone(zone_name: str) -> None:
    """Qt's data for the zone read now, on any thread (no widget): the first QTimeZone of a
    process reads and parses the zone's file, 15-35 ms that a range's first fields then
    spend on the GUI thread (the Audit tab made in steps calls this on a task's thread)."""
    QTimeZone(zone_name.encode())


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


CLOCK_TICK_MS = 30_000  # how often a live range's "to" field shows the clock again


class LiveRange(QWidget):
    """From [moment] to [moment] [x] until now. Live (the default) the range has no end: it
    follows the clock, and the "to" field shows the time, greyed; unticked, the end is the
    moment chosen, and the tab says so."""

    changed = Signal()  # "until now" ticked or unticked

    def __init__(self, zone_name: str, clock, start: datetime, parent: QWidget | None = None):
        super().__init__(parent)
        self.zone_name = zone_name
        self.clock = clock
        self.start = five_minute_edit(zone_name, start)
        self.end = five_minute_edit(zone_name, clock.now())
        self.live = QCheckBox(self.tr("until now"))
        self.live.setObjectName("untilNow")
        self.live.setToolTip(self.tr("The range follows the clock: what arrives is shown. Untick "
                                     "to choose a fixed end."))
        self.live.setChecked(True)
        self.live.toggled.connect(self._toggled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (QLabel(self.tr("from")), self.start, QLabel(self.tr("to")), self.end,
                       self.live):
            layout.addWidget(widget)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.show_clock)
        self._timer.start(CLOCK_TICK_MS)
        self._toggled(True)

    @property
    def is_live(self) -> bool:
        return self.live.isChecked()

    def bounds(self) -> tuple[datetime, datetime | None]:
        """(start, end): end None while live."""
        return moment_of(self.start), None if self.is_live else moment_of(self.end)

    def fixed_until(self) -> datetime | None:
        return None if self.is_live else moment_of(self.end)

    def set_range(self, start: datetime, end: datetime | None) -> None:
        """Show [start, end) as a fixed range (end None: live from start)."""
        set_moment(self.start, self.zone_name, start)
        if end is not None:
            set_moment(self.end, self.zone_name, end)
        self.live.setChecked(end is None)

    def show_clock(self) -> None:
        if self.is_live:
            set_moment(self.end, self.zone_name, self.clock.now())

    def stop(self) -> None:
        self._timer.stop()

    def _toggled(self, live: bool) -> None:
        self.end.setEnabled(not live)
        self.show_clock()
        self.changed.emit()
