"""A rejection imported without its location, as people see it: words in their language in the
records tables, kept by a correction of something else, never shown as a real location."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from config.catalog import LOCATION_NOT_RECORDED
from gui.i18n import compile_translations, install_translators
from utils.records_io import import_legacy_file

from tests.gui.conftest import ADMIN_PW

LEGACY = ("maquina,lote,numero_caixa,size,peso,rej1_defect,rej1_local,rej2_defect,rej2_local,"
          "percent_cam_d,percent_cam_w,data_hora\n"
          "206,L1,1,#00,1.21e-04,Furo,N/A,Dente,Cap,2.5,,2025-11-03 06:02:23\n")


@pytest.fixture
def imported(ctx, tmp_path):
    ana = ctx.auth.login("ana", ADMIN_PW).session
    path = tmp_path / "dados_producao.csv"
    path.write_text(LEGACY, encoding="utf-8")
    report = import_legacy_file(ctx.production, ana, path, "America/Sao_Paulo")
    assert (report.imported, report.imported_with_gaps) == (1, 1)
    (row,) = ctx.production.list_records(ana)
    return ana, row


def rejections_shown(row) -> str:
    from gui.records_model import RecordsTableModel

    model = RecordsTableModel()
    model.set_rows([row])
    column = RecordsTableModel.COLUMNS.index("rejections")
    return model.data(model.index(0, column), Qt.ItemDataRole.DisplayRole)


def test_the_tables_say_it_in_both_languages(qtbot, imported, tmp_path):
    from PySide6.QtWidgets import QApplication

    from gui.app import make_application

    make_application([])
    _ana, row = imported
    assert row["rej1_location"] == LOCATION_NOT_RECORDED
    assert rejections_shown(row) == "Furo (location not recorded), Dente (Cap)"
    assert compile_translations(tmp_path / "qm")
    app = QApplication.instance()
    try:
        assert install_translators(app, "pt_BR", tmp_path / "qm") == "pt_BR"
        assert rejections_shown(row) == "Furo (local não registrado), Dente (Cap)"
    finally:
        install_translators(app, "en", tmp_path / "qm")


def test_a_correction_keeps_it_unless_the_editor_names_the_place(qtbot, ctx, imported):
    from gui.admin import wiring
    from gui.admin.record_dialog import RecordDialog
    from gui.app import make_application

    make_application([])
    ana, row = imported
    dialog = RecordDialog(wiring.site_now(ctx), ctx.production, ana, row)
    qtbot.addWidget(dialog)
    location = dialog.entry.fields["rej1_location"]
    assert location.currentData() == LOCATION_NOT_RECORDED
    assert location.currentText() == "location not recorded"
    assert dialog.form_values()["rej1_location"] == LOCATION_NOT_RECORDED
    # The other choices are the catalog's real locations; picking one fills the gap.
    choices = [location.itemData(i) for i in range(location.count())]
    assert choices[:4] == [None, "Cap", "Body", "Cap/Body"]
    location.setCurrentIndex(location.findData("Body"))
    assert dialog.form_values()["rej1_location"] == "Body"
