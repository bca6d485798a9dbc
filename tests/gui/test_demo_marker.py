"""The office PC of `shopfloor demo` says in every window that it is a demo with synthetic data:
an amber "DEMO · synthetic data" beside its name in the header, and the admin panel's title;
in English and in Portuguese. A real office PC and a production station show nothing of it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from config.settings import Settings
from utils.context import AppContext
from utils.site.demo import create_demo
from utils.site.share_health import ShareState

from tests.gui.conftest import ADMIN_PW, close_station_app, open_station_app
from tests.utils.site.sitekit import use_fast_kdf

DEMO_PW = "Quarry-Lantern-2026"


@pytest.fixture
def demo_office(qtbot, tmp_path, clock, monkeypatch):
    """The office PC `shopfloor demo` made (one day of history), its window open."""
    use_fast_kdf(monkeypatch)
    demo = create_demo(tmp_path / "demo", "demo", "Demo admin", DEMO_PW, days=1, clock=clock)
    ctx = AppContext.open(demo.office_home, clock=clock)
    app = open_station_app(qtbot, ctx)
    yield app
    close_station_app(app)
    ctx.close()


@pytest.fixture
def real_office(qtbot, tmp_path, clock):
    ctx = AppContext.open(tmp_path / "office", clock=clock, settings=Settings(
        station_id="office1", station_kind="office", timezone="America/Sao_Paulo"))
    ctx.auth.create_first_admin("ana", "Ana Admin", ADMIN_PW)
    app = open_station_app(qtbot, ctx)
    yield app
    close_station_app(app)
    ctx.close()


def _panel(qtbot, ctx, session):
    from gui.admin.window import AdminWindow

    panel = AdminWindow(ctx, session)
    qtbot.addWidget(panel)
    return panel


def _demo_labels(window) -> list[QLabel]:
    return window.findChildren(QLabel, "headerDemo")


def test_the_demo_office_says_so_in_its_header_and_its_panel(qtbot, demo_office):
    window = demo_office.window
    mark = window.header.demo
    assert mark is not None and mark.isVisibleTo(window)
    assert mark.text() == "DEMO · synthetic data"
    assert '"shopfloor demo"' in mark.toolTip() and "real plant" in mark.toolTip()
    assert window.header.station.text() == "Office PC demo-office"
    assert window.windowTitle() == ("Shopfloor Collector · office PC demo-office"
                                    " · DEMO (synthetic data)")
    assert demo_office.controller.login("demo", DEMO_PW).ok
    assert window.panel is not None
    assert window.panel.windowTitle() == ("Shopfloor Collector · admin panel · Demo admin"
                                          " · DEMO (synthetic data)")
    demo_office.controller.logout()


def test_the_demo_mark_in_portuguese(qtbot, demo_office, qm_dir):
    from gui.header import StationHeader
    from gui.i18n import install_translators

    ctx = demo_office.controller.ctx
    session = ctx.auth.login("demo", DEMO_PW).session
    app = QApplication.instance()
    try:
        assert install_translators(app, "pt_BR", qm_dir) == "pt_BR"
        header = StationHeader(ctx, office=True)
        qtbot.addWidget(header)
        assert header.demo is not None and header.demo.text() == "DEMO · dados sintéticos"
        assert '"shopfloor demo"' in header.demo.toolTip()
        assert "fábrica real" in header.demo.toolTip()
        # Under the PC's name: whole, and on a 1366 px screen the (longer, Portuguese) user
        # and share status still are too, as on a real office PC.
        header.add_button(QPushButton("Sair"))
        header.set_user(session)
        header.set_share(ShareState(True, None, ctx.clock.now()))
        header.resize(1366, header.sizeHint().height())
        header.show()
        qtbot.wait(1)
        assert header.demo.size() == header.demo.sizeHint()
        assert header.demo.isVisibleTo(header)
        assert not header.user.is_elided() and not header.share.is_elided()
        panel = _panel(qtbot, ctx, session)
        assert panel.windowTitle() == ("Shopfloor Collector · painel de administração · "
                                       "Demo admin · DEMO (dados sintéticos)")
        panel.close()
    finally:
        install_translators(app, "en", qm_dir)


def test_a_real_office_and_a_station_show_no_demo_mark(qtbot, real_office, station, qm_dir):
    from gui.i18n import install_translators

    for app in (real_office, station):
        assert app.window.header.demo is None and not _demo_labels(app.window)
        assert "DEMO" not in app.window.windowTitle()
    ctx = real_office.controller.ctx
    session = ctx.auth.login("ana", ADMIN_PW).session
    panel = _panel(qtbot, ctx, session)
    assert panel.windowTitle() == "Shopfloor Collector · admin panel · Ana Admin"
    panel.close()
    qt_app = QApplication.instance()
    try:
        install_translators(qt_app, "pt_BR", qm_dir)
        panel = _panel(qtbot, ctx, session)
        assert panel.windowTitle() == "Shopfloor Collector · painel de administração · Ana Admin"
        panel.close()
    finally:
        install_translators(qt_app, "en", qm_dir)
