"""A small parser of the ZPL our labels use, for tests: it reads a format back into fields so a
test can check structure, positions and the barcodes' data without a printer.

Understands exactly what utils/mes/zpl.py emits (^XA ^CI ^PW ^LL ^LH ^FO ^A ^GB ^FR ^BY ^BC
^BQ ^FH ^FD ^FS ^PQ ^XZ) and fails loudly on anything else, so a new command in the builder
needs a matching reading here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

KNOWN = {"XA", "CI", "PW", "LL", "LH", "FO", "A0", "GB", "FR", "BY", "BC", "BQ", "FH", "FD",
         "FS", "PQ", "XZ"}


@dataclass
class ZplField:
    x: int
    y: int
    kind: str = "text"  # text, box, code128, qr
    params: dict[str, list[str]] = field(default_factory=dict)
    data: str | None = None
    reverse: bool = False


@dataclass
class ZplLabel:
    width: int
    height: int
    encoding: str
    copies: int
    fields: list[ZplField]


def _unhex(data: str) -> str:
    raw = bytearray()
    index = 0
    while index < len(data):
        if data[index] == "_":
            raw += bytes.fromhex(data[index + 1:index + 3])
            index += 3
        else:
            raw += data[index].encode("utf-8")
            index += 1
    return raw.decode("utf-8")


def parse(text: str) -> ZplLabel:
    text = text.replace("\n", "")
    assert text.startswith("^XA") and text.endswith("^XZ"), "a format is ^XA ... ^XZ"
    tokens = re.findall(r"\^(A0|[A-Z]{2})([^^]*)", text)
    assert "".join(f"^{c}{a}" for c, a in tokens) == text, "text outside commands"
    settings: dict[str, str] = {}
    fields: list[ZplField] = []
    current: ZplField | None = None
    hex_mode = False
    for command, args in tokens:
        assert command in KNOWN, f"unexpected command ^{command}"
        if command in ("XA", "XZ"):
            assert current is None, "format ended inside a field"
        elif command in ("CI", "PW", "LL", "LH", "PQ"):
            assert current is None, f"^{command} inside a field"
            settings[command] = args
        elif command == "FO":
            assert current is None, "^FO before the previous field's ^FS"
            x, y = (int(v) for v in args.split(","))
            current = ZplField(x, y)
        elif command == "FS":
            assert current is not None, "^FS without ^FO"
            fields.append(current)
            current, hex_mode = None, False
        else:
            assert current is not None, f"^{command} outside a field"
            if command == "FH":
                assert args == "_"
                hex_mode = True
            elif command == "FD":
                current.data = _unhex(args) if hex_mode else args
            elif command == "FR":
                current.reverse = True
            else:
                current.params[command] = args.split(",")
                current.kind = {"GB": "box", "BC": "code128", "BQ": "qr"}.get(command, current.kind)
    assert current is None
    return ZplLabel(int(settings["PW"]), int(settings["LL"]), settings["CI"],
                    int(settings.get("PQ", "1")), fields)
