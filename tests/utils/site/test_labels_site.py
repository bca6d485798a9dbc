"""Labels across two PCs on a real share: the admin publishes the label template (a Zebra
printer for station 206) in the signed site catalog, the station takes it and prints to that
printer (a fake on 127.0.0.1), and its print and reprint, with the reason, reach the admin
PC's site view through the station's journal."""

from __future__ import annotations

import json

from sqlalchemy import select

from config.constants import Role
from data import view_schema
from utils.mes.label_layout import layout_label
from utils.mes.labels import LabelService
from utils.mes.zpl import label_zpl
from utils.mes.zpl_printer import send_zpl
from utils.site.journal import JournalWriter
from utils.site.layout import SiteLayout
from utils.site_catalog import catalog_to_dict

from tests.utils.mes.test_zpl import CAPTIONS, FakeZebra
from tests.utils.mes.zpl_check import parse
from tests.utils.site.sitekit import ADMIN_PW, make_site


def test_template_reaches_the_station_and_reprints_reach_the_admin(tmp_path):
    site = make_site(tmp_path)
    station = site.station(tmp_path, "206")
    printer = FakeZebra()
    try:
        admin = site.admin.auth.login("ana", ADMIN_PW).session
        site.admin.auth.create_user(admin, "op", "Op", Role.OPERATOR, "Initial-Pass-1",
                                    "operator for machine 206")
        raw = catalog_to_dict(site.admin.catalog)
        raw["labels"].update({"width_mm": 80.0, "height_mm": 40.0, "zebra_printers": [
            {"station_id": "206", "host": "127.0.0.1", "port": printer.port}]})
        site.admin.site_catalog.publish(admin, raw, "zebra printer on line 206")
        station.directory.refresh()
        assert station.site_catalog.refresh() is not None
        template = station.catalog.labels
        zebra = template.zebra_for("206")
        assert (template.width_mm, zebra.host, zebra.port) == (80.0, "127.0.0.1", printer.port)

        operator = station.auth.login("op", "Initial-Pass-1").session
        station.production.set_lot(operator, "L9", 10)
        record = station.production.register_box(
            operator, {"size": "#00", "cam_d": "1", "cam_w": "1"})
        service = LabelService(station)
        content = service.box_content(record, station.production.current_lot())

        def to_zebra(job):
            send_zpl(zebra.host, zebra.port, label_zpl(layout_label(job.content, template, CAPTIONS)))
            return f"Zebra {zebra.host}:{zebra.port}"

        service.print_label(operator, content, None, to_zebra)
        printer.close()
        label = parse(printer.received.decode("utf-8"))
        assert (label.width, label.height) == (639, 320)  # 80 x 40 mm at 203 dpi
        assert [f.data for f in label.fields if f.kind == "code128"] == ["SFC1+L9+1+10"]
        service.print_label(operator, content, "smudged by the glue gun", lambda job: "PDF")

        writer = JournalWriter(station.database, SiteLayout(site.share).station("206").ensure(),
                               station.anchor, station.trust.pc_key)
        while writer.sync():
            pass
        site.admin.site_view.ingest()
        events = view_schema.view_events
        with site.admin.site_view.database.read() as connection:
            rows = connection.execute(select(events.c.action, events.c.entity_id, events.c.body)
                                      .where(events.c.station == "206",
                                             events.c.entity == "label")
                                      .order_by(events.c.seq)).all()
        assert [(r.action, r.entity_id) for r in rows] == [
            ("label.print", "box/206/L9/1"), ("label.reprint", "box/206/L9/1")]
        reprint = json.loads(rows[1].body)
        assert reprint["reason"] == "smudged by the glue gun" and reprint["after"]["copy"] == 2
    finally:
        printer.close()
        site.admin.site_view.close()
        station.close()
        site.admin.close()
