"""Choosing a time zone: a list of the tz database's names that also takes typing (a few
letters of the city find it), and this PC's own zone as Qt reports it (on Windows Qt maps the
system's zone names to the IANA ones the site catalog keeps)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimeZone
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from utils.timezones import pc_zone_name, valid_zone, zone_names


def this_pc_zone(fallback: str = "UTC") -> str:
    """This PC's zone by its IANA name: Qt's answer, the system files', or `fallback`."""
    qt_name = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")
    if valid_zone(qt_name):
        return qt_name
    return pc_zone_name() or fallback


class ZoneField(QComboBox):
    """One of the tz database's zones; `zone()` is None while the text names none."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItems(list(zone_names()))
        self.setMaxVisibleItems(15)
        completer = QCompleter(list(zone_names()), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # "paulo" finds America/Sao_Paulo
        self.setCompleter(completer)
        self.setMinimumWidth(280)

    def set_zone(self, zone: str) -> None:
        self.setCurrentText(zone)

    def zone(self) -> str | None:
        text = self.currentText().strip()
        return text if valid_zone(text) else None
