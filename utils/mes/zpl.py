"""A label as ZPL II, the language of Zebra printers: a pure function of the layout.

Every field's data goes through ^FH (hexadecimal escapes) for any character outside a small
safe set, so nothing a person typed (a lot code, a name) can end a field early or start a
command: ^ and ~ are ZPL's command prefixes and _ is the escape character itself. ^CI28 makes
the escaped bytes UTF-8, so "Conceição" prints as written.

Commands emitted: ^XA ^CI28 ^PW ^LL ^LH, per field ^FO ^A0N / ^GB ^FR / ^BY ^BCN / ^BQN with
^FH ^FD ^FS, then ^PQ1 ^XZ. Fonts are Zebra's scalable font 0; Code 128 starts in set B, as
`label_layout.code128_modules` draws it.
"""

from __future__ import annotations

import string

from utils.mes.label_layout import CHAR_WIDTH, Code128Item, LabelLayout, QrItem, TextItem
from utils.mes.label_layout import QR_ERROR

_SAFE = frozenset(string.ascii_letters + string.digits + " .,:/#-+()%")


def escape_field(text: str) -> str:
    """`text` for ^FH: safe characters as they are, every other byte of its UTF-8 as _XX."""
    return "".join(ch if ch in _SAFE else "".join(f"_{b:02X}" for b in ch.encode("utf-8"))
                   for ch in text)


def _field(data: str) -> str:
    return f"^FH_^FD{escape_field(data)}^FS"


def _text(item: TextItem) -> str:
    font = f"^A0N,{item.height},{round(item.height * CHAR_WIDTH)}"
    if not item.inverse:
        return f"^FO{item.x},{item.y}{font}{_field(item.text)}"
    pad = max(2, item.height // 6)
    box_height = item.height + 2 * pad
    # A black box, then the word drawn reversed over it (^FR: white where the box is black).
    return (f"^FO{item.x},{item.y}^GB{item.width},{box_height},{box_height}^FS\n"
            f"^FO{item.x + pad},{item.y + pad}{font}^FR{_field(item.text)}")


def _code128(item: Code128Item) -> str:
    # ^BY module width, ratio (ignored by Code 128), height; ^BC orientation, height, no
    # interpretation line (the fields are printed above), no line above, no UCC check digit.
    return (f"^FO{item.x},{item.y}^BY{item.module},3,{item.height}"
            f"^BCN,{item.height},N,N,N{_field(item.data)}")


def _qr(item: QrItem) -> str:
    # ^BQ normal orientation, model 2, magnification; the data starts with the error level and
    # input mode: M (15 %), A (automatic).
    return f"^FO{item.x},{item.y}^BQN,2,{item.magnification}{_field(f'{QR_ERROR}A,{item.data}')}"


def label_zpl(layout: LabelLayout, copies: int = 1) -> str:
    """The whole label format, one command group per line (Zebra ignores the newlines)."""
    lines = ["^XA", "^CI28", f"^PW{layout.width}", f"^LL{layout.height}", "^LH0,0"]
    for item in layout.items:
        if isinstance(item, TextItem):
            lines.append(_text(item))
        elif isinstance(item, Code128Item):
            lines.append(_code128(item))
        else:
            lines.append(_qr(item))
    lines += [f"^PQ{copies}", "^XZ"]
    return "\n".join(lines) + "\n"
