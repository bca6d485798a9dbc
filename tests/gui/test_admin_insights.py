"""The Insights tab shows the statistics of the records in the site read-model, and the rows
behind each number."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta, timezone

import pytest

from config.catalog import NO_REJECTION, default_catalog
from data.legacy_import import parse_legacy_csv
from models.canonical import format_utc
from tests.gui.test_admin_dashboard import SAMPLE, load_sample_into_site_view
from tests.gui.conftest import wait_for
from utils import insights


@pytest.fixture
def tab(qtbot, ctx):
    from gui.admin.insights_tab import InsightsTab
    from gui.admin import wiring
    from gui.app import make_application

    make_application([])
    load_sample_into_site_view(ctx)
    widget = InsightsTab(wiring.site_now(ctx), ctx.site_view)
    qtbot.addWidget(widget)
    yield widget
    widget.timer.stop()
    if widget.dialog is not None:
        widget.dialog.close()


@pytest.fixture(scope="module")
def by_station():
    """The sample by hand: each station's rows in time order, with the loader's record ids."""
    rows = parse_legacy_csv(SAMPLE, default_catalog(), "America/Sao_Paulo").rows
    stations = defaultdict(list)
    for index, row in sorted(enumerate(rows), key=lambda pair: (pair[1].recorded_at_utc, pair[0])):
        defects = {r.defect for r in row.draft.rejections if r.defect != NO_REJECTION}
        stations[row.station_id].append({"id": f"r{index:05d}", "cam_d": row.draft.cam_d,
                                         "cam_w": row.draft.cam_w, "defects": defects})
    return stations


def cell(tab, row: int, column: str) -> str:
    from gui.admin.insights_model import InsightsModel

    return tab.model.data(tab.model.index(row, InsightsModel.COLUMNS.index(column)))


def mean_of(rows) -> float:
    d = [r["cam_d"] for r in rows if r["cam_d"] is not None]
    w = [r["cam_w"] for r in rows if r["cam_w"] is not None]
    return (sum(d) / len(d) + sum(w) / len(w)) / 2


def test_summary_shows_the_figures(tab, by_station):
    assert tab.model.rowCount() == 1 + len(by_station)
    assert cell(tab, 0, "station") == "Site" and cell(tab, 0, "boxes") == "600"
    for row in range(1, tab.model.rowCount()):
        station = cell(tab, row, "station")
        mine = by_station[station]
        mean = mean_of(mine)
        assert cell(tab, row, "boxes") == str(len(mine))
        assert cell(tab, row, "mean") == f"{mean:.2f}"
        assert cell(tab, row, "score") == f"{min(100, max(0, 100 - 10 * mean)):.0f}"
        half = len(mine) // 2
        change = (mean_of(mine[half:]) - mean_of(mine[:half])) / mean_of(mine[:half]) * 100
        word = "worsening" if change > 10 else "improving" if change < -10 else "stable"
        assert cell(tab, row, "trend") == f"{word} ({'+' if change > 0 else ''}{change:.1f} %)"
    # The other columns are the same objects the statistics module returns (checked by hand in
    # tests/utils/test_insights.py).
    expected = insights.site_insights(tab.site_view)
    for row, insight in enumerate(expected):
        assert cell(tab, row, "anomalies") == str(insight.anomaly_count)
        assert cell(tab, row, "top_defect").startswith(insight.top_defects[0].name + " (")
        assert cell(tab, row, "worst_shift").startswith(f"{insight.worst_shift.shift} (")


def test_model_passes_the_model_tester(tab, qtmodeltester):
    qtmodeltester.check(tab.model)
    tab.filters.station.setCurrentIndex(tab.filters.station.findData("206"))
    qtmodeltester.check(tab.model)


def test_show_rows_of_a_summary_cell(tab, by_station):
    tab.select_station("207", "top_defect")
    assert cell(tab, tab.model.station_row("207"), "top_defect").startswith("Furo")
    dialog = tab.show_rows()
    expected = [r["id"] for r in by_station["207"] if "Furo" in r["defects"]]
    assert dialog.record_ids() == expected and len(expected) == 8
    assert dialog.label.text().startswith(f"{len(expected)} records behind: 207 · Top defect: Furo")
    dialog.close()
    tab.select_station("208", "trend")
    assert tab.show_rows().record_ids() == [r["id"] for r in by_station["208"]]
    tab.select_station(None, "boxes")
    assert len(tab.show_rows().record_ids()) == 600


def test_rows_behind_are_cut_and_say_so(tab, by_station, monkeypatch):
    """A year of a site is millions of records: the dialog shows the first ones in time order
    and says how to see the rest."""
    monkeypatch.setattr(insights, "ROWS_LIMIT", 10)
    tab.select_station(None, "boxes")
    dialog = tab.show_rows()
    assert len(dialog.record_ids()) == 10
    assert "Only the first 10 records in time order are shown" in dialog.label.text()
    dialog.close()
    tab.select_station("207", "top_defect")  # 8 records: all of them, nothing said
    dialog = tab.show_rows()
    assert len(dialog.record_ids()) == 8 and "Only the first" not in dialog.label.text()


def detail(tab, group_prefix: str, label_prefix: str):
    tree = tab.details
    for g in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(g)
        if group.text(0).startswith(group_prefix):
            for c in range(group.childCount()):
                if group.child(c).text(0).startswith(label_prefix):
                    return group.child(c)
    raise AssertionError(f"no {group_prefix} / {label_prefix}")


def test_details_and_their_rows(tab, by_station):
    tab.select_station("208")
    assert tab.detail_title.text() == "Details: 208"
    mine = by_station["208"]
    half = len(mine) // 2
    first = detail(tab, "Trend", "First half")
    assert first.text(0) == f"First half (n = {half})"
    assert first.text(1) == f"{mean_of(mine[:half]):.2f}"
    tab.details.setCurrentItem(first)
    assert tab.show_rows().record_ids() == [r["id"] for r in mine[:half]]
    # a repeated defect: the three boxes in a row
    run = detail(tab, "Anomalies", "208 · Furo in a row")
    tab.details.setCurrentItem(run)
    ids = tab.show_rows().record_ids()
    positions = [[r["id"] for r in mine].index(i) for i in ids]
    assert len(ids) >= 3 and positions == list(range(positions[0], positions[0] + len(ids)))
    assert all("Furo" in mine[p]["defects"] for p in positions)


def test_recommendations_are_sentences_with_their_rows(tab, by_station):
    tab.select_station("201")
    texts = [tab.recommendations.item(i).text() for i in range(tab.recommendations.count())]
    assert texts[0].startswith("Mean CAM rose 20 % from the first to the second half")
    tab.recommendations.setCurrentRow(0)
    assert tab.show_rows().record_ids() == [r["id"] for r in by_station["201"]]
    tab.select_station("202")
    assert [tab.recommendations.item(i).text() for i in range(tab.recommendations.count())] == [
        "No rule fired: no action suggested."]


def test_station_and_period_filters(tab, clock):
    tab.select_station("206", "score")
    tab.filters.station.setCurrentIndex(tab.filters.station.findData("206"))
    assert tab.model.rowCount() == 1 and cell(tab, 0, "station") == "206"
    assert [i.station for i in tab.insights] == ["206"]
    tab.filters.station.setCurrentIndex(0)
    assert tab.model.rowCount() == 15
    assert tab.current_what.startswith("206 · Score: ")  # the same number stays selected
    tab.filters.period.setCurrentIndex(tab.filters.period.findData(7))  # the clock is a year after the sample
    assert tab.model.rowCount() == 0 and tab.note.text() == "No records in this period."
    assert not tab.show_rows_button.isEnabled() and tab.show_rows() is None
    clock.advance((datetime(2025, 11, 5, tzinfo=timezone.utc) - clock.now()).total_seconds())
    tab.refresh()
    assert tab.model.rowCount() == 15 and tab.note.text().startswith("600 records")


def test_new_records_show_at_the_next_tick_while_visible(tab, ctx):
    tab.show()
    record = {"record_id": "late1", "version": 1, "station_id": "299", "lot": "L9", "box": 1,
              "size": "#0", "unit_weight_kg": 0.000096, "cam_d": 2.0, "cam_w": 2.0, "operator": "op",
              "recorded_at": "2025-11-05T12:00:00.000Z", "utc_offset_minutes": -180,
              "origin": "station", "status": "active", "reason": None, "editor": None,
              "edited_at": None, "base_version": None, "source_station": "299", "source_seq": 1,
              "rej1_defect": None, "rej1_location": None, "rej2_defect": None,
              "rej2_location": None, "rej3_defect": None, "rej3_location": None}
    from tests.utils.site.viewkit import put_view_rows

    put_view_rows(ctx.site_view, [record])
    tab.hide()
    tab._tick()  # hidden: nothing recomputed
    assert tab.model.station_row("299") is None
    tab.show()
    tab._tick()
    assert cell(tab, tab.model.station_row("299"), "boxes") == "1"
    assert cell(tab, 0, "boxes") == "601"


def test_portuguese_shows_decimal_commas(qtbot, ctx, qm_dir):
    from PySide6.QtWidgets import QApplication

    from gui.admin.insights_tab import InsightsTab
    from gui.admin import wiring
    from gui.app import make_application
    from gui.i18n import install_translators

    app = make_application([])
    load_sample_into_site_view(ctx)
    try:
        assert install_translators(app, "pt_BR", qm_dir) == "pt_BR"
        widget = InsightsTab(wiring.site_now(ctx), ctx.site_view)
        qtbot.addWidget(widget)
        widget.timer.stop()
        assert "," in cell(widget, 0, "mean") and "." not in cell(widget, 0, "mean")
        for station in [i.station for i in widget.insights]:
            widget.select_station(station, "trend")  # every detail and sentence is worded
            assert widget.recommendations.count() >= 1
        widget.details.setCurrentItem(detail(widget, "", ""))
        dialog = widget.show_rows()
        assert dialog.model.rowCount() >= 1
        dialog.close()
    finally:
        install_translators(QApplication.instance(), "en", qm_dir)


def test_records_arriving_recompute_only_their_station_and_the_site(qtbot, ctx):
    """Fed by the view's bridge, the tab computes again only the stations whose records
    arrived (and the site); Refresh computes everything. Each time the figures equal a
    computation from scratch."""
    from gui.admin import wiring
    from gui.admin.insights_tab import InsightsTab
    from gui.admin.view_bridge import ViewBridge
    from gui.app import make_application
    from tests.utils.site.viewkit import put_view_rows

    make_application([])
    load_sample_into_site_view(ctx)
    bridge = ViewBridge(ctx.site_view, ctx.view_follower, coalesce_ms=10)
    tab = InsightsTab(wiring.site_now(ctx), ctx.site_view, bridge=bridge)
    qtbot.addWidget(tab)
    try:
        tab.show()
        stations = [i.station for i in tab.insights if i.station is not None]
        assert tab.live.reused == 0 and len(stations) > 1
        record = dict(ctx.site_view.current_record(_a_record_of(ctx, stations[0])),
                      record_id="arrived-1", version=1, source_seq=10_001)
        put_view_rows(ctx.site_view, [record])
        wait_for(lambda: tab.insights[0].boxes == 601, timeout=5)
        assert tab.live.reused == len(stations) - 1
        assert tab.insights == insights.site_insights(ctx.site_view)
        tab.filters.refresh_button.click()
        assert tab.live.reused == 0 and tab.insights == insights.site_insights(ctx.site_view)
    finally:
        tab.timer.stop()
        bridge.close()


def _a_record_of(ctx, station: str) -> str:
    with ctx.site_view.database.read() as connection:
        return connection.exec_driver_sql(
            "SELECT record_id FROM view_records WHERE station_id = ? LIMIT 1",
            (station,)).scalar()


def test_a_site_with_thousands_of_runs_lists_the_longest_and_counts_the_rest(qtbot, ctx):
    """Runs of a repeated defect are listed longest first, at most LISTED_RUNS, then one line
    with how many more (a year's plant has about 19,000: listing them all took a second of
    the GUI thread at every refresh); the count in the summary is all of them."""
    from gui.admin import wiring
    from gui.admin.insights_details import LISTED_RUNS
    from gui.admin.insights_tab import InsightsTab
    from gui.app import make_application
    from tests.gui.test_admin_dashboard import put_site_rows, site_row

    make_application([])
    rows, when, seq = [], datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc), 0
    lengths = [3 + (number * 7) % 11 for number in range(LISTED_RUNS + 25)]
    for number, length in enumerate(lengths):  # each run, then a box without the defect
        for box in range(length + 1):
            seq += 1
            rejections = [("Furo", "Cap")] if box < length else []
            rows.append(site_row(f"b{seq:05d}", "207", format_utc(when), cam_d=2.0, cam_w=2.0,
                                 rejections=rejections, box=seq, seq=seq))
            when += timedelta(minutes=2)
    put_site_rows(ctx, rows)
    tab = InsightsTab(wiring.site_now(ctx), ctx.site_view)
    qtbot.addWidget(tab)
    try:
        site = tab.insights[0]
        runs = [a for a in site.anomalies if a.kind == "repeated_defect"]
        assert sorted(a.params["length"] for a in runs) == sorted(lengths)
        group = next(tab.details.topLevelItem(i) for i in range(tab.details.topLevelItemCount())
                     if tab.details.topLevelItem(i).text(0).startswith("Anomalies"))
        texts = [group.child(i).text(0) for i in range(group.childCount())]
        listed_runs = [text for text in texts if "in a row" in text]
        assert len(listed_runs) == LISTED_RUNS
        assert texts[-1] == "+ 25 shorter runs" and group.child(len(texts) - 1).toolTip(0) == (
            "25 shorter runs of a repeated defect, not listed")
        shown = [int(group.child(i).text(1).split()[0]) for i in range(len(texts) - 1)
                 if "in a row" in texts[i]]
        assert shown == sorted(lengths, reverse=True)[:LISTED_RUNS]  # longest first
        made = [tab.recommendations.item(i).text() for i in range(tab.recommendations.count())]
        assert sum("consecutive boxes" in text for text in made) == LISTED_RUNS
        runs_made = [i for i, text in enumerate(made) if "consecutive boxes" in text]
        assert made[runs_made[-1] + 1] == "25 more recommendations for shorter runs of a " \
                                          "repeated defect, not listed"  # beside the runs
        assert cell(tab, 0, "anomalies") == str(site.anomaly_count)
    finally:
        tab.timer.stop()


def test_in_the_window_the_figures_are_computed_in_the_background_and_catch_up(qtbot, ctx):
    """With the window's task runner: computed off the GUI thread while shown; records that
    arrive while a computation runs are computed once more after it, and the figures end as
    a computation from scratch."""
    from gui.admin import wiring
    from gui.admin.insights_tab import InsightsTab
    from gui.admin.view_bridge import ViewBridge
    from gui.app import make_application
    from gui.tasks import TaskRunner
    from tests.utils.site.viewkit import put_view_rows

    make_application([])
    load_sample_into_site_view(ctx)
    runner = TaskRunner()
    bridge = ViewBridge(ctx.site_view, ctx.view_follower, coalesce_ms=1)
    tab = InsightsTab(wiring.site_now(ctx), ctx.site_view, bridge=bridge, runner=runner)
    qtbot.addWidget(tab)
    try:
        assert tab.insights == []  # hidden: nothing computed
        tab.show()
        wait_for(lambda: bool(tab.insights) and tab.insights[0].boxes == 600, timeout=10)
        station = next(i.station for i in tab.insights if i.station is not None)
        record = ctx.site_view.current_record(_a_record_of(ctx, station))
        for number in range(3):  # one after the other, whether a computation runs or not
            put_view_rows(ctx.site_view, [dict(record, record_id=f"bg-{number}", version=1,
                                               source_seq=20_000 + number)])
        wait_for(lambda: tab.insights[0].boxes == 603, timeout=10)
        wait_for(lambda: not runner.busy, timeout=10)
        assert tab.insights == insights.site_insights(ctx.site_view)
    finally:
        tab.timer.stop()
        bridge.close()
        assert runner.shutdown(10)
