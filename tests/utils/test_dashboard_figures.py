"""Dashboard statistics checked against a hand computation on the legacy sample."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from config.catalog import QualityBands, default_catalog
from data.legacy_import import parse_legacy_csv
from utils import dashboard_figures

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "legacy_dados_producao.csv"


@pytest.fixture(scope="module")
def parsed():
    return parse_legacy_csv(SAMPLE, default_catalog(), "America/Sao_Paulo").rows


@pytest.fixture(scope="module")
def frame(parsed):
    rows = []
    for index, row in enumerate(parsed):
        draft = row.draft
        record = {"record_id": f"r{index}", "station_id": row.station_id, "status": "active",
                  "recorded_at": row.recorded_at_utc.isoformat(), "cam_d": draft.cam_d,
                  "cam_w": draft.cam_w}
        for number in range(1, 4):
            rejection = draft.rejections[number - 1] if number <= len(draft.rejections) else None
            record[f"rej{number}_defect"] = rejection.defect if rejection else None
            record[f"rej{number}_location"] = rejection.location if rejection else None
        rows.append(record)
    return dashboard_figures.records_frame(rows)


def hand_counts(parsed) -> Counter:
    return Counter(r.defect for row in parsed for r in row.draft.rejections)


def test_top5_and_shares(parsed, frame):
    expected = hand_counts(parsed)
    total = sum(expected.values())
    top = dashboard_figures.top_defects(frame)
    assert len(top) == 5
    ordered = sorted(expected.items(), key=lambda item: (-item[1], item[0]))[:5]
    assert list(zip(top["defect"], top["count"])) == ordered
    for defect, count, share in zip(top["defect"], top["count"], top["share"]):
        assert share == pytest.approx(count * 100 / total)


def test_pareto_critical_list_crosses_80(parsed, frame):
    result = dashboard_figures.pareto(frame)
    expected = hand_counts(parsed)
    total = sum(expected.values())
    running, critical = 0, []
    for defect, count in sorted(expected.items(), key=lambda item: (-item[1], item[0])):
        running += count
        critical.append(defect)
        if running * 100 / total >= 80:
            break
    assert result.critical == critical
    assert result.table["cumulative"].iloc[-1] == pytest.approx(100.0)


def test_station_means_bands_and_ranking(parsed, frame):
    table = dashboard_figures.station_means(frame).set_index("station")
    for station in {row.station_id for row in parsed}:
        d = [row.draft.cam_d for row in parsed if row.station_id == station and row.draft.cam_d is not None]
        w = [row.draft.cam_w for row in parsed if row.station_id == station and row.draft.cam_w is not None]
        assert table.loc[station, "cam_d"] == pytest.approx(sum(d) / len(d))
        assert table.loc[station, "cam_w"] == pytest.approx(sum(w) / len(w))
        mean = (sum(d) / len(d) + sum(w) / len(w)) / 2
        assert table.loc[station, "band"] == QualityBands().rank(mean)
    assert list(table["rank"]) == list(range(1, len(table) + 1))
    assert list(table["mean"]) == sorted(table["mean"])


def test_production_per_hour_and_shift(parsed, frame):
    from models.shifts import shift_of

    hours = dashboard_figures.per_hour(frame, "America/Sao_Paulo")
    from zoneinfo import ZoneInfo

    expected = Counter(row.recorded_at_utc.astimezone(ZoneInfo("America/Sao_Paulo")).hour
                       for row in parsed)
    assert {h: int(c) for h, c in hours.items() if c} == dict(expected)
    shifts = dashboard_figures.per_shift(frame, "America/Sao_Paulo")
    expected_shifts = Counter((s.day, s.number) for s in
                              (shift_of(row.recorded_at_utc, "America/Sao_Paulo") for row in parsed))
    assert {(d, int(s)): int(b) for d, s, b in shifts.itertuples(index=False)} == dict(expected_shifts)


def test_rows_behind_a_number(parsed, frame):
    top = dashboard_figures.top_defects(frame, 1)
    defect = top["defect"][0]
    rows = dashboard_figures.rows_behind(frame, defect=defect)
    assert len(rows) == sum(1 for row in parsed if any(r.defect == defect for r in row.draft.rejections))


def test_voided_records_do_not_count_and_empty_input():
    rows = [{"record_id": "a", "station_id": "206", "status": "voided", "recorded_at": "2026-11-22T12:00:00.000Z",
             "cam_d": 1.0, "cam_w": 1.0, "rej1_defect": "Furo", "rej1_location": "Cap",
             "rej2_defect": None, "rej2_location": None, "rej3_defect": None, "rej3_location": None}]
    frame = dashboard_figures.records_frame(rows)
    assert frame.empty and dashboard_figures.top_defects(frame).empty
    assert dashboard_figures.station_means(frame).empty
    assert dashboard_figures.pareto(frame).critical == []


def test_load_site_records_keeps_the_highest_version(tmp_path):
    from utils.context import AppContext

    from tests.utils.site.viewkit import put_view_rows

    ctx = AppContext.open(tmp_path / "home")
    base = {"station_id": "206", "lot": "L1", "box": 1, "size": "#00", "unit_weight_kg": 0.000121,
            "rej1_defect": "Furo", "rej1_location": "Cap", "rej2_defect": None,
            "rej2_location": None, "rej3_defect": None, "rej3_location": None, "cam_d": 4.0,
            "cam_w": 3.0, "operator": "op", "recorded_at": "2026-11-22T12:00:00.000Z",
            "utc_offset_minutes": -180, "origin": "station", "status": "active", "reason": None,
            "editor": None, "edited_at": None, "base_version": None}
    put_view_rows(ctx.site_view, [{**base, "record_id": "r1", "version": 1,
                                   "source_station": "206", "source_seq": 3}], source="206")
    put_view_rows(ctx.site_view, [{**base, "record_id": "r1", "version": 2, "cam_d": 2.0,
                                   "source_station": "office1", "source_seq": 9}],
                  source="office1")
    put_view_rows(ctx.site_view, [{**base, "record_id": "r1", "version": 1,  # late, lower
                                   "source_station": "207", "source_seq": 4}], source="207")
    frame = dashboard_figures.load_site_records(ctx.site_view)
    assert len(frame) == 1 and frame["cam_d"].iloc[0] == 2.0
    assert [v["version"] for v in dashboard_figures.record_history(ctx.site_view, "r1")] == [1, 1, 2]
    ctx.close()
