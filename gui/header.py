"""The station window's header: station, size, lot and box, user and role, share status and
clock, in large type readable from a few steps away. Its times are the site's (the clock that
shifts and records follow), labelled with the site's zone when this PC's own zone differs."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from models.lot import Lot
from utils.auth import Session
from utils.site.station_sync import ShareState

from gui.site_time import site_text, with_zone, zone_note
from gui.theme import ERROR_COLOR, HEADER_OK_COLOR


class StationHeader(QFrame):
    def __init__(self, ctx, parent: QWidget | None = None, *, office: bool = False):
        """`ctx`: the AppContext (its clock, station id and the site's zone)."""
        super().__init__(parent)
        self.setObjectName("header")
        self.ctx = ctx
        station_id = ctx.station_id
        self.office = office
        self.station = QLabel(self.tr("Office PC %1").replace("%1", station_id) if office
                              else self.tr("Station %1").replace("%1", station_id))
        self.station.setStyleSheet("font-size: 22px; font-weight: bold;")
        self.size = QLabel()
        self.lot = QLabel()
        self.lot.setObjectName("headerLot")
        self.lot.setStyleSheet("font-size: 20px;")
        self.user = QLabel()
        self.share = QLabel()
        self.share.setObjectName("headerShare")
        self.clock = QLabel()
        self.clock.setStyleSheet("font-size: 20px;")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(24)
        for widget in (self.station, self.size, self.lot, self.user):
            layout.addWidget(widget)
        # An office PC has no machine: no size, no lot.
        self.size.setVisible(not office)
        self.lot.setVisible(not office)
        layout.addStretch(1)
        layout.addWidget(self.share)
        layout.addWidget(self.clock)
        self._layout = layout
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(1000)
        self._tick()
        self.set_lot(None)
        self.set_user(None)
        self.set_share(None)

    def add_button(self, button: QWidget) -> None:
        """A button at the header's right end (the office PC's Log out)."""
        self._layout.addWidget(button)

    def _hm(self, moment: datetime | None) -> str:
        return "" if moment is None else site_text(self.ctx, moment, "%H:%M")

    def _tick(self) -> None:
        now = self.ctx.clock.now()
        self.clock.setText(with_zone(site_text(self.ctx, now, "%H:%M:%S"), zone_note(self.ctx, now)))

    def set_size(self, size: str | None) -> None:
        self.size.setText(self.tr("Size %1").replace("%1", size) if size else self.tr("Size: —"))

    def set_lot(self, lot: Lot | None) -> None:
        if lot is None:
            self.lot.setText(self.tr("No lot set"))
        elif lot.is_complete:
            self.lot.setText(self.tr("Lot %1 complete (%2 boxes)").replace("%1", lot.code)
                             .replace("%2", str(lot.total_boxes)))
        else:
            self.lot.setText(self.tr("Lot %1 · box %2/%3").replace("%1", lot.code)
                             .replace("%2", str(lot.current_box)).replace("%3", str(lot.total_boxes)))

    def set_user(self, session: Session | None) -> None:
        self.user.setText("" if session is None else
                          f"{session.full_name} ({role_name(self, str(session.role))})")

    def set_share(self, state: ShareState | None) -> None:
        if state is None:
            self.share.setText(self.tr("Not in a site"))
            self.share.setStyleSheet("")
        elif state.online:
            self.share.setText(self.tr("Share online · last sync %1").replace("%1", self._hm(state.last_sync)))
            self.share.setStyleSheet(f"color: {HEADER_OK_COLOR};")
        else:
            self.share.setText(self.tr("Share offline since %1 · saving on this PC")
                               .replace("%1", self._hm(state.since)))
            self.share.setStyleSheet(f"background: {ERROR_COLOR}; padding: 4px;")


def role_name(widget: QWidget | None, role: str) -> str:
    names = {"operator": QCoreApplication.translate("Roles", "operator"),
             "analyst": QCoreApplication.translate("Roles", "analyst"),
             "supervisor": QCoreApplication.translate("Roles", "supervisor"),
             "admin": QCoreApplication.translate("Roles", "admin")}
    return names.get(role, role)
