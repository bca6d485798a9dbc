"""What the Fleet tab says about an alarm, in the person's language: the station, what is wrong
(not reporting, a metric, files refused, a journal held back) and how bad, and who acknowledged
it, when and why. Every literal is here for lupdate.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from gui.admin.spc_texts import alarm_text as spc_alarm_text
from utils.mes.spc_service import ALARM_PREFIX as SPC_ALARM
from utils.site.alarm_acks import Alarm  # (station, what: "state" or a metric, level)

# lupdate collects translate("Context", "text"[, None, n]) under this short name too.
translate = QCoreApplication.translate


def alarm_text(alarm: Alarm) -> str:
    station, what, level = alarm
    names = {"state": translate("Fleet", "not reporting"), "cpu": translate("Fleet", "CPU"),
             "memory": translate("Fleet", "memory"), "disk": translate("Fleet", "disk"),
             "files": translate("Fleet", "files refused on the share (forged, or not a member)"),
             "journal": translate("Fleet", "journal held back: the station's journal on the "
                                           "share goes on past this PC's chain (another copy of "
                                           "its database ran elsewhere)"),
             "waiting": translate("Fleet", "changes of records that no journal read so far "
                                           "made: not shown until the record is read")}
    levels = {"warning": translate("Fleet", "warning"), "critical": translate("Fleet", "critical")}
    # A chart out of control (issue 15's SPC) is an alarm of its station too.
    name = (spc_alarm_text(what.removeprefix(SPC_ALARM)) if what.startswith(SPC_ALARM)
            else names[what])
    return (translate("Fleet", "Station %1: %2 (%3)").replace("%1", station)
            .replace("%2", name).replace("%3", levels[level]))


def acknowledged_text(alarm: Alarm, user: str, note: str, when: str) -> str:
    """The alarm, who acknowledged it, when (site time, with the date unless today) and the
    note; the note is put in last, so a "%" typed in it is never taken for a placeholder."""
    return (translate("Fleet", "%1 · acknowledged by %2 at %3: %4")
            .replace("%1", alarm_text(alarm)).replace("%2", user)
            .replace("%3", when).replace("%4", note or "—"))
