"""What the Insights tab says about the codes utils.insights returns, in the person's
language: the trend's state, each summary column's meaning, an anomaly as a label and a value,
a recommendation as a sentence. Every literal is here for lupdate; a code newer than this
version is shown as is rather than hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from utils import insights

from gui.numbers import format_number

# lupdate collects translate("Context", "text"[, None, n]) under this short name too.
translate = QCoreApplication.translate


def number(value: float | None, digits: int = 2) -> str:
    """A figure in the user's notation (decimal comma in Portuguese); "—" for no value."""
    if value is None:
        return "—"
    return format_number(value, digits)


def signed(value: float | None) -> str:
    return "—" if value is None else ("+" if value > 0 else "") + number(value, 1)


def trend_label(status: str) -> str:
    return {"improving": translate("Insights", "improving"),
            "worsening": translate("Insights", "worsening"),
            "stable": translate("Insights", "stable"),
            insights.NOT_ENOUGH_DATA: translate("Insights", "not enough data")}[status]


def header_tip(column: str) -> str:
    tips = {"station": translate("Insights", "Site: every record of the period together"),
            "boxes": translate("Insights", "Records (boxes) in the period"),
            "score": translate("Insights", "Quality score: 100 − 10 × mean CAM, from 0 to 100"),
            "mean": translate("Insights", "Average of mean CAM-D and mean CAM-W"),
            "trend": translate("Insights", "Mean CAM of the second half of the records against the first; "
                             "within ±10 % is stable"),
            "worst_shift": translate("Insights", "Shift with the highest mean CAM (at least 3 boxes)"),
            "top_defect": translate("Insights", "Most frequent defect and its share of the rejections"),
            "anomalies": translate("Insights", "CAM above mean + 2σ, week over week rise above 30 %, "
                                 "a defect in 3 or more consecutive boxes")}
    return tips[column]


def anomaly_text(anomaly: insights.Anomaly) -> tuple[str, str]:
    """A short label and the value for the details tree."""
    p = anomaly.params
    if anomaly.kind == "cam_outlier":
        measure = translate("Insights", "CAM-D") if p["measure"] == "cam_d" else translate("Insights", "CAM-W")
        return (translate("Insights", "%1 > %2 (mean + 2σ)").replace("%1", measure)
                .replace("%2", number(p["threshold"])),
                translate("Insights", "%n box(es)", None, int(p["count"])))
    if anomaly.kind == "week_increase":
        return (translate("Insights", "Week of %1").replace("%1", p["week"]),
                translate("Insights", "%1 → %2 (%3 %)").replace("%1", number(p["previous"]))
                .replace("%2", number(p["current"])).replace("%3", signed(p["change_pct"])))
    return (translate("Insights", "%1 · %2 in a row").replace("%1", p["station"]).replace("%2", p["defect"]),
            translate("Insights", "%n box(es)", None, int(p["length"])))


def recommendation_text(recommendation: insights.Recommendation) -> str:
    """The sentence for a recommendation code (every literal here is for lupdate)."""
    p, code = recommendation.params, recommendation.code
    if code == "critical_band":
        return (translate("Insights", "Mean CAM %1 % is in the critical band (from %2 %): inspect the "
                        "machine and the process first.")
                .replace("%1", number(p["mean"])).replace("%2", number(p["limit"], 1)))
    if code == "week_increase":
        if p["change_pct"] is None:
            return (translate("Insights", "Week of %1: mean CAM rose from 0 to %2 %. Look for what changed "
                            "that week.").replace("%1", p["week"])
                    .replace("%2", number(p["current"])))
        return (translate("Insights", "Week of %1: mean CAM rose %2 % over the week before (%3 % → %4 %). "
                        "Look for what changed that week.").replace("%1", p["week"])
                .replace("%2", number(p["change_pct"], 0)).replace("%3", number(p["previous"]))
                .replace("%4", number(p["current"])))
    if code == "worsening_trend":
        return (translate("Insights", "Mean CAM rose %1 % from the first to the second half of the period "
                        "(%2 % → %3 %). Check recent changes of lot, material or settings.")
                .replace("%1", number(p["change_pct"], 0) if p["change_pct"] is not None
                         else "—").replace("%2", number(p["first"]))
                .replace("%3", number(p["second"])))
    if code == "repeated_defect":
        return (translate("Insights", "%1 in %2 consecutive boxes at station %3: check the tooling and "
                        "the settings for this defect.").replace("%1", p["defect"])
                .replace("%2", str(p["length"])).replace("%3", p["station"]))
    if code == "cam_outliers":
        return (translate("Insights", "Boxes with CAM above the mean + 2σ: %1. Review them.")
                .replace("%1", str(p["count"])))
    if code == "high_risk_defect":
        if p["location"] is None:
            return (translate("Insights", "%1 is in %2 % of the boxes: act on this defect first.")
                    .replace("%1", p["defect"]).replace("%2", number(p["frequency"], 0)))
        return (translate("Insights", "%1 is in %2 % of the boxes, mostly at %3: act on this defect first.")
                .replace("%1", p["defect"]).replace("%2", number(p["frequency"], 0))
                .replace("%3", p["location"]))
    if code == "worst_shift":
        return (translate("Insights", "Shift %1 has mean CAM %2 %, above the overall %3 %: review how "
                        "that shift works.").replace("%1", str(p["shift"]))
                .replace("%2", number(p["mean"])).replace("%3", number(p["overall"])))
    if code == "attention_band":
        return (translate("Insights", "Mean CAM %1 % is in the attention band (from %2 %): keep watching "
                        "this station.").replace("%1", number(p["mean"]))
                .replace("%2", number(p["limit"], 1)))
    if code == "no_action":
        return translate("Insights", "No rule fired: no action suggested.")
    return code  # a code newer than this window: shown as is rather than hidden


def runs_not_listed_text(count: int) -> str:
    """The line after the longest repeated-defect runs listed (insights_details.LISTED_RUNS)."""
    return translate("Insights", "%n shorter run(s) of a repeated defect, not listed", None,
                     count)


def runs_not_listed_label(count: int) -> str:
    """runs_not_listed_text, short enough for the details tree's first column."""
    return translate("Insights", "+ %n shorter run(s)", None, count)


def recommendations_not_listed_text(count: int) -> str:
    """The line after the recommendations of the longest runs listed."""
    return translate("Insights", "%n more recommendation(s) for shorter runs of a repeated "
                     "defect, not listed", None, count)
