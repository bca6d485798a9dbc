"""A member production PC of a test site (sitekit's), with an operator, a lot and its journal
writer on the share: what the tests of hostile journals (a station's own key forging what its
service never writes) and of one station's fault build their stations from."""

from __future__ import annotations

from config.constants import Role
from utils.site.journal import JournalWriter

from tests.utils.site.sitekit import OPERATOR_PW, add_user, site_layout

FORM = {"size": "#00", "rejections": [["Furo", "Cap"]], "cam_d": "1,5", "cam_w": "2,0"}


class MemberStation:
    """Station `station_id` joined to `site`, operator `op` logged in, lot L1 set."""

    def __init__(self, site, tmp_path, station_id: str):
        self.ctx = site.station(tmp_path, station_id)
        if "op" not in site.admin.trust.state.users:
            add_user(site, "op", Role.OPERATOR)
        self.ctx.directory.refresh()
        self.operator = self.ctx.auth.login("op", OPERATOR_PW).session
        self.ctx.production.set_lot(self.operator, "L1", 100)
        self.writer = JournalWriter(self.ctx.database,
                                    site_layout(site.share).station(station_id).ensure(),
                                    self.ctx.anchor, self.ctx.trust.pc_key)

    def boxes(self, count: int) -> list[str]:
        """`count` genuine boxes, exported to the journal; their record ids."""
        ids = [self.ctx.production.register_box(self.operator, FORM).record_id
               for _ in range(count)]
        self.export()
        return ids

    def export(self) -> None:
        while self.writer.sync():
            pass


def made_stations(site, tmp_path, closing, kind: type = MemberStation,
                  station_ids: tuple[str, ...] = ("205", "206")) -> dict:
    """Member stations of `kind`, a box each, taken into the admin's view (205 sorts before
    206: what 205 breaks, 206 shows); closed with the test."""
    made = {station_id: kind(site, tmp_path, station_id) for station_id in station_ids}
    closing.extend(station.ctx for station in made.values())
    for station in made.values():
        station.boxes(1)
    site.admin.site_view.ingest()
    return made


def record_ids(view, station_id: str) -> set[str]:
    """The record ids the site view holds of `station_id`."""
    with view.database.read() as connection:
        return {row[0] for row in connection.exec_driver_sql(
            "SELECT record_id FROM view_record_versions WHERE station_id = ?", (station_id,))}
