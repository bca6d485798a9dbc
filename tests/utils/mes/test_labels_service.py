"""Printing labels on a real database: the first print and reprints audited (a reprint needs a
reason and says REPRINT), a failed print records nothing, roles, and the catalog's template."""

from __future__ import annotations

import json

import pytest

from config.constants import Role
from config.labels import LabelTemplate, ZebraPrinter
from data import audit_repo
from models.validation import ValidationFailed
from utils.clock import ManualClock
from utils.context import AppContext
from utils.mes.label_catalog import labels_from_dict, labels_to_dict
from utils.mes.labels import LabelError, LabelService
from utils.mes.zpl_printer import PrinterUnreachable
from utils.permissions import PermissionDenied
from utils.site_catalog import catalog_from_dict, catalog_to_dict

FORM = {"size": "#00", "cam_d": "1", "cam_w": "2"}


@pytest.fixture
def ctx(tmp_path, monkeypatch):
    monkeypatch.setattr("utils.passwords.BCRYPT_ROUNDS", 4, raising=False)
    from datetime import datetime, timezone

    from config.settings import Settings

    clock = ManualClock(datetime(2026, 12, 3, 12, 15, tzinfo=timezone.utc))
    context = AppContext.open(tmp_path / "home", clock=clock,
                              settings=Settings(station_id="206", timezone="America/Sao_Paulo"))
    context.auth.create_first_admin("admin", "Ana Admin", "Quarry-Lantern-42")
    admin = context.auth.login("admin", "Quarry-Lantern-42").session
    for name, role in (("op", Role.OPERATOR), ("ana", Role.ANALYST)):
        context.auth.create_user(admin, name, name.title(), role, "Initial-Pass-" + "x".join(name),
                                 "new hire on shift A")
    yield context
    context.close()


def login(ctx, name):
    return ctx.auth.login(name, "Initial-Pass-" + "x".join(name)).session


def label_events(ctx):
    with ctx.database.read() as connection:
        rows = [e for e in audit_repo.list_events(connection, station="206")
                if e["action"].startswith("label.")]
    return [{**row, **json.loads(row["body"])} for row in rows]


def test_box_label_then_reprint_with_reason(ctx):
    op = login(ctx, "op")
    ctx.production.set_lot(op, "L2026-0142", 500, 12)
    record = ctx.production.register_box(op, FORM)
    service = LabelService(ctx)
    content = service.box_content(record, ctx.production.current_lot())
    # 12:15 UTC is 09:15 in São Paulo (UTC-3).
    assert (content.lot, content.box, content.total_boxes, content.time, content.operator,
            content.payload) == ("L2026-0142", 12, 500, "2026-12-03 09:15", "op",
                                 "SFC1+L2026-0142+12+500")
    printed = []
    first = service.print_label(op, content, None, lambda job: printed.append(job) or "PDF")
    assert (first.copy, first.content.reprint) == (1, False)
    with pytest.raises(LabelError) as error:
        service.print_label(op, content, "", lambda job: printed.append(job) or "PDF")
    assert error.value.code == "reason_required"
    with pytest.raises(ValidationFailed):
        service.print_label(op, content, "torn", lambda job: printed.append(job) or "PDF")
    again = service.print_label(op, content, "label torn by the conveyor",
                                lambda job: printed.append(job) or "Zebra 10.0.0.5:9100")
    assert (again.copy, again.content.reprint) == (2, True)
    assert [job.content.reprint for job in printed] == [False, True]
    events = label_events(ctx)
    assert [(e["action"], e["entity_id"], e["reason"]) for e in events] == [
        ("label.print", "box/206/L2026-0142/12", None),
        ("label.reprint", "box/206/L2026-0142/12", "label torn by the conveyor")]
    assert events[1]["after"]["copy"] == 2 and events[1]["after"]["printer"] == "Zebra 10.0.0.5:9100"
    assert events[1]["user"] == "op"


def test_a_failed_print_records_nothing(ctx):
    op = login(ctx, "op")
    ctx.production.set_lot(op, "L1", 5, 1)
    service = LabelService(ctx)
    content = service.lot_content(ctx.production.current_lot(), "#00", "op")
    assert (content.kind, content.box, content.payload) == ("lot", 0, "SFC1+L1+0+5")

    def offline(job):
        raise PrinterUnreachable("10.0.0.5", 9100, "no answer within 5 s")

    with pytest.raises(PrinterUnreachable):
        service.print_label(op, content, None, offline)
    assert label_events(ctx) == []
    # Still the first print afterwards: no reason asked.
    assert service.print_label(op, content, None, lambda job: "PDF").copy == 1


def test_roles_without_label_print_are_refused_and_audited(ctx):
    analyst = login(ctx, "ana")
    service = LabelService(ctx)
    op = login(ctx, "op")
    ctx.production.set_lot(op, "L1", 5, 1)
    content = service.lot_content(ctx.production.current_lot(), "#00", "ana")
    with pytest.raises(PermissionDenied):
        service.print_label(analyst, content, None, lambda job: "PDF")
    with ctx.database.read() as connection:
        denied = [e for e in audit_repo.list_events(connection, station="206")
                  if e["action"] == "permission.denied"]
    assert denied and denied[-1]["entity_id"] == "label.print"


def test_template_in_the_catalog_round_trip_and_hostile_values():
    template = LabelTemplate(width_mm=80, height_mm=40, dpi=300, fields=("lot", "box"),
                             qr=False, zebra_printers=(ZebraPrinter("201", "10.0.0.5"),))
    errors = []
    assert labels_from_dict(labels_to_dict(template), errors) == template and errors == []
    from config.catalog import Catalog

    raw = catalog_to_dict(Catalog(labels=template))
    assert catalog_from_dict(raw).labels == template
    assert catalog_from_dict({**raw, "labels": None}).labels == LabelTemplate()  # older catalogs
    bad = {"width_mm": 1e9, "height_mm": "50", "dpi": 204, "fields": ["lot", "lot", "price"],
           "code128": "yes", "zebra_printers": [
               {"station_id": "201", "host": "http://evil/x", "port": 9100},
               {"station_id": "202", "host": "printer-2.plant.local", "port": 70000},
               {"station_id": "203", "host": "::1"}, "junk"]}
    errors = []
    result = labels_from_dict(bad, errors)
    fields = {e.field for e in errors}
    assert {"labels.width_mm", "labels.height_mm", "labels.dpi", "labels.fields",
            "labels.code128", "labels.zebra_printers.0.host",
            "labels.zebra_printers.1.port", "labels.zebra_printers.3.station_id"} <= fields
    assert result.zebra_printers == (ZebraPrinter("203", "::1", 9100),)
    with pytest.raises(ValidationFailed):
        catalog_from_dict({**raw, "labels": bad})
