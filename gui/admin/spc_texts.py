"""The words of SPC on screen: rule names, signals, the baseline, capability and refusals,
translated (the core gives rule numbers and codes, never sentences for people)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from models.spc import Capability
from data.view_spc import Baseline

from gui.numbers import format_number



def measurement_text(measurement: str) -> str:
    return {"cam_d": "CAM-D %", "cam_w": "CAM-W %"}.get(measurement, measurement)


def rule_name(rule: int) -> str:
    """A Western Electric rule's short name, as flagged on the chart."""
    return {1: QCoreApplication.translate("Spc", "Rule 1: beyond 3σ"),
            2: QCoreApplication.translate("Spc", "Rule 2: 2 of 3 beyond 2σ, same side"),
            3: QCoreApplication.translate("Spc", "Rule 3: 4 of 5 beyond 1σ, same side"),
            4: QCoreApplication.translate("Spc", "Rule 4: 8 in a row on one side")}[rule]


def rules_text(rules) -> str:
    return "; ".join(rule_name(int(rule)) for rule in rules)


def number(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else format_number(value, digits)


def baseline_text(baseline: Baseline | None, when) -> str:
    """The limits in force and where they come from; `when` words a canonical UTC time."""
    if baseline is None:
        return QCoreApplication.translate("Spc", "No baseline frozen for this chart: the points are shown without control "
                   "limits and no rule is judged. An admin chooses a stable period and freezes "
                   "its limits (Freeze baseline…).")
    limits = baseline.limits
    return (QCoreApplication.translate("Spc", "Limits frozen by %1 at %2 from %3 points (%4 to %5): centre %6, UCL %7, "
                "LCL %8, σ %9, moving-range UCL %10. Reason: %11")
            .replace("%10", number(limits.mr_ucl)).replace("%11", baseline.reason or "—")
            .replace("%1", baseline.frozen_by or "—").replace("%2", when(baseline.frozen_at))
            .replace("%3", str(limits.n)).replace("%4", when(baseline.start))
            .replace("%5", when(baseline.end)).replace("%6", number(limits.mean))
            .replace("%7", number(limits.ucl)).replace("%8", number(limits.lcl))
            .replace("%9", number(limits.sigma)))


def capability_text(result: Capability | None, has_baseline: bool, minimum: int) -> str:
    if not has_baseline:
        return QCoreApplication.translate("Spc", "Cp/Cpk: freeze a baseline first (they use its mean and σ).")
    if result is None:
        return QCoreApplication.translate("Spc", "Cp/Cpk: no specification limits for this size and measurement in the site "
                   "catalog (Settings).")
    text = (QCoreApplication.translate("Spc", "Cp %1 · Cpk %2 (n = %3 baseline points)").replace("%1", number(result.cp, 2))
            .replace("%2", number(result.cpk, 2)).replace("%3", str(result.n)))
    if result.too_small:
        text += " · " + QCoreApplication.translate("Spc", "too few points (fewer than %1): do not accept or reject the process "
                            "on these figures").replace("%1", str(minimum))
    return text


def refusal_text(code: str, n: int, minimum: int) -> str:
    if code == "too_few":
        return (QCoreApplication.translate("Spc", "This period holds %1 points of the chart; at least %2 are needed for "
                    "limits. Nothing was frozen: choose a longer period.")
                .replace("%1", str(n)).replace("%2", str(minimum)))
    return QCoreApplication.translate("Spc", "The values of this period never change, so they give no spread to set limits "
               "from. Nothing was frozen: choose another period.")


def alarm_text(measurement: str) -> str:
    """The fleet alarm's words for a chart out of control."""
    return (QCoreApplication.translate("Spc", "%1 out of control (SPC tab)")
            .replace("%1", measurement_text(measurement).removesuffix(" %")))
