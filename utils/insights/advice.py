"""Recommendations: plain rules over a station's figures, as codes with parameters that
the GUI words in the user's language. A repeated-defect run's own recommendation is made when
asked (figures.StationInsight.recommendations): a year's site has nineteen thousand runs."""

from __future__ import annotations

from config.catalog import QualityBands
from utils.insights.figures import (
    NOT_ENOUGH_DATA, TREND_THRESHOLD, Recommendation, StationInsight,
)


def recommend(insight: StationInsight, bands: QualityBands
              ) -> tuple[tuple[Recommendation, ...], int]:
    """Plain rules, most urgent first, but the runs' own; and where the runs' stand among
    them (one per run, made by figures.run_recommendation). Codes and parameters:

    - critical_band (mean, limit): mean CAM at or above the critical limit;
    - week_increase (week, previous, current, change_pct): per week_increase anomaly;
    - worsening_trend (first, second, change_pct);
    - repeated_defect (station, defect, length): per run (where the runs' stand);
    - cam_outliers (count): records above mean + 2 σ (in CAM-D, CAM-W or both) to review;
    - high_risk_defect (defect, frequency, location): per defect in the high risk band;
    - worst_shift (shift, mean, overall): the worst shift's mean CAM is more than 10 % above
      the overall mean;
    - attention_band (mean, limit): mean CAM in the attention band;
    - no_action (): data enough, no run and none of the above.
    """
    found: list[Recommendation] = []
    mean = insight.mean_cam
    if insight.band == "critical":
        found.append(Recommendation("critical_band", {"mean": mean.value, "limit": bands.attention},
                                    mean.rows))
    for anomaly in insight.found:
        if anomaly.kind == "week_increase":
            found.append(Recommendation("week_increase", dict(anomaly.params), anomaly.rows))
    if insight.trend.status == "worsening":
        found.append(Recommendation("worsening_trend", {
            "first": insight.trend.first.value, "second": insight.trend.second.value,
            "change_pct": insight.trend.change_pct}, insight.trend.rows))
    runs_at = len(found)
    outliers = [anomaly for anomaly in insight.found if anomaly.kind == "cam_outlier"]
    if outliers:
        found.append(Recommendation("cam_outliers", {"count": insight.outlier_boxes},
                                    tuple(q for a in outliers for q in a.rows)))
    for risk in insight.risks:
        if risk.band == "high":
            found.append(Recommendation("high_risk_defect", {
                "defect": risk.defect, "frequency": risk.frequency, "location": risk.location},
                risk.rows))
    worst = insight.worst_shift
    if (worst is not None and mean.value is not None and worst.mean is not None
            and worst.mean > mean.value * (1 + TREND_THRESHOLD)):
        found.append(Recommendation("worst_shift", {"shift": worst.shift, "mean": worst.mean,
                                                    "overall": mean.value}, worst.rows))
    if insight.band == "attention":
        found.append(Recommendation("attention_band", {"mean": mean.value, "limit": bands.good},
                                    mean.rows))
    if (not found and not insight.runs and mean.value is not None
            and insight.trend.status != NOT_ENOUGH_DATA):
        found.append(Recommendation("no_action", {}, insight.rows))
    return tuple(found), runs_at
