"""The period and station filters the dashboard and the insights tab share: a row of controls,
the station list read from the site view (stations with records) and where the chosen period
starts. Every period but "Everything" ends now and slides with the clock."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from utils.site.site_view import SiteView

from gui.admin.site_now import SiteNow


class RecordFilters(QWidget):
    changed = Signal()  # a filter changed, or "Refresh" was pressed

    def __init__(self, site: SiteNow, site_view: SiteView, parent: QWidget | None = None):
        super().__init__(parent)
        self.site = site
        self.site_view = site_view
        self.period = QComboBox()
        for days, text in ((1, self.tr("Last 24 hours")), (7, self.tr("Last 7 days")),
                           (30, self.tr("Last 30 days")), (0, self.tr("Everything"))):
            self.period.addItem(text, days)
        self.period.setCurrentIndex(3)
        self.station = QComboBox()
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.changed)
        self.period.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.station.currentIndexChanged.connect(lambda _index: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (QLabel(self.tr("Period")), self.period, QLabel(self.tr("Station")),
                       self.station, self.refresh_button):
            layout.addWidget(widget)

    @property
    def sliding(self) -> bool:
        """The period moves with the clock (the same records can give other figures)."""
        return bool(self.period.currentData())

    def start(self):
        """Where the chosen period starts (None: everything); it ends now."""
        days = self.period.currentData()
        return self.site.clock.now() - timedelta(days=days) if days else None

    def refill_stations(self) -> None:
        """The station list from the site view (stations with records)."""
        from data import view_repo

        with self.site_view.database.read() as connection:
            self._fill_stations(view_repo.record_stations(connection))

    def _fill_stations(self, stations: list[str]) -> None:
        fill_station_choice(self.station, stations, self.tr("all"))


def fill_station_choice(combo: QComboBox, stations: list[str], all_text: str) -> None:
    """"All" plus each station, keeping the current choice; no signal for a refill (the same
    choice stays), and nothing done when the list is unchanged."""
    current = combo.currentData()
    if [combo.itemData(i) for i in range(combo.count())] == [None, *stations]:
        return
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(all_text, None)
    for station in stations:
        combo.addItem(station, station)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)
