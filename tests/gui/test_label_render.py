"""Labels as Qt draws them (the preview, a system printer) read back by a real barcode reader:
ZBar's `zbarimg` must find the Code 128 and the QR code and read the payload from each, at
every DPI the template offers. Skipped where zbar-tools is not installed (.ci/run installs it)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from config.labels import LABEL_DPIS, LabelTemplate
from gui.label_painter import label_image
from utils.mes.label_layout import LabelContent, layout_label
from utils.mes.label_payload import encode_payload

from tests.utils.mes.test_zpl import CAPTIONS

ZBAR = shutil.which("zbarimg")
pytestmark = pytest.mark.skipif(ZBAR is None, reason="zbarimg (zbar-tools) is not installed")


def read_codes(path) -> set[tuple[str, str]]:
    done = subprocess.run([ZBAR, "--quiet", str(path)], capture_output=True, text=True,
                          timeout=60)
    found = set()
    for line in done.stdout.splitlines():
        kind, _, data = line.partition(":")
        found.add((kind, data))
    return found


@pytest.mark.parametrize("dpi", LABEL_DPIS)
@pytest.mark.parametrize("kind, lot, box, total", [("box", "L2026-0142", 12, 500),
                                                   ("lot", "LOT 7/B#2_x", 0, 40)])
def test_both_barcodes_read_back(qapp, tmp_path, dpi, kind, lot, box, total):
    payload = encode_payload(lot, box, total)
    content = LabelContent(kind, lot, box, total, "#00", "206", "2026-12-03 09:15", "Conceição",
                           payload, reprint=kind == "box")
    layout = layout_label(content, LabelTemplate(dpi=dpi), CAPTIONS)
    assert layout.problems == ()
    path = tmp_path / f"label-{dpi}.png"
    assert label_image(layout).save(str(path))
    assert read_codes(path) == {("CODE-128", payload), ("QR-Code", payload)}


def test_a_reader_sees_nothing_on_a_label_without_barcodes(qapp, tmp_path):
    # The check above can fail: a label drawn without its codes reads as nothing.
    content = LabelContent("box", "L1", 1, 2, "#0", "206", "t", "op", encode_payload("L1", 1, 2))
    layout = layout_label(content, LabelTemplate(code128=False, qr=False), CAPTIONS)
    path = tmp_path / "plain.png"
    label_image(layout).save(str(path))
    assert read_codes(path) == set()
