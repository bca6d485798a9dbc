"""Labels at the station, driven like an operator would: print a box label to a PDF through
Qt's print support, a reprint that needs a reason and says REPRINT, a Zebra printer on
127.0.0.1 that records the ZPL, a printer that is off, and a label scanned into the lot field."""

from __future__ import annotations

import json
import socket
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from data import audit_repo
from utils.mes.label_payload import encode_payload
from utils.site_catalog import catalog_to_dict

from gui.label_dialog import open_label_dialog
from tests.gui.conftest import ADMIN_PW, wait_for
from tests.gui.test_station_window import OP_PW, fill, login, set_lot
from tests.utils.mes.zpl_check import parse


def label_events(ctx):
    with ctx.database.read() as connection:
        rows = [e for e in audit_repo.list_events(connection, station="206")
                if e["action"].startswith("label.")]
    return [{**row, **json.loads(row["body"])} for row in rows]


def register(qtbot, station, boxes=1):
    login(qtbot, station, "op", OP_PW)
    set_lot(station, "L2026-0142", "500", "12")
    for _ in range(boxes):
        fill(station.window.form)
        station.window.form.save.click()


def pdf_printer(path):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_print_then_reprint_to_a_pdf(qtbot, station, tmp_path):
    register(qtbot, station)
    window = station.window
    window.label_button.click()
    dialog = window.label_dialog
    assert dialog.choice.currentText() == "Box 12 of lot L2026-0142"
    assert dialog.choice.itemText(dialog.choice.count() - 1) == "Label of lot L2026-0142"
    assert not dialog.reason.isVisible() and not dialog.preview.pixmap().isNull()
    assert "system printer" in dialog.printer_info.text()
    dialog.choose_printer = lambda: pdf_printer(tmp_path / "first.pdf")
    dialog.print_button.click()
    assert dialog.message.text() == "Printed."
    pdf = (tmp_path / "first.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"/MediaBox [0 0 283" in pdf  # 100 mm wide page
    # Again: a reprint, which needs a reason before anything is printed.
    assert dialog.reason.isVisible() and "printed 1 time already" in dialog.reprint_info.text()
    dialog.choose_printer = lambda: pdf_printer(tmp_path / "second.pdf")
    dialog.print_button.click()
    assert "type why" in dialog.message.text() and not (tmp_path / "second.pdf").exists()
    dialog.reason.setText("label torn by the conveyor")
    dialog.print_button.click()
    assert dialog.message.text() == "Reprinted (copy 2), marked REPRINT."
    assert (tmp_path / "second.pdf").exists()
    events = label_events(station.ctx)
    assert [(e["action"], e["reason"], e["after"]["box"]) for e in events] == [
        ("label.print", None, 12), ("label.reprint", "label torn by the conveyor", 12)]
    # Closing the print dialog prints and records nothing.
    dialog.reason.setText("label torn by the conveyor")
    dialog.choose_printer = lambda: None
    dialog.print_button.click()
    assert "print dialog was closed" in dialog.message.text() and len(label_events(station.ctx)) == 2
    dialog.close()


class FakeZebra:
    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.received = b""
        self.thread = threading.Thread(target=self._serve, name="fake-zebra")
        self.thread.start()

    def _serve(self):
        self.server.settimeout(10)
        connection, _ = self.server.accept()
        with connection:
            while chunk := connection.recv(4096):
                self.received += chunk

    def close(self):
        self.thread.join(10)
        self.server.close()


def use_zebra(ctx, port):
    admin = ctx.auth.login("ana", ADMIN_PW).session
    raw = catalog_to_dict(ctx.catalog)
    raw["labels"]["zebra_printers"] = [{"station_id": "206", "host": "127.0.0.1", "port": port}]
    ctx.site_catalog.publish(admin, raw, "zebra printer on line 206")


def test_zebra_printer_gets_the_zpl(qtbot, station):
    printer = FakeZebra()
    try:
        use_zebra(station.ctx, printer.port)
        register(qtbot, station)
        dialog = open_label_dialog(station.window)
        assert f"127.0.0.1:{printer.port}" in dialog.printer_info.text()
        dialog.print_button.click()
        wait_for(lambda: dialog.message.text() == "Printed.")
    finally:
        printer.close()
    label = parse(printer.received.decode("utf-8"))
    data = {f.kind: f.data for f in label.fields if f.kind in ("code128", "qr")}
    assert data == {"code128": "SFC1+L2026-0142+12+500", "qr": "MA,SFC1+L2026-0142+12+500"}
    assert any(f.data == "Operator: op" for f in label.fields)
    event = label_events(station.ctx)[-1]
    assert event["after"]["printer"] == f"Zebra 127.0.0.1:{printer.port}"
    station.window.label_dialog.close()


def test_a_zebra_that_is_off_prints_and_records_nothing(qtbot, station):
    closed = socket.create_server(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    use_zebra(station.ctx, port)
    register(qtbot, station)
    dialog = open_label_dialog(station.window)
    dialog.print_button.click()
    wait_for(lambda: "did not take the label" in dialog.message.text())
    assert "Nothing was printed or recorded" in dialog.message.text()
    assert dialog.print_button.isEnabled() and label_events(station.ctx) == []
    dialog.close()


def test_scanning_a_label_sets_lot_and_box(qtbot, station):
    login(qtbot, station, "op", OP_PW)
    window = station.window
    qtbot.keyClicks(window.scan_lot, encode_payload("L2026-0200", 7, 40))
    qtbot.keyClick(window.scan_lot, Qt.Key.Key_Return)
    dialog = window.lot_dialog
    assert (dialog.code.text(), dialog.total.text(), dialog.current.text()) == ("L2026-0200", "40", "7")
    assert dialog.focusWidget() is dialog.current  # Enter confirms
    qtbot.keyClick(dialog.current, Qt.Key.Key_Return)  # the operator confirms
    lot = station.controller.current_lot()
    assert (lot.code, lot.total_boxes, lot.current_box) == ("L2026-0200", 40, 7)
    # The lot's own label keeps the box in progress.
    qtbot.keyClicks(window.scan_lot, encode_payload("L2026-0200", 0, 40))
    qtbot.keyClick(window.scan_lot, Qt.Key.Key_Return)
    assert window.lot_dialog.current.text() == "7"
    window.lot_dialog.reject()


@pytest.mark.parametrize("code", ["SFC1+L1+9+3", "SFC1+L1+x+3", "SFC1+L\x071+1+3"])
def test_a_bad_label_changes_nothing_and_says_so(qtbot, station, code):
    login(qtbot, station, "op", OP_PW)
    set_lot(station, "L2026-0142", "500", "12")
    window = station.window
    window.lot_dialog.close()
    window.scan_lot.setText(code)
    qtbot.keyClick(window.scan_lot, Qt.Key.Key_Return)
    assert "could not be read" in window.form.general_error.text()
    assert station.controller.current_lot().code == "L2026-0142"
