"""The dashboard shows the statistics of the records in the site read-model."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.catalogs import default_catalog
from data import site_repo
from data.legacy_import import parse_legacy_csv
from models.canonical import format_utc
from utils import analytics

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "legacy_dados_producao.csv"


def load_sample_into_site_view(ctx) -> int:
    rows = parse_legacy_csv(SAMPLE, default_catalog(), "America/Sao_Paulo").rows
    with ctx.database.write() as connection:
        for index, row in enumerate(rows):
            draft = row.draft
            record = {"record_id": f"r{index:05d}", "version": 1, "station_id": row.station_id,
                      "lot": draft.lot, "box": draft.box, "size": draft.size,
                      "unit_weight_kg": draft.unit_weight_kg, "cam_d": draft.cam_d,
                      "cam_w": draft.cam_w, "operator": row.operator,
                      "recorded_at": format_utc(row.recorded_at_utc),
                      "utc_offset_minutes": row.utc_offset_minutes, "origin": "import",
                      "status": "active", "reason": None, "editor": None, "edited_at": None,
                      "base_version": None, "source_station": row.station_id, "source_seq": index + 1}
            for number in range(1, 4):
                rejection = draft.rejections[number - 1] if number <= len(draft.rejections) else None
                record[f"rej{number}_defect"] = rejection.defect if rejection else None
                record[f"rej{number}_location"] = rejection.location if rejection else None
            site_repo.insert_record_version(connection, record)
    return len(rows)


@pytest.fixture
def dashboard(qtbot, ctx):
    from gui.admin.dashboard_tab import DashboardTab
    from gui.app import make_application

    make_application([])
    load_sample_into_site_view(ctx)
    tab = DashboardTab(ctx)
    qtbot.addWidget(tab)
    yield tab
    tab.timer.stop()


def test_dashboard_matches_the_statistics(dashboard, ctx):
    frame = analytics.load_site_records(ctx.database)
    top = analytics.top_defects(frame)
    heights = dashboard.top_bars.opts["height"]
    assert list(heights) == pytest.approx(list(top["share"]))
    critical = analytics.pareto(frame).critical
    assert dashboard.critical.text().endswith(", ".join(critical))
    means = analytics.station_means(frame)
    assert dashboard.ranking.text().startswith(f"Ranking: 1. {means['station'][0]}")
    assert sum(dashboard.hour_bars.opts["height"]) == len(frame)
    shifts = analytics.per_shift(frame, ctx.settings.timezone).tail(21)
    assert list(dashboard.shift_bars.opts["height"]) == list(shifts["boxes"])


def test_station_filter(dashboard):
    dashboard.filters.station.setCurrentIndex(dashboard.filters.station.findData("206"))
    assert set(dashboard.frame["station_id"]) == {"206"}
    assert dashboard.ranking.text().startswith("Ranking: 1. 206")
