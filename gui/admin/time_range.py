"""Date-and-time filters in the site's time zone, in 5-minute steps (what the old dashboard
offered, and what every PC of a site agrees on)."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QDateTime, QTimeZone
from PySide6.QtWidgets import QDateTimeEdit

STEP_MINUTES = 5


def five_minute_edit(zone_name: str, moment: datetime) -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setTimeZone(QTimeZone(zone_name.encode()))
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setCalendarPopup(True)
    set_moment(edit, zone_name, moment)
    return edit


def set_moment(edit: QDateTimeEdit, zone_name: str, moment: datetime) -> None:
    """Show `moment` rounded down to the 5-minute step."""
    minute = moment.minute - moment.minute % STEP_MINUTES
    rounded = moment.replace(minute=minute, second=0, microsecond=0)
    edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(rounded.timestamp()),
                                                  QTimeZone(zone_name.encode())))


def moment_of(edit: QDateTimeEdit) -> datetime:
    return datetime.fromtimestamp(edit.dateTime().toSecsSinceEpoch(), timezone.utc)
