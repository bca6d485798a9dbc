"""The words of the OEE tab: its definitions (shown in the tab, so every number can be checked
by hand), column headers and the computation of one line, translated."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from utils.mes.oee import Oee

from gui.downtime_texts import duration_text, percent_text
from gui.numbers import format_number



def definitions() -> str:
    return QCoreApplication.translate("Oee", 
        "<b>Planned time</b>: the shift's length minus the planned breaks of the shift plan "
        "(up to now for the shift under way); a shift in which a station recorded no box and no "
        "stop was not planned for it. <b>Downtime</b>: the stops (no box for the catalog's "
        "minutes, or declared by the operator) without their planned-break parts. "
        "<b>Availability</b> = (planned − downtime) / planned. <b>Performance</b> = boxes × "
        "ideal time per box of their size (catalog) / run time. <b>Quality</b> = boxes without a "
        "rejection / boxes. <b>OEE</b> = availability × performance × quality. Totals are sums "
        "first, then ratios. Double-click a line for the stops and records behind it.")


def shift_headers() -> tuple[str, ...]:
    translate = QCoreApplication.translate
    return (translate("Oee", "Day"), translate("Oee", "Shift"), translate("Oee", "Station"),
            translate("Oee", "Planned"), translate("Oee", "Downtime"), translate("Oee", "Stops"),
            translate("Oee", "Boxes"), translate("Oee", "Good"),
            translate("Oee", "Availability"), translate("Oee", "Performance"),
            translate("Oee", "Quality"), translate("Oee", "OEE"))


def computation(figures: Oee) -> str:
    """One line's numbers and how they combine, as a person would check them by hand."""
    minutes = lambda seconds: format_number(seconds / 60, 1)  # noqa: E731
    lines = [
        QCoreApplication.translate("Oee", "Planned %1 min − downtime %2 min = run %3 min").replace(
            "%1", minutes(figures.planned_s)).replace("%2", minutes(figures.downtime_s))
        .replace("%3", minutes(figures.run_s)),
        QCoreApplication.translate("Oee", "Availability = %1 / %2 = %3").replace("%1", minutes(figures.run_s))
        .replace("%2", minutes(figures.planned_s)).replace("%3",
                                                           percent_text(figures.availability)),
        QCoreApplication.translate("Oee", "Performance = ideal %1 min / run %2 min = %3").replace(
            "%1", minutes(figures.ideal_s)).replace("%2", minutes(figures.run_s))
        .replace("%3", performance_cell(figures.performance)),
        *([over_ideal_tip()] if over_ideal(figures.performance) else []),
        QCoreApplication.translate("Oee", "Quality = %1 good / %2 boxes = %3").replace("%1", str(figures.good))
        .replace("%2", str(figures.boxes)).replace("%3", percent_text(figures.quality)),
        QCoreApplication.translate("Oee", "OEE = %1").replace("%1", percent_text(figures.oee)),
    ]
    return "\n".join(lines)


# Performance above 100 % is not a fast machine but an ideal rate set too low in the catalog:
# the number is kept, marked, and said why (review s19, item 23).
OVER_IDEAL_MARK = "⚠"


def over_ideal(performance: float | None) -> bool:
    return performance is not None and performance > 1.0


def performance_cell(performance: float | None) -> str:
    """A line's performance, marked when above 100 %."""
    text = percent_text(performance)
    return f"{text} {OVER_IDEAL_MARK}" if over_ideal(performance) else text


def over_ideal_tip() -> str:
    return QCoreApplication.translate(
        "Oee", "Above 100 %: the boxes came faster than the catalog's ideal rate for their "
        "size, so that rate is set too low (Catalog → Stops and OEE).")


def over_ideal_note(lines: int) -> str:
    """Under the period's total, when some lines show performance above 100 %."""
    return OVER_IDEAL_MARK + " " + QCoreApplication.translate(
        "Oee", "Performance above 100 % on %n line(s): the catalog's ideal rate for their "
        "sizes is set too low, so their performance and OEE read too high. Correct the ideal "
        "boxes / h in Catalog → Stops and OEE.", "", lines)


def hours_text(seconds: float) -> str:
    return duration_text(seconds)
