"""The line every site tab shows to say how current it is: live (every station's journal read
at HH:MM:SS), catching up ("showing data up to HH:MM, catching up: 40 %"), the share away
(since when, and what the PC still shows), a station whose journal is broken, and whether the
tab's own range is fixed. No tab shows older data than the PC holds without saying so."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QLabel, QWidget

from utils.site.view_follower import Phase, ViewState

from gui.theme import ERROR_COLOR, OK_COLOR, WARN_COLOR
from gui.verify_texts import kind_texts


class ViewStatus(QLabel):
    def __init__(self, bridge, zone_name: str, clock, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("viewStatus")
        self.setWordWrap(True)
        self.zone = ZoneInfo(zone_name)
        self.clock = clock
        self.fixed_until: datetime | None = None  # the tab's range ends here (not live)
        self._state = bridge.state() if bridge is not None else ViewState(has_share=False)
        if bridge is not None:
            bridge.state_changed.connect(self.show_state)
        self.show_state(self._state)

    def set_fixed_until(self, moment: datetime | None) -> None:
        """The tab's own range: None when it follows the clock."""
        self.fixed_until = moment
        self.show_state(self._state)

    def show_state(self, state: ViewState) -> None:
        self._state = state
        text, color = self.describe(state)
        if self.fixed_until is not None:
            text += " · " + self.tr("fixed range: nothing after %1 is shown").replace(
                "%1", self._when(self.fixed_until))
        self.setText(text)
        self.setStyleSheet(f"color: {color};")

    def describe(self, state: ViewState) -> tuple[str, str]:
        if not state.has_share:
            return self.tr("This PC is not in a site: its own records only"), WARN_COLOR
        if state.phase == Phase.CATCHING_UP:
            percent = f"{100 * (state.progress or 0.0):.0f}"
            if state.complete_up_to is None:
                text = self.tr("Reading the stations' journals: %1 %").replace("%1", percent)
            else:
                text = (self.tr("Showing data up to %1, catching up: %2 %")
                        .replace("%1", self._when(state.complete_up_to)).replace("%2", percent))
            color = WARN_COLOR
        elif state.phase == Phase.OFFLINE and state.refused:
            text = (self.tr("The stations' folder of the shared folder (%1) was refused: it is "
                            "not a plain folder (a link, or a file). Showing what this PC holds "
                            "(journals last read at %2); ask whoever looks after the shared "
                            "folder to put it right")
                    .replace("%1", state.refused).replace("%2", self._when(state.checked_at)))
            color = ERROR_COLOR
        elif state.phase == Phase.OFFLINE:
            text = (self.tr("Shared folder unreachable since %1: showing what this PC holds "
                            "(journals last read at %2)")
                    .replace("%1", self._when(state.offline_since))
                    .replace("%2", self._when(state.checked_at)))
            color = ERROR_COLOR
        elif state.phase == Phase.FOLLOWING:
            text = self.tr("Live: every station's journal read at %1").replace(
                "%1", self._when(state.checked_at, seconds=True))
            color = OK_COLOR
        else:
            text = self.tr("Not following the stations now: showing what this PC holds")
            color = WARN_COLOR
        if state.broken:
            first = state.broken[0]
            text += " · " + (self.tr("journal of station %1 broken at event %2 (%3): nothing "
                                     "after it is shown")
                             .replace("%1", first.station).replace("%2", str(first.seq))
                             .replace("%3", kind_texts().get(first.kind, (first.kind, ""))[0]))
            if len(state.broken) > 1:
                text += " " + self.tr("(and %1 more)").replace("%1", str(len(state.broken) - 1))
            color = ERROR_COLOR
        return text, color

    def _when(self, moment: datetime | None, *, seconds: bool = False) -> str:
        if moment is None:
            return "—"
        local = moment.astimezone(self.zone)
        today = self.clock.now().astimezone(self.zone).date()
        time_text = local.strftime("%H:%M:%S" if seconds else "%H:%M")
        return time_text if local.date() == today else f"{local:%Y-%m-%d} {time_text}"
