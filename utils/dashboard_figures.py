"""Production statistics for the dashboard (pandas): Top-5 defects, Pareto with the 80 % line,
mean CAM-D / CAM-W per station ranked by the quality bands, production per hour and per shift.

Plain functions of a DataFrame of record rows (the columns of `record_versions`), so each number
can be traced back to the rows it came from and tested against a hand computation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable

import pandas as pd

from config.catalog import NO_REJECTION, QualityBands
from data import view_repo
from data.records_repo import RecordFilter
from models.canonical import parse_utc
from models.shifts import shift_of

REJECTION_COLUMNS = (("rej1_defect", "rej1_location"), ("rej2_defect", "rej2_location"),
                     ("rej3_defect", "rej3_location"))
PARETO_LINE = 80.0


def records_frame(rows: Iterable[dict[str, Any]], *, include_voided: bool = False) -> pd.DataFrame:
    """Active records only unless asked (voided ones do not count in statistics), with
    `recorded_at` as UTC timestamps."""
    frame = pd.DataFrame(list(rows))
    if frame.empty:
        return pd.DataFrame(columns=["record_id", "station_id", "recorded_at", "cam_d", "cam_w",
                                     *[c for pair in REJECTION_COLUMNS for c in pair]])
    if "status" in frame and not include_voided:
        frame = frame[frame["status"] == "active"]
    frame = frame.copy()
    frame["recorded_at"] = pd.to_datetime(frame["recorded_at"], utc=True, format="ISO8601")
    return frame


def rejections(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per rejection (defect, location, station, record), N/A and empty left out."""
    parts = []
    for defect, location in REJECTION_COLUMNS:
        if defect not in frame:
            continue
        part = frame[["record_id", "station_id", defect, location]].rename(
            columns={defect: "defect", location: "location"})
        parts.append(part)
    if not parts:
        return pd.DataFrame(columns=["record_id", "station_id", "defect", "location"])
    stacked = pd.concat(parts, ignore_index=True)
    keep = stacked["defect"].notna() & (stacked["defect"] != "") & (stacked["defect"] != NO_REJECTION)
    return stacked[keep].reset_index(drop=True)


def defect_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """defect, count, share (% of all rejections), most frequent first (ties by name)."""
    found = rejections(frame)
    if found.empty:
        return pd.DataFrame(columns=["defect", "count", "share"])
    return counts_table(found.groupby("defect").size().to_dict())


def counts_table(counts: dict[str, int]) -> pd.DataFrame:
    """Rejections per defect as defect, count, share, most frequent first (ties by name): from
    the records (defect_counts) or from the site view's aggregates."""
    table = pd.DataFrame({"defect": list(counts), "count": [int(n) for n in counts.values()]})
    if table.empty or not table["count"].sum():
        return pd.DataFrame(columns=["defect", "count", "share"])
    table = table.sort_values(["count", "defect"], ascending=[False, True]).reset_index(drop=True)
    table["share"] = table["count"] * 100.0 / table["count"].sum()
    return table


