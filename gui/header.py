"""The station window's header: station, size, lot and box, user and role, share status and
clock, in large type readable from a few steps away. Its times are the site's (the clock that
shifts and records follow), labelled with the site's zone when this PC's own zone differs.

The share status is asked for every second (the sync service keeps the time of its last
successful sync; it only calls back when the share goes or comes back): when this PC last
reached the share, how long ago that is once it is more than a few heartbeats, and how many of
this PC's changes are still waiting to reach it. When that count cannot be had (this PC's
database went away with its disk), the header says so and keeps ticking: one log line, never
an error box a second.

The lot and box are what the operator checks most: on a narrow screen (1366 px, Portuguese)
they are never cut. The user's name gives up width first, then the share status, each cut
with "…" and whole in its tooltip (`_give_way`).

The office PC of a demo (`shopfloor demo`) says so under its name, in every window: an amber
"DEMO · synthetic data", so nobody takes its figures for a real plant's."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from models.lot import Lot
from utils.auth import Session
from utils.context import AppContext
from utils.site.share_health import ShareState

from gui.eliding_label import ElidingLabel
from gui.i18n import coded_text
from gui.periodic_failure import PeriodicFailure
from gui.site_time import site_text, with_zone, zone_note
from gui.station_controller import PendingUnknown
from gui.theme import ERROR_COLOR, HEADER_OK_COLOR, HEADER_WARN_COLOR

log = logging.getLogger(__name__)

# The demo marker's text: dark on amber (the header's own dark, on its warning colour).
DEMO_TEXT_COLOR = "#263238"

# Behind: no successful sync for this many status intervals (and at least this long).
BEHIND_INTERVALS = 3
BEHIND_MIN_S = 5.0

# The lot and box are never cut below this width: a lot code of 40 wide letters may be cut
# rather than push the window past the screen (a real code and its box take ~350 px).
LOT_MIN_MAX_PX = 560
# Qt's "no maximum" (QWIDGETSIZE_MAX).
NO_MAXIMUM = 16777215


class StationHeader(QFrame):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, office: bool = False):
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
        # The user and the share status give up width, in that order, so the window fits a
        # 1280 px screen in any language (the whole text is in their tooltips); the lot and
        # box never do (see _give_way).
        self.lot = ElidingLabel()
        self.lot.setObjectName("headerLot")
        self.lot.setStyleSheet("font-size: 20px;")
        self.user = ElidingLabel()
        self.share = ElidingLabel()
        self.share.setObjectName("headerShare")
        self.clock = QLabel()
        self.clock.setStyleSheet("font-size: 20px;")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(24)
        # Only an office PC can be a demo's (its stations are simulated, with no window): a
        # production station does not ask.
        self.demo = self._demo_marker() if office else None
        for widget in (self._name(), self.size, self.lot, self.user):
            layout.addWidget(widget)
        # An office PC has no machine: no size, no lot.
        self.size.setVisible(not office)
        self.lot.setVisible(not office)
        layout.addStretch(1)
        layout.addWidget(self.share)
        layout.addWidget(self.clock)
        self._layout = layout
        self._share_state: ShareState | None = None
        self._state_source: Callable[[], ShareState | None] | None = None
        self._pending_source: Callable[[], int | PendingUnknown | None] | None = None
        self._tick_failure = PeriodicFailure(
            log, "The header's share status", "shown as unknown, tried again every second")
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(1000)
        self._tick()
        self.set_lot(None)
        self.set_user(None)
        self.set_share(None)

    def _name(self) -> QWidget:
        """The PC's name; a demo's mark under it, in the header's height and the name's width
        (beside it, the user and the share status gave up width on a 1366 px screen)."""
        if self.demo is None:
            return self.station
        name = QWidget()
        column = QVBoxLayout(name)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.station)
        column.addWidget(self.demo, 0, Qt.AlignmentFlag.AlignLeft)
        return name

    def _demo_marker(self) -> QLabel | None:
        """The demo's mark, when this home is one (from this PC's own database: the share is
        anyone's to write)."""
        if self.ctx.demo_name is None:
            return None
        label = QLabel(self.tr("DEMO · synthetic data"))
        label.setObjectName("headerDemo")
        label.setToolTip(self.tr("A demo plant made by \"shopfloor demo\": its stations are "
                                 "simulated, and nothing in it (records, stops, figures) is a "
                                 "real plant's."))
        label.setAccessibleName(label.text())
        label.setAccessibleDescription(label.toolTip())
        label.setStyleSheet(f"background: {HEADER_WARN_COLOR}; color: {DEMO_TEXT_COLOR}; "
                            "font-size: 13px; font-weight: bold; padding: 1px 8px; "
                            "border-radius: 4px;")
        label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # never squeezed
        return label

    def add_button(self, button: QWidget) -> None:
        """A button at the header's right end (the office PC's Log out)."""
        self._layout.addWidget(button)

    def _hm(self, moment: datetime | None) -> str:
        return "" if moment is None else site_text(self.ctx, moment, "%H:%M")

    def set_share_source(self, state: Callable[[], ShareState | None],
                         pending: Callable[[], int | PendingUnknown | None]) -> None:
        """Where the share status comes from, asked on every tick."""
        self._state_source, self._pending_source = state, pending

    def _tick(self) -> None:
        """Every second. A timer's error would reach the app's error box once a second, so
        one that slips through is logged once and the share status said unknown; the next
        tick tries again."""
        now = self.ctx.clock.now()
        self.clock.setText(with_zone(site_text(self.ctx, now, "%H:%M:%S"),
                                     zone_note(self.ctx, now)))
        if self._state_source is None:
            return
        try:
            self.set_share(self._state_source())
        except Exception as exc:  # noqa: BLE001 (any error: never a dialog per second)
            self._tick_failure.failed(exc)
            self.share.setText(self.tr("Share status unknown"))
            self.share.setStyleSheet(f"color: {HEADER_WARN_COLOR};")
            self._give_way()
            return
        self._tick_failure.worked()

    def set_size(self, size: str | None) -> None:
        self.size.setText(self.tr("Size %1").replace("%1", size) if size else self.tr("Size: —"))
        self._give_way()

    def set_lot(self, lot: Lot | None) -> None:
        if lot is None:
            self.lot.setText(self.tr("No lot set"))
        elif lot.is_complete:
            self.lot.setText(self.tr("Lot %1 complete (%n box(es))", "", lot.total_boxes)
                             .replace("%1", lot.code))
        else:
            self.lot.setText(self.tr("Lot %1 · box %2/%3").replace("%1", lot.code)
                             .replace("%2", str(lot.current_box)).replace("%3", str(lot.total_boxes)))
        # Never cut: its whole text is its least width (in its own, larger font).
        self.lot.ensurePolished()
        self.lot.setMinimumWidth(min(self.lot.sizeHint().width(), LOT_MIN_MAX_PX))
        self._give_way()

    def set_user(self, session: Session | None) -> None:
        self.user.setText("" if session is None else
                          f"{session.full_name} ({role_name(self, str(session.role))})")
        self._give_way()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._give_way()

    def _give_way(self) -> None:
        """When the row is narrower than its texts, the user's name gives up width first, down
        to its least; the layout then shrinks the share status (the only other label that
        may shrink: the lot's least width is its whole text). Qt's layout alone would shrink
        all of them together."""
        full = self.user.sizeHint().width()
        shown = min(full, self.user.maximumWidth())
        # The row's width with the name whole: the layout's own sum (margins and spacing too).
        over = self._layout.sizeHint().width() - shown + full - self.width()
        width = NO_MAXIMUM if over <= 0 else max(self.user.minimumSizeHint().width(),
                                                 full - over)
        if width != self.user.maximumWidth():
            self.user.setMaximumWidth(width)
            # Laid out again now: the layout already placed its widgets for this size, with
            # the old cap, before this widget's resizeEvent.
            self._layout.activate()

    def _age(self, seconds: float) -> str:
        """How long ago, said the short way: 40 s, 12 min, 3 h."""
        if seconds < 90:
            return self.tr("%1 s").replace("%1", str(int(seconds)))
        if seconds < 90 * 60:
            return self.tr("%1 min").replace("%1", str(int(seconds // 60)))
        return self.tr("%1 h").replace("%1", str(int(seconds // 3600)))

    def set_share(self, state: ShareState | None) -> None:
        self._share_state = state
        if state is None:
            self.share.setText(self.tr("Not in a site"))
            self.share.setStyleSheet("")
            self._give_way()
            return
        now = self.ctx.clock.now()
        parts: list[str] = []
        age = None if state.last_sync is None else (now - state.last_sync).total_seconds()
        behind_after = max(BEHIND_INTERVALS * self.ctx.settings.status_interval_ms / 1000,
                           BEHIND_MIN_S)
        behind = age is not None and age > behind_after
        if not state.online:
            parts.append(self.tr("Share offline since %1 · saving on this PC")
                         .replace("%1", self._hm(state.since)))
        elif state.last_sync is None:
            parts.append(self.tr("Share: connecting…"))
        elif behind:
            parts.append(self.tr("Share online · last sync %1").replace(
                "%1", self._hm(state.last_sync)))
        else:
            parts.append(self.tr("Share online · synced %1").replace(
                "%1", site_text(self.ctx, state.last_sync, "%H:%M:%S")))
        if behind and age is not None:
            parts.append(self.tr("%1 behind").replace("%1", self._age(age)))
        pending = self._pending_source() if self._pending_source is not None else None
        unreadable = pending is PendingUnknown.DATABASE
        if pending and not unreadable:
            parts.append(self.tr("%n change(s) waiting", "", pending))
        refusal = state.refusal is not None  # why: in the window's notice below the header
        if refusal:
            parts = [self.tr("Not syncing"), self.tr("saving on this PC")]
        elif state.journal_held:
            parts.append(self.tr("records held on this PC (the station's journal on the "
                                 "share goes on past this PC's chain)"))
        if unreadable:  # nothing is saved meanwhile: no "saving on this PC", no count
            parts = [self.tr("This PC's database cannot be read"),
                     self.tr("changes waiting unknown")]
        self.share.setText(" · ".join(parts))
        self.share.setToolTip(self.share.text())  # whole, where the header is narrow
        if not state.online or refusal or unreadable:
            self.share.setStyleSheet(f"background: {ERROR_COLOR}; padding: 4px;")
        elif behind or state.last_sync is None or state.journal_held:
            self.share.setStyleSheet(f"color: {HEADER_WARN_COLOR};")
        else:
            self.share.setStyleSheet(f"color: {HEADER_OK_COLOR};")
        self._give_way()


def role_name(widget: QWidget | None, role: str) -> str:
    names = {"operator": QCoreApplication.translate("Roles", "operator"),
             "analyst": QCoreApplication.translate("Roles", "analyst"),
             "supervisor": QCoreApplication.translate("Roles", "supervisor"),
             "quality": QCoreApplication.translate("Roles", "quality"),
             "admin": QCoreApplication.translate("Roles", "admin"),
             # The program itself (utils/audit/chain.py Actor.system): no person acted.
             "system": QCoreApplication.translate("Roles", "system")}
    return coded_text(role, names)
