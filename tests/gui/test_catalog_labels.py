"""The catalog editor's Labels section: it shows the template in force, its preview follows
every change and names a label too small, printers are typed one per line, a bad address is
shown where it is and nothing is published, a good template is published and in force."""

from __future__ import annotations

from PySide6.QtCore import Qt

from config.labels import LabelTemplate, ZebraPrinter
from gui.admin.catalog_labels import LabelTemplateEditor, printers_from_text, printers_to_text

from tests.gui.conftest import ADMIN_PW, wait_for
from tests.gui.test_admin_catalog import make_tab, publish_and_wait  # noqa: F401 (fixture)


def test_printer_lines_both_ways():
    assert printers_from_text("201 10.0.0.5\n\n 202  zebra-2.plant:9200 \n203 [fe80::1]:9101\n"
                              "204 ::1\n205\n206 host:x") == [
        {"station_id": "201", "host": "10.0.0.5", "port": 9100},
        {"station_id": "202", "host": "zebra-2.plant", "port": 9200},
        {"station_id": "203", "host": "fe80::1", "port": 9101},
        {"station_id": "204", "host": "::1", "port": 9100},
        {"station_id": "205", "host": "", "port": 9100},
        {"station_id": "206", "host": "host", "port": -1}]
    template = LabelTemplate(zebra_printers=(ZebraPrinter("201", "10.0.0.5"),
                                             ZebraPrinter("203", "fe80::1", 9101)))
    assert printers_to_text(template) == "201 10.0.0.5\n203 [fe80::1]:9101"
    assert printers_from_text(printers_to_text(template)) == [
        {"station_id": "201", "host": "10.0.0.5", "port": 9100},
        {"station_id": "203", "host": "fe80::1", "port": 9101}]


def test_editor_values_order_and_preview(qtbot):
    editor = LabelTemplateEditor()
    qtbot.addWidget(editor)
    editor.load(LabelTemplate(width_mm=80, fields=("box", "lot"), qr=False))
    assert [editor.fields.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(editor.fields.count())] == ["box", "lot", "size", "station", "time",
                                                       "operator"]
    values = editor.values()
    assert (values["width_mm"], values["fields"], values["qr"]) == (80.0, ["box", "lot"], False)
    editor.fields.item(2).setCheckState(Qt.CheckState.Checked)
    assert editor.values()["fields"] == ["box", "lot", "size"]
    wide = editor.preview.pixmap().size()
    assert editor.problems.text() == ""
    editor.width_mm.setValue(30)  # a Code 128 of this payload cannot fit 30 mm at 203 dpi
    assert "Code 128 does not fit" in editor.problems.text()
    assert editor.preview.pixmap().width() == wide.width()  # same preview width, taller label
    assert editor.preview.pixmap().height() > wide.height()


def test_bad_printer_shown_then_good_template_published(make_tab, ctx):  # noqa: F811
    tab = make_tab(ctx, ctx.auth.login("ana", ADMIN_PW).session)
    tab.labels.printers.setPlainText("206 http://printer/x")
    tab.reason.setText("zebra printer on line 206")
    tab.publish()
    assert "Zebra printers, line 1" in tab.error.text() and ctx.catalog.version == 0
    tab.labels.printers.setPlainText("206 10.1.2.3:9101")
    tab.labels.dpi.setCurrentIndex(tab.labels.dpi.findData(300))
    tab.reason.setText("zebra printer on line 206")
    catalog = publish_and_wait(tab)
    assert catalog.labels.dpi == 300
    assert ctx.catalog.labels.zebra_for("206") == ZebraPrinter("206", "10.1.2.3", 9101)
    wait_for(lambda: tab.labels.printers.toPlainText() == "206 10.1.2.3:9101")


def test_the_label_size_fields_sit_together(qtbot):
    """Width × height read as one size: on a wide page the "×" took the row's free width and
    left about 300 px between "100,0 mm ×" and "50,0 mm" (gui pass s19, item 22)."""
    editor = LabelTemplateEditor()
    qtbot.addWidget(editor)
    editor.resize(1340, 700)
    editor.show()
    qtbot.waitExposed(editor)
    width, height = editor.width_mm.geometry(), editor.height_mm.geometry()
    assert 0 < height.left() - width.right() < 40, (width, height)
    assert 0 < editor.dpi.geometry().left() - height.right() < 40
