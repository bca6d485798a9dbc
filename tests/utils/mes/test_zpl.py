"""Labels as ZPL: the layout's arithmetic by hand, a golden file, every field read back by a
small ZPL parser (inside the label, barcodes holding the payload), hostile text kept inside its
field, and a fake Zebra printer on 127.0.0.1 that records the bytes it is sent."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest

from config.labels import LabelTemplate
from utils.mes.label_layout import (
    Code128Item, LabelContent, QrItem, TextItem, code128_modules, layout_label, qr_matrix,
)
from utils.mes.zpl import escape_field, label_zpl
from utils.mes.zpl_printer import PrinterUnreachable, send_zpl

from tests.utils.mes.zpl_check import parse

GOLDEN = Path(__file__).parents[2] / "fixtures" / "labels" / "box_reprint_203dpi.zpl"
CAPTIONS = {"lot": "Lot", "box": "Box", "boxes": "Boxes", "size": "Size", "station": "Station",
            "time": "Time", "operator": "Operator", "title_box": "BOX", "title_lot": "LOT",
            "reprint": "REPRINT"}
BOX = LabelContent("box", "L2026-0142", 12, 500, "#1", "201", "2026-12-03 09:15", "maria",
                   "SFC1+L2026-0142+12+500", reprint=True)


def test_code128_set_b_by_hand():
    # "A": start B (104) + 'A' (33) + checksum (104 + 1*33) % 103 = 34 + stop. Patterns from
    # the specification's table: 104 = 11010010000, 33 = 10100011000, 34 = 10001011000,
    # stop = 1100011101011.
    assert code128_modules("A") == "11010010000" "10100011000" "10001011000" "1100011101011"
    # 11 modules per character, start and check, 13 for the stop.
    assert len(code128_modules(BOX.payload)) == 11 * (len(BOX.payload) + 2) + 13 == 277


def test_layout_arithmetic_at_203_dpi():
    layout = layout_label(BOX, LabelTemplate(), CAPTIONS)
    # 100 x 50 mm at 203 dpi = 7.992 dots/mm: 799 x 400 dots, margins 2 mm = 16 dots.
    assert (layout.width, layout.height, layout.problems) == (799, 400, ())
    bars = next(i for i in layout.items if isinstance(i, Code128Item))
    # 767 dots inside the margins / (277 + 20 quiet modules) = 2 dots a module; 10 mm = 80 dots.
    assert (bars.module, bars.height, bars.y) == (2, 80, 400 - 16 - 80)
    assert bars.x == 16 + (767 - 2 * 277) // 2
    qr = next(i for i in layout.items if isinstance(i, QrItem))
    # 22 characters at level M: version 2, 25 modules; room min(304-16-64, 767//2) = 224: x8.
    assert (qr.modules, qr.magnification) == (25, 8) == (len(qr_matrix(BOX.payload)), 8)
    texts = [i for i in layout.items if isinstance(i, TextItem)]
    assert texts[0].inverse and texts[0].text == "REPRINT"
    assert [t.text for t in texts[2:]] == ["Lot: L2026-0142", "Box: 12/500", "Size: #1",
                                          "Station: 201", "Time: 2026-12-03 09:15",
                                          "Operator: maria"]


def test_golden_file_and_structure():
    zpl = label_zpl(layout_label(BOX, LabelTemplate(), CAPTIONS))
    assert zpl == GOLDEN.read_text(encoding="utf-8")
    label = parse(zpl)
    assert (label.width, label.height, label.encoding, label.copies) == (799, 400, "28", 1)
    for item in label.fields:
        assert 0 <= item.x < label.width and 0 <= item.y < label.height, item
    code128 = [f for f in label.fields if f.kind == "code128"]
    qr = [f for f in label.fields if f.kind == "qr"]
    assert [f.data for f in code128] == ["SFC1+L2026-0142+12+500"]
    assert [f.data for f in qr] == ["MA,SFC1+L2026-0142+12+500"]
    # The bars end inside the label: x + module * modules, height above the bottom margin.
    module, height = int(code128[0].params["BY"][0]), int(code128[0].params["BC"][1])
    assert code128[0].x + module * 277 <= label.width - 16 and code128[0].y + height <= 400 - 16
    qr_side = 25 * int(qr[0].params["BQ"][2])
    assert qr[0].x + qr_side <= label.width - 16
    reverse = [f for f in label.fields if f.reverse]
    assert [f.data for f in reverse] == ["REPRINT"]


@pytest.mark.parametrize("dpi, width, height", [(152, 60, 40), (300, 100, 50), (600, 150, 100)])
def test_every_field_inside_for_other_sizes(dpi, width, height):
    template = LabelTemplate(width_mm=width, height_mm=height, dpi=dpi)
    layout = layout_label(BOX, template, CAPTIONS)
    assert layout.problems == ()
    label = parse(label_zpl(layout))
    assert label.width == round(width * dpi / 25.4)
    for item in label.fields:
        assert 0 <= item.x < label.width and 0 <= item.y < label.height


def test_a_label_too_small_says_so():
    layout = layout_label(BOX, LabelTemplate(width_mm=30, height_mm=20, dpi=152), CAPTIONS)
    assert "code128_too_wide" in layout.problems and "text_too_small" in layout.problems


def test_hostile_text_stays_inside_its_field():
    assert escape_field("a^XZ~JR_b") == "a_5EXZ_7EJR_5Fb"
    assert escape_field("Conceição") == "Concei_C3_A7_C3_A3o"
    content = LabelContent("box", "L1", 1, 2, "#0", "201", "t", "x^FS^XZ^XA~JR", "SFC1+L1+1+2")
    label = parse(label_zpl(layout_label(content, LabelTemplate(), CAPTIONS)))
    assert any(f.data == "Operator: x^FS^XZ^XA~JR" for f in label.fields)


class FakeZebra:
    """A printer's raw port on 127.0.0.1: accepts one connection and keeps every byte."""

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


def test_send_to_a_fake_printer_records_the_bytes():
    printer = FakeZebra()
    zpl = label_zpl(layout_label(BOX, LabelTemplate(), CAPTIONS))
    try:
        sent = send_zpl("127.0.0.1", printer.port, zpl, timeout=5)
    finally:
        printer.close()
    assert printer.received == zpl.encode("utf-8") and sent == len(printer.received)
    assert parse(printer.received.decode("utf-8")).fields


def test_a_printer_that_does_not_answer_fails_clearly():
    closed = socket.create_server(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now: the connection is refused
    with pytest.raises(PrinterUnreachable) as error:
        send_zpl("127.0.0.1", port, "^XA^XZ", timeout=2)
    message = str(error.value)
    assert f"127.0.0.1:{port}" in message and "Nothing was printed" in message
