"""Recommendations: plain rules over a station's figures, as codes with parameters that
the GUI words in the user's language."""

from __future__ import annotations

from config.catalog import QualityBands
from utils.insights.figures import (
    NOT_ENOUGH_DATA, TREND_THRESHOLD, Recommendation, StationInsight,
)


class Advice:
    """`recommend` over every figure of one computation: a repeated-defect run is one anomaly
    shared by its station and the site (utils.insights.site_insights), and so is its
    recommendation, made once (a year's plant has tens of thousands of runs)."""

    def __init__(self, bands: QualityBands):
        self.bands = bands
        self._repeats: dict[int, Recommendation] = {}  # id of the run's anomaly: it lives on

    def recommend(self, insight: StationInsight) -> tuple[Recommendation, ...]:
        return recommend(insight, self.bands, self._repeats)

    def made(self, insight: StationInsight) -> None:
        """Take in the run recommendations of an insight made earlier (kept from the last
        computation: utils.insights.LiveInsights), so the site's figure shares them. Its
        runs' anomalies are alive as long as the insight is: their ids stay theirs."""
        runs = [a for a in insight.anomalies if a.kind == "repeated_defect"]
        made = [r for r in insight.recommendations if r.code == "repeated_defect"]
        if len(runs) != len(made):  # not one per run, in order: nothing shared (only memory)
            return
        for anomaly, recommendation in zip(runs, made):
            self._repeats.setdefault(id(anomaly), recommendation)


def recommend(insight: StationInsight, bands: QualityBands,
              repeats: dict[int, Recommendation] | None = None) -> tuple[Recommendation, ...]:
    """Plain rules, most urgent first (`repeats`: the repeated-defect recommendations already
    made, by id of their anomaly, reused). Codes and parameters:

    - critical_band (mean, limit): mean CAM at or above the critical limit;
    - week_increase (week, previous, current, change_pct): per week_increase anomaly;
    - worsening_trend (first, second, change_pct);
    - repeated_defect (station, defect, length): per run;
    - cam_outliers (count): records above mean + 2 σ (in CAM-D, CAM-W or both) to review;
    - high_risk_defect (defect, frequency, location): per defect in the high risk band;
    - worst_shift (shift, mean, overall): the worst shift's mean CAM is more than 10 % above
      the overall mean;
    - attention_band (mean, limit): mean CAM in the attention band;
    - no_action (): data enough and none of the above.
    """
    found: list[Recommendation] = []
    mean = insight.mean_cam
    if insight.band == "critical":
        found.append(Recommendation("critical_band", {"mean": mean.value, "limit": bands.attention},
                                    mean.rows))
    weeks, repeats_of, outliers = [], [], []
    for anomaly in insight.anomalies:  # the site's holds every run of the plant: one pass
        kind = anomaly.kind
        if kind == "repeated_defect":
            repeats_of.append(anomaly)
        elif kind == "week_increase":
            weeks.append(anomaly)
        elif kind == "cam_outlier":
            outliers.append(anomaly)
    for anomaly in weeks:
        found.append(Recommendation("week_increase", dict(anomaly.params), anomaly.rows))
    if insight.trend.status == "worsening":
        found.append(Recommendation("worsening_trend", {
            "first": insight.trend.first.value, "second": insight.trend.second.value,
            "change_pct": insight.trend.change_pct}, insight.trend.rows))
    made = {} if repeats is None else repeats
    for anomaly in repeats_of:
        known = made.get(id(anomaly))
        if known is None:  # the anomaly's own parameters and rows: both never changed
            known = made[id(anomaly)] = Recommendation("repeated_defect", anomaly.params,
                                                       anomaly.rows)
        found.append(known)
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
    if not found and mean.value is not None and insight.trend.status != NOT_ENOUGH_DATA:
        found.append(Recommendation("no_action", {}, insight.rows))
    return tuple(found)

