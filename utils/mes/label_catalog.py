"""The label template's part of the site catalog: to and from its JSON body, every value checked.

The catalog arrives through the share, so each value is someone's input: sizes and DPI within
what printers take, only known fields, printer addresses that are a host name or an IP address
(never a URL or anything with a path) and a real port.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any, Mapping

from config.labels import (
    HEIGHT_MM_RANGE, LABEL_DPIS, LABEL_FIELDS, WIDTH_MM_RANGE, ZPL_PORT, LabelTemplate, ZebraPrinter,
)
from models.validation import FieldError
from utils.catalog_checks import bounded_list, required_text, section

_HOST_NAME = re.compile(r"(?=.{1,253}\Z)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                        r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\Z")
MAX_PRINTERS = 1000


def labels_to_dict(template: LabelTemplate) -> dict[str, Any]:
    return {"width_mm": template.width_mm, "height_mm": template.height_mm, "dpi": template.dpi,
            "fields": list(template.fields), "code128": template.code128, "qr": template.qr,
            "zebra_printers": [{"station_id": p.station_id, "host": p.host, "port": p.port}
                               for p in template.zebra_printers]}


def valid_host(text: str) -> bool:
    """A printer's address: an IPv4/IPv6 address or a DNS name (no scheme, port or path)."""
    try:
        ipaddress.ip_address(text)
        return True
    except ValueError:
        return bool(_HOST_NAME.match(text))


def labels_from_dict(raw: Any, errors: list[FieldError]) -> LabelTemplate:
    """The template from a catalog's `labels` body (absent: the defaults); problems are added
    to `errors` named `labels.<field>` so an editor can show each next to its value."""
    raw = section(raw, "labels", errors)
    if raw is None:
        return LabelTemplate()
    default = LabelTemplate()

    def millimetres(name: str, limits: tuple[float, float]) -> float:
        value = raw.get(name, getattr(default, name))
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value \
                or not limits[0] <= value <= limits[1]:
            errors.append(FieldError(f"labels.{name}", "out_of_range",
                                     f"{name} must be from {limits[0]:g} to {limits[1]:g} mm",
                                     {"min": limits[0], "max": limits[1]}))
            return getattr(default, name)
        return float(value)

    width = millimetres("width_mm", WIDTH_MM_RANGE)
    height = millimetres("height_mm", HEIGHT_MM_RANGE)
    dpi = raw.get("dpi", default.dpi)
    if isinstance(dpi, bool) or dpi not in LABEL_DPIS:
        errors.append(FieldError("labels.dpi", "not_a_dpi", "dpi must be one of "
                                 + ", ".join(map(str, LABEL_DPIS))))
        dpi = default.dpi
    fields = raw.get("fields", list(default.fields))
    chosen: list[str] = []
    if not isinstance(fields, list) or not all(isinstance(f, str) for f in fields):
        errors.append(FieldError("labels.fields", "not_a_list", "fields must be a list of names"))
    else:
        for name in fields:
            if name not in LABEL_FIELDS:
                errors.append(FieldError("labels.fields", "unknown_field",
                                         f"{name[:40]!r} is not a label field"))
            elif name in chosen:
                errors.append(FieldError("labels.fields", "duplicate", f"{name} twice"))
            else:
                chosen.append(name)
        if not chosen and not errors:
            errors.append(FieldError("labels.fields", "required", "a label shows at least one field"))
    flags = {}
    for name in ("code128", "qr"):
        value = raw.get(name, True)
        if not isinstance(value, bool):
            errors.append(FieldError(f"labels.{name}", "not_a_boolean", f"{name} must be true or false"))
            value = True
        flags[name] = value

    printers: list[ZebraPrinter] = []
    raw_printers = bounded_list("labels.zebra_printers", raw.get("zebra_printers", []),
                                MAX_PRINTERS, errors)
    for index, entry in enumerate(raw_printers):
        field = f"labels.zebra_printers.{index}"
        entry = entry if isinstance(entry, Mapping) else {}
        station = required_text(f"{field}.station_id", entry.get("station_id"), 64, errors)
        host = required_text(f"{field}.host", entry.get("host"), 253, errors)
        if host is not None and not valid_host(host):
            errors.append(FieldError(f"{field}.host", "not_a_host",
                                     "the printer's address must be an IP address or a host name"))
            host = None
        port = entry.get("port", ZPL_PORT)
        if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
            errors.append(FieldError(f"{field}.port", "out_of_range", "port must be 1 to 65535",
                                     {"min": 1, "max": 65535}))
            port = None
        if station is not None and any(p.station_id == station for p in printers):
            errors.append(FieldError(f"{field}.station_id", "duplicate",
                                     f"station {station} has two printers"))
        elif station is not None and host is not None and port is not None:
            printers.append(ZebraPrinter(station, host, port))
    return LabelTemplate(width_mm=width, height_mm=height, dpi=dpi,
                         fields=tuple(chosen) or default.fields, code128=flags["code128"],
                         qr=flags["qr"], zebra_printers=tuple(printers))
