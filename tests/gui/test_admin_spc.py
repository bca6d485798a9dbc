"""The SPC tab: a chart from the site view, freezing a baseline through its dialog (admins only,
a reason, the limits previewed), the signal flagged with its rule's name, Cp/Cpk with its sample
size and warning, and the site table of charts."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

import pytest

from config.spc import SpcSettings, SpecLimit
from tests.gui.conftest import ADMIN_PW
from tests.gui.test_admin_dashboard import put_site_rows, site_row

BASELINE = [1.5, 1.6, 1.4, 1.5, 1.7, 1.5, 1.4, 1.6, 1.5, 1.3,
            1.5, 1.6, 1.4, 1.5, 1.6, 1.4, 1.5, 1.6, 1.4, 1.5]


def _rows():
    values = [*BASELINE, 3.0]
    return [site_row(f"r{i:03d}", "206", f"2026-12-01T10:{i * 2:02d}:00.000Z", cam_d=value,
                     cam_w=1.0, size="#00", box=i + 1, seq=i + 1)
            for i, value in enumerate(values)]


@pytest.fixture
def tab(qtbot, ctx):
    from gui.admin import wiring
    from gui.app import make_application

    make_application([])
    ctx.apply_catalog(replace(ctx.catalog, spc=SpcSettings((SpecLimit("#00", "cam_d", 0.5,
                                                                      2.5),))))
    put_site_rows(ctx, _rows())
    session = ctx.auth.login("ana", ADMIN_PW).session
    widget = wiring.spc_tab(ctx, session)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    return widget


def _freeze(tab, reason: str):
    from gui.admin.time_range import set_moment

    dialog = tab.open_freeze()
    zone = tab.site.timezone
    set_moment(dialog.start, zone, datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc))
    set_moment(dialog.end, zone, datetime(2026, 12, 1, 10, 40, tzinfo=timezone.utc))
    dialog.reason.setText(reason)
    return dialog


def test_before_a_baseline_the_points_show_without_limits(tab):
    assert tab.chart() == ("206", "#00", "cam_d")
    assert len(tab.data.values) == 21 and tab.data.baseline is None
    assert "No baseline frozen" in tab.baseline_label.text()
    assert "freeze a baseline first" in tab.capability_label.text()
    assert tab.signals.count() == 0 and tab.model.rowCount() == 0
    assert not tab.values_chart.lines["ucl"].isVisible()


def test_freezing_shows_limits_the_rule_and_capability(qtbot, tab):
    dialog = _freeze(tab, "short")
    assert dialog.preview.text().startswith("20 points: centre 1.500")
    assert not dialog.freeze()  # the reason is too short: nothing frozen
    assert "at least 10 characters" in dialog.error.text()
    dialog.reason.setText("stable after the die change")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        assert dialog.freeze()
    assert tab.data.baseline is not None and tab.data.baseline.frozen_by == "ana"
    limits = tab.data.baseline.limits
    assert tab.values_chart.lines["ucl"].isVisible()
    assert tab.values_chart.lines["ucl"].value() == pytest.approx(limits.ucl)
    assert tab.data.rules[-1] == (1,)
    assert tab.signals.count() == 1
    assert "Rule 1: beyond 3σ" in tab.signals.item(0).text()
    assert [label.toPlainText() for label in tab.labels if label.isVisible()] == ["1"]
    # Cp = (2.5 − 0.5) / 6σ̂, n = 20 < 30: shown with its warning.
    text = tab.capability_label.text()
    assert f"Cp {2.0 / (6 * limits.sigma):.2f}" in text and "n = 20" in text
    assert "too few points (fewer than 30)" in text
    assert "Limits frozen by ana" in tab.baseline_label.text()
    assert tab.model.rowCount() == 1
    state = tab.model.data(tab.model.index(0, tab.model.COLUMNS.index("state")))
    assert state == "out of control: rule 1"


def test_a_supervisor_sees_no_freeze_button_and_is_refused(qtbot, tab, ctx):
    from gui.admin.spc_freeze_dialog import FreezeDialog

    supervisor = ctx.auth.login("sup", "Sable-Own-Pass-1").session
    from gui.admin import wiring

    other = wiring.spc_tab(ctx, supervisor)
    qtbot.addWidget(other)
    assert other.freeze_button.isHidden()
    dialog = FreezeDialog(ctx.timezone, ctx.site_view, ctx.changes, supervisor, ctx.catalog.spc,
                          ("206", "#00", "cam_d"),
                          datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc),
                          datetime(2026, 12, 1, 10, 35, tzinfo=timezone.utc), other)
    dialog.reason.setText("stable after the die change")
    assert not dialog.freeze()
    assert "Only an admin" in dialog.error.text()


def test_a_too_short_period_cannot_be_frozen(tab):
    from gui.admin.time_range import set_moment

    dialog = _freeze(tab, "stable after the die change")
    set_moment(dialog.end, tab.site.timezone, datetime(2026, 12, 1, 10, 10, tzinfo=timezone.utc))
    assert "holds 5 points" in dialog.preview.text()
    assert not dialog.freeze_button.isEnabled()


def test_the_table_model_passes_the_model_tester(tab, qtmodeltester):
    _freeze(tab, "stable after the die change").freeze()
    qtmodeltester.check(tab.model)
