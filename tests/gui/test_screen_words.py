"""Words on screen where codes or the wrong words were (GUI pass s19): the Audit tab's roles and
the OEE records' status in the reader's words, a decimal comma in the catalog's ideal rate,
"unclassified" stops, "0 caixas" on the station, a Void button that says Void, and a handover
summary of an older version still saying that version recorded no stops."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from gui.i18n import install_translators

from tests.gui import test_admin_production
from tests.gui.test_oee_screens import _site_with_a_shift
from tests.gui.test_station_window import OP_PW, fill, login, set_lot

production = test_admin_production.production  # the Production tab's fixture, reused


@pytest.fixture
def language(qm_dir):
    """Switch the app's language (the real catalogue), back to English at the end."""
    app = QApplication.instance()
    yield lambda code: install_translators(app, code, qm_dir)
    install_translators(app, "en", qm_dir)


def test_the_audit_tab_names_roles_in_the_users_tabs_words(language):
    from gui.admin.audit_model import AuditEventsModel, row_texts

    role = AuditEventsModel.COLUMNS.index("role")

    def shown(code: str) -> str:
        return row_texts({"ts": None, "role": code, "action": "login"}, None)[role]

    assert [shown(code) for code in ("admin", "operator", "system")] == [
        "admin", "operator", "system"]
    language("pt_BR")
    assert [shown(code) for code in ("admin", "operator", "system", "supervisor")] == [
        "administrador", "operador", "sistema", "encarregado"]
    assert shown("forklift") == "forklift"  # a role this version does not know: as it came


def test_the_oee_records_behind_a_line_say_saved_or_voided_not_active(qtbot, ctx, clock):
    from gui.admin import wiring

    _site_with_a_shift(ctx, clock)
    clock.advance(hours=6)  # shift 1 is over
    sup = ctx.auth.login("sup", "Sable-Own-Pass-1").session
    tab = wiring.oee_tab(ctx, sup)
    qtbot.addWidget(tab)
    dialog = tab.open_rows(0)
    qtbot.addWidget(dialog)
    model = dialog.records_model
    status = [model.data(model.index(row, 6)) for row in range(model.rowCount())]
    assert status == ["saved"] * 4  # as the Production tab says it


def test_the_catalogs_ideal_rate_has_the_languages_decimal_separator(qtbot, ctx, language):
    from gui.admin import wiring

    sup = ctx.auth.login("sup", "Sable-Own-Pass-1").session
    for code, shown in (("en", "12.00"), ("pt_BR", "12,00")):
        language(code)
        tab = wiring.catalog_tab(ctx, sup)
        qtbot.addWidget(tab)
        rate = tab.downtime.default_rate
        rate.setValue(12)
        assert rate.text() == shown, code
        rate.lineEdit().setText("12,50" if code == "pt_BR" else "12.50")
        rate.interpretText()
        assert rate.value() == 12.5, code


def test_a_stop_nobody_classified_yet_is_unclassified():
    from gui.downtime_texts import reason_label

    assert reason_label("") == reason_label(None) == "unclassified"


def test_the_station_totals_say_zero_in_the_plural(qtbot, station, language):
    login(qtbot, station, "op", OP_PW)
    set_lot(station)
    totals = station.window.totals
    assert totals.text().startswith("0 boxes · 0 rejections · ")
    language("pt_BR")
    station.window.refresh_records()
    # Qt's Portuguese rule gives 0 the singular form; the users say "0 caixas"
    assert totals.text().startswith("0 caixas · 0 rejeições · ")
    fill(station.window.form, defect="", location="")
    station.window.form.submit()
    assert totals.text().startswith("1 caixa · 0 rejeições · ")
    language("en")
    station.window.refresh_records()
    assert totals.text().startswith("1 box · 0 rejections · ")


@pytest.mark.parametrize(("count", "portuguese", "english"), [
    (0, "0 eventos", "0 events"), (1, "1 evento", "1 event"), (2, "2 eventos", "2 events")])
def test_every_count_of_zero_takes_the_plural(language, count, portuguese, english):
    """Not the station's totals alone: every "%n …(s)" text (here the Audit tab's count)."""
    def shown() -> str:
        return QApplication.translate("AuditTab", "%n event(s)", None, count)

    language("pt_BR")
    assert shown() == portuguese
    language("en")
    assert shown() == english


def test_the_void_dialogs_button_says_void(production):
    tab, _total = production
    tab.table.selectRow(0)
    tab.void_selected()
    dialog = tab.dialog
    assert dialog.objectName() == "voidDialog"
    # Still the dialog's accepting button (Enter, the tests' Save): only its words changed
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save).text() == "Void"
    dialog.reject()


def test_a_summary_from_a_version_without_stops_still_says_so():
    """This version always writes its stops, [] for none; an older version's summary has no
    "stops" (or null): it is read as before, not as "no stops"."""
    from gui.handover_texts import HandoverTexts

    texts = HandoverTexts()
    summary = {"boxes": 2, "voided": 0, "lots": ["L9"], "as_of": "2026-11-22T16:45:00.000Z",
               "rejections": [], "alarms": [], "issues": []}
    zone = ZoneInfo("America/Sao_Paulo")
    for old in (summary, {**summary, "stops": None}):
        html = texts.summary_html(old, zone)
        assert "Stops are not recorded on this version." in html
        assert "No stops in this shift." not in html
    html = texts.summary_html({**summary, "stops": []}, zone)
    assert "No stops in this shift." in html and "not recorded" not in html
