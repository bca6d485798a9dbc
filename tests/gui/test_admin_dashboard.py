"""The dashboard shows the statistics of the records in the site read-model.

The chart elements are checked against a small hand-made data set whose expected values are
worked out below by hand (not with utils.dashboard_figures, which the tab itself uses).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

import pytest

from config.catalog import QualityBands, default_catalog
from data.legacy_import import parse_legacy_csv
from models.canonical import format_utc
from utils import dashboard_figures

from tests.gui.conftest import wait_for

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "legacy_dados_producao.csv"


def site_row(record_id: str, station: str, recorded_at: str, *, cam_d: float | None,
             cam_w: float | None, rejections: Sequence[tuple[str, str]] = (), lot: str = "L1",
             box: int = 1, size: str = "#0", unit_weight_kg: float | None = 0.000096,
             operator: str = "op", utc_offset_minutes: int = -180, origin: str = "station",
             seq: int = 1) -> dict[str, Any]:
    """One record version as the site view stores it after ingesting a journal."""
    row: dict[str, Any] = {
        "record_id": record_id, "version": 1, "station_id": station, "lot": lot, "box": box,
        "size": size, "unit_weight_kg": unit_weight_kg, "cam_d": cam_d, "cam_w": cam_w,
        "operator": operator, "recorded_at": recorded_at,
        "utc_offset_minutes": utc_offset_minutes, "origin": origin, "status": "active",
        "reason": None, "editor": None, "edited_at": None, "base_version": None,
        "source_station": station, "source_seq": seq}
    for number in range(1, 4):
        defect, location = rejections[number - 1] if number <= len(rejections) else (None, None)
        row[f"rej{number}_defect"] = defect
        row[f"rej{number}_location"] = location
    return row


def put_site_rows(ctx, rows: Sequence[dict[str, Any]]) -> None:
    from tests.utils.site.viewkit import put_view_rows

    put_view_rows(ctx.site_view, rows)


def load_sample_into_site_view(ctx, path: Path = SAMPLE) -> int:
    """The legacy sample (or another legacy file) as records the site read-model holds."""
    rows = parse_legacy_csv(path, default_catalog(), "America/Sao_Paulo").rows
    put_site_rows(ctx, [site_row(
        f"r{index:05d}", row.station_id, format_utc(row.recorded_at_utc),
        cam_d=row.draft.cam_d, cam_w=row.draft.cam_w,
        rejections=[(r.defect, r.location) for r in row.draft.rejections], lot=row.draft.lot,
        box=row.draft.box, size=row.draft.size, unit_weight_kg=row.draft.unit_weight_kg,
        operator=row.operator, utc_offset_minutes=row.utc_offset_minutes, origin="import",
        seq=index + 1) for index, row in enumerate(rows)])
    return len(rows)


# A hand-made site: four stations, seven boxes, ten rejections.
#   CAM-D mean: 201 (1.0 + 2.0) / 2 = 1.5, 202 (3.5 + 4.5) / 2 = 4.0, 203 7.0, 204 none
#   CAM-W mean: 201 (2.0 + 3.0) / 2 = 2.5, 202 (5.0 + 6.0) / 2 = 5.5, 203 (3.0 + 4.0) / 2 = 3.5
#   mean of both: 201 2.0, 202 4.75, 203 5.25, 204 none -> ranking 201, 202, 203, 204
#   defects: Furo 5, Rachada 3, Amassada 1, Dente 1 (N/A is no rejection)
HAND_MADE = [
    ("h1", "201", 1.0, 2.0, [("Furo", "Cap"), ("Furo", "Body"), ("Rachada", "Cap")]),
    ("h2", "201", 2.0, 3.0, [("Furo", "Cap"), ("Rachada", "Body")]),
    ("h3", "202", 3.5, 5.0, [("Furo", "Cap"), ("Dente", "Cap/Body")]),
    ("h4", "202", 4.5, 6.0, [("Furo", "Body"), ("Rachada", "Cap")]),
    ("h5", "203", 7.0, 3.0, [("Amassada", "Cap")]),
    ("h6", "203", 7.0, 4.0, [("N/A", "N/A")]),
    ("h7", "204", None, None, []),
]


def load_hand_made(ctx) -> None:
    put_site_rows(ctx, [site_row(record_id, station, f"2025-11-03T12:{minute:02d}:00.000Z",
                                 cam_d=cam_d, cam_w=cam_w, rejections=rejections, seq=minute + 1)
                        for minute, (record_id, station, cam_d, cam_w, rejections)
                        in enumerate(HAND_MADE)])


def make_tab(qtbot, ctx, **options):
    from gui.admin.dashboard_tab import DashboardTab
    from gui.app import make_application

    make_application([])
    from gui.admin import wiring

    tab = DashboardTab(wiring.site_now(ctx), ctx.site_view, ctx.oee, **options)
    qtbot.addWidget(tab)
    return tab


@pytest.fixture
def dashboard(qtbot, ctx):
    load_sample_into_site_view(ctx)
    tab = make_tab(qtbot, ctx)
    yield tab
    tab.timer.stop()


@pytest.fixture
def hand_made(qtbot, ctx):
    load_hand_made(ctx)
    made = []

    def make(**options):
        made.append(make_tab(qtbot, ctx, **options))
        return made[-1]

    yield make
    for tab in made:
        tab.timer.stop()


def test_dashboard_matches_the_statistics(dashboard, ctx):
    frame = dashboard_figures.load_site_records(ctx.site_view)
    top = dashboard_figures.top_defects(frame)
    heights = dashboard.top_bars.opts["height"]
    assert list(heights) == pytest.approx(list(top["share"]))
    critical = dashboard_figures.pareto(frame).critical
    assert dashboard.critical.text().endswith(", ".join(critical))
    means = dashboard_figures.station_means(frame)
    assert dashboard.ranking.text().startswith(
        f"Ranking by the mean of CAM-D and CAM-W, lowest first: 1. {means['station'][0]}")
    assert sum(dashboard.hour_bars.opts["height"]) == len(frame)
    shifts = dashboard_figures.per_shift(frame, ctx.timezone).tail(21)
    assert list(dashboard.shift_bars.opts["height"]) == list(shifts["boxes"])


def test_station_filter(dashboard):
    dashboard.filters.station.setCurrentIndex(dashboard.filters.station.findData("206"))
    assert dashboard.figures.stations == ("206",)
    assert dashboard.ranking.text().endswith(": 1. 206 3.30 % (good)")
    assert len(dashboard.means_bars["cam_d"].opts["height"]) == 1


def bar_colours(bars) -> list[str]:
    return [brush.color().name() for brush in bars.opts["brushes"]]


def test_cam_d_and_cam_w_bars_per_station_coloured_by_their_bands(hand_made, ctx):
    from gui.admin.dashboard_tab import BAND_COLORS

    tab = hand_made()
    assert ctx.catalog.bands == QualityBands(2.0, 4.0, 6.0, 3.0)  # the default 2 / 4 / 6 % bands
    cam_d, cam_w = tab.means_bars["cam_d"], tab.means_bars["cam_w"]
    assert list(cam_d.opts["x"]) == pytest.approx([-0.2, 0.8, 1.8, 2.8])  # left of each tick
    assert list(cam_w.opts["x"]) == pytest.approx([0.2, 1.2, 2.2, 3.2])   # right of it
    assert list(cam_d.opts["height"]) == pytest.approx([1.5, 4.0, 7.0, 0.0])
    assert list(cam_w.opts["height"]) == pytest.approx([2.5, 5.5, 3.5, 0.0])
    # 4.0 is not below 4 %: attention. A station without measurements is grey.
    assert bar_colours(cam_d) == [BAND_COLORS[b] for b in
                                  ("excellent", "attention", "critical", "unknown")]
    assert bar_colours(cam_w) == [BAND_COLORS[b] for b in ("good", "attention", "good", "unknown")]
    assert BAND_COLORS["excellent"] == "#1b7f3b" and BAND_COLORS["critical"] == "#c62828"
    assert tab.target_line.value() == 3.0 and tab.target_line.angle == 0
    assert tab.target_line.label.toPlainText() == "target 3 %"
    assert tab.ranking.text() == (
        "Ranking by the mean of CAM-D and CAM-W, lowest first: 1. 201 2.00 % (good) · "
        "2. 202 4.75 % (attention) · 3. 203 5.25 % (attention) · 4. 204 (no measurements)")


def test_other_bands_and_target_recolour_the_bars_and_move_the_line(hand_made):
    from gui.admin.dashboard_tab import BAND_COLORS

    tab = hand_made(bands=QualityBands(excellent=1.0, good=3.0, attention=5.0, target=2.5))
    assert bar_colours(tab.means_bars["cam_d"]) == [BAND_COLORS[b] for b in
                                                    ("good", "attention", "critical", "unknown")]
    assert bar_colours(tab.means_bars["cam_w"]) == [BAND_COLORS[b] for b in
                                                    ("good", "critical", "attention", "unknown")]
    assert tab.target_line.value() == 2.5
    assert tab.target_line.label.toPlainText() == "target 2.5 %"
    key = [label.text for _sample, label in tab.means_legend.items]
    assert key == ["CAM-D", "CAM-W", "excellent below 1 %", "good below 3 %",
                   "attention below 5 %", "critical from 5 %",
                   "outlined: above the target (2.5 %)"]  # review s19, item 15


def test_pareto_cumulative_line_and_the_80_percent_line(hand_made):
    tab = hand_made()
    # Ten rejections: Furo 5 (50 %), Rachada 3 (30 %), then the ties by name: Amassada, Dente.
    assert list(tab.pareto_bars.opts["height"]) == pytest.approx([50.0, 30.0, 10.0, 10.0])
    x, y = tab.pareto_line.getData()
    assert list(x) == [0, 1, 2, 3]
    assert list(y) == pytest.approx([50.0, 80.0, 90.0, 100.0])
    assert tab.pareto_limit.value() == 80.0 and tab.pareto_limit.angle == 0
    assert tab.critical.text() == "Critical defects (first 80 %): Furo, Rachada"


def test_a_site_without_records_shows_empty_charts(qtbot, ctx):
    tab = make_tab(qtbot, ctx)
    tab.timer.stop()
    assert list(tab.means_bars["cam_d"].opts["height"]) == []
    assert tab.pareto_line.getData() == (None, None)  # pyqtgraph: a line with no points
    assert tab.ranking.text().endswith(": —") and tab.critical.text().endswith(": —")
    assert tab.target_line.value() == 3.0


def test_a_record_that_arrives_shows_without_a_manual_refresh(qtbot, hand_made, ctx):
    tab = hand_made(refresh_ms=20)
    assert "205" not in tab.ranking.text()
    # What the sync loop's ingest does when station 205's journal arrives on the share.
    put_site_rows(ctx, [site_row("n1", "205", "2025-11-03T13:00:00.000Z", cam_d=0.5,
                                 cam_w=1.5, rejections=[("Furo", "Cap")])])
    wait_for(lambda: ": 1. 205 1.00 % (excellent)" in tab.ranking.text(), timeout=5)
    assert list(tab.means_bars["cam_d"].opts["height"]) == pytest.approx([0.5, 1.5, 4.0, 7.0, 0.0])
    assert list(tab.pareto_line.getData()[1]) == pytest.approx(
        [6 / 11 * 100, 9 / 11 * 100, 10 / 11 * 100, 100.0])


def test_with_the_windows_runner_figures_are_read_in_the_background_while_shown(qtbot, ctx,
                                                                              monkeypatch):
    """In the admin window the figures are read on its task runner, only while the tab is
    shown; a reading that fails says so and keeps the charts drawn last."""
    from gui.tasks import TaskRunner
    from utils import dashboard_figures

    load_sample_into_site_view(ctx)
    runner = TaskRunner()
    tab = make_tab(qtbot, ctx, runner=runner)
    try:
        assert tab.figures is None  # hidden: nothing read
        tab.show()
        wait_for(lambda: tab.figures is not None and not tab.reading, timeout=10)
        drawn = tab.figures
        assert drawn.boxes == 600

        def broken(*_args, **_kwargs):
            raise OSError("the view's disk is gone")

        monkeypatch.setattr(dashboard_figures, "dashboard", broken)
        tab.refresh()
        wait_for(lambda: not tab.reading, timeout=10)
        assert tab.figures is drawn
        assert tab.critical.text().startswith("The figures could not be read (OSError)")
    finally:
        tab.timer.stop()
        assert runner.shutdown(10)