def top_defects(frame: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    return defect_counts(frame).head(n).reset_index(drop=True)


@dataclass(frozen=True)
class Pareto:
    table: pd.DataFrame  # defect, count, share, cumulative
    critical: list[str]  # the defects that make up the first 80 % (the one crossing included)


def pareto(frame: pd.DataFrame, line: float = PARETO_LINE) -> Pareto:
    return pareto_of(defect_counts(frame), line)


def pareto_of(table: pd.DataFrame, line: float = PARETO_LINE) -> Pareto:
    """The Pareto of a counts table (defect, count, share)."""
    table = table.copy()
    table["cumulative"] = table["share"].cumsum()
    critical: list[str] = []
    for defect, cumulative in zip(table["defect"], table["cumulative"]):
        critical.append(defect)
        if cumulative >= line - 1e-9:
            break
    return Pareto(table, critical)


def station_means(frame: pd.DataFrame, bands: QualityBands = QualityBands()) -> pd.DataFrame:
    """station, cam_d, cam_w (means over the records that have them), mean of the two, the band
    (excellent / good / attention / critical) and the rank (1 = best), best first."""
    if frame.empty:
        return pd.DataFrame(columns=["station", "cam_d", "cam_w", "mean", "band", "rank", "boxes"])
    grouped = frame.groupby("station_id").agg(cam_d=("cam_d", "mean"), cam_w=("cam_w", "mean"),
                                              boxes=("record_id", "count")).reset_index()
    return _ranked(grouped.rename(columns={"station_id": "station"}), bands)


def station_means_of(stations: dict[str, list], bands: QualityBands = QualityBands()
                     ) -> pd.DataFrame:
    """station_means from the site view's sums: station -> [boxes, CAM-D sum, CAM-D count,
    CAM-W sum, CAM-W count]."""
    if not stations:
        return pd.DataFrame(columns=["station", "cam_d", "cam_w", "mean", "band", "rank", "boxes"])
    rows = [{"station": station, "boxes": int(v[0]),
             "cam_d": v[1] / v[2] if v[2] else float("nan"),
             "cam_w": v[3] / v[4] if v[4] else float("nan")}
            for station, v in stations.items()]
    return _ranked(pd.DataFrame(rows), bands)


def _ranked(grouped: pd.DataFrame, bands: QualityBands) -> pd.DataFrame:
    grouped["mean"] = grouped[["cam_d", "cam_w"]].mean(axis=1)
    grouped["band"] = [bands.rank(value) if pd.notna(value) else "unknown"
                       for value in grouped["mean"]]
    grouped = grouped.sort_values(["mean", "station"]).reset_index(drop=True)
    grouped["rank"] = range(1, len(grouped) + 1)
    return grouped


def per_hour_of(hours: list[int]) -> pd.Series:
    """Boxes per local hour of the day (0–23) from the site view's hour counts."""
    return pd.Series(hours, index=range(24), dtype=int)


def per_hour(frame: pd.DataFrame, timezone: str) -> pd.Series:
    """Boxes per local hour of the day (0–23), every hour present."""
    hours = frame["recorded_at"].dt.tz_convert(timezone).dt.hour if not frame.empty else pd.Series(dtype=int)
    return hours.value_counts().reindex(range(24), fill_value=0).sort_index()


def per_shift(frame: pd.DataFrame, timezone: str) -> pd.DataFrame:
    """day (local date the shift started), shift (1–3), boxes."""
    if frame.empty:
        return pd.DataFrame(columns=["day", "shift", "boxes"])
    shifts = [shift_of(moment.to_pydatetime(), timezone) for moment in frame["recorded_at"]]
    table = pd.DataFrame({"day": [s.day for s in shifts], "shift": [s.number for s in shifts]})
    return (table.groupby(["day", "shift"]).size().reset_index(name="boxes")
            .sort_values(["day", "shift"]).reset_index(drop=True))


def per_shift_of(hours: list[tuple[str, int]], timezone: str, limit: int) -> pd.DataFrame:
    """The last `limit` shifts with boxes, oldest first (day, shift, boxes), from boxes per
    hour bucket (newest first, as the site view gives them). Shifts start on the hour, so an
    hour lies in one shift."""
    totals: dict[tuple[str, int], int] = {}
    for bucket, boxes in hours:
        shift = shift_of(parse_utc(bucket), timezone)
        key = (shift.day, shift.number)
        if key not in totals and len(totals) >= limit:
            break
        totals[key] = totals.get(key, 0) + boxes
    table = pd.DataFrame([{"day": day, "shift": number, "boxes": boxes}
                          for (day, number), boxes in sorted(totals.items())],
                         columns=["day", "shift", "boxes"])
    return table.reset_index(drop=True)


def rows_behind(frame: pd.DataFrame, *, defect: str | None = None,
                station: str | None = None) -> pd.DataFrame:
    """The records a number came from (for "show the rows")."""
    selected = frame
    if station is not None:
        selected = selected[selected["station_id"] == station]
    if defect is not None:
        ids = set(rejections(selected).query("defect == @defect")["record_id"])
        selected = selected[selected["record_id"].isin(ids)]
    return selected.reset_index(drop=True)


def window(frame: pd.DataFrame, start: datetime | None, end: datetime | None) -> pd.DataFrame:
    """Records with start <= recorded_at < end (either bound optional)."""
    selected = frame
    if start is not None:
        selected = selected[selected["recorded_at"] >= pd.Timestamp(start)]
    if end is not None:
        selected = selected[selected["recorded_at"] < pd.Timestamp(end)]
    return selected


def load_site_records(view, *, include_voided: bool = False, start: datetime | None = None,
                      end: datetime | None = None, station: str | None = None) -> pd.DataFrame:
    """The current version of the site's records in the site view (utils/site/site_view.py),
    optionally within [start, end) and for one station, as a frame (voided ones left out
    unless asked)."""

    record_filter = RecordFilter(start=start, end=end, station_id=station,
                                 include_voided=include_voided)
    with view.database.read() as connection:
        rows = list(view_repo.iter_records(connection, record_filter))
    return records_frame(rows, include_voided=include_voided)


def record_history(view, record_id: str) -> list[dict[str, Any]]:
    """Every version of one record in the site view, oldest first; two versions with the same
    number from different PCs are both kept (a conflict)."""

    with view.database.read() as connection:
        versions = view_repo.record_versions(connection, record_id)
    return sorted(versions, key=lambda row: (row["version"], row.get("edited_at") or ""))


@dataclass(frozen=True)
class Dashboard:
    """What the dashboard draws, from the site view's aggregates over a range."""

    boxes: int
    defects: pd.DataFrame  # defect, count, share
    pareto: Pareto
    means: pd.DataFrame  # station_means columns
    hours: pd.Series
    shifts: pd.DataFrame  # day, shift, boxes (the last few shifts)
    stations: tuple[str, ...]


def dashboard(view, start: datetime | None, end: datetime | None, station: str | None, *,
              bands: QualityBands = QualityBands(), timezone: str = "UTC",
              shift_limit: int = 21) -> Dashboard:
    """Every dashboard figure for [start, end) and one station or all, from the aggregates."""
    counts = view.counts(start, end, station, recent_hours=shift_limit * 8)
    table = counts_table(counts.defects)
    return Dashboard(counts.boxes, table, pareto_of(table),
                     station_means_of(counts.stations, bands), per_hour_of(counts.hours),
                     per_shift_of(counts.recent_hours, timezone, shift_limit),
                     tuple(sorted(counts.stations)))
