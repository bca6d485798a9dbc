"""The site's label template: what a box or lot label shows, its size and the printer's DPI,
and which stations print to a Zebra printer over the network (ZPL on TCP 9100).

Part of the signed site catalog (`Catalog.labels`), so someone who can only write to the share
cannot change what labels say or redirect them to another printer. Checked by
`utils/mes/label_catalog.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

# What a label can show, in the order the template lists them by default.
LABEL_FIELDS: tuple[str, ...] = ("lot", "box", "size", "station", "time", "operator")
# Print heads Zebra and most thermal printers ship with (dots per inch).
LABEL_DPIS: tuple[int, ...] = (152, 203, 300, 600)
ZPL_PORT = 9100  # the raw port Zebra printers listen on
WIDTH_MM_RANGE = (30.0, 200.0)
HEIGHT_MM_RANGE = (20.0, 200.0)


@dataclass(frozen=True)
class ZebraPrinter:
    """A station whose labels go as ZPL to this network printer instead of a system printer."""

    station_id: str
    host: str
    port: int = ZPL_PORT


@dataclass(frozen=True)
class LabelTemplate:
    width_mm: float = 100.0
    height_mm: float = 50.0
    dpi: int = 203
    fields: tuple[str, ...] = LABEL_FIELDS
    code128: bool = True
    qr: bool = True
    zebra_printers: tuple[ZebraPrinter, ...] = ()

    def zebra_for(self, station_id: str) -> ZebraPrinter | None:
        return next((p for p in self.zebra_printers if p.station_id == station_id), None)
