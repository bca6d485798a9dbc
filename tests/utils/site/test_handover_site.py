"""A handover signed on station 206 reaches the supervisor's history on the office PC through
the share (real journals, real site view), with both people's signatures checked there."""

from __future__ import annotations

from config.constants import Role
from data.view_handover import HistoryFilter
from models.shifts import shift_of
from utils.site.journal import JournalWriter
from utils.site.layout import SiteLayout

from tests.utils.site.sitekit import ADMIN_PW

OP_PW = "Initial-Pass-1"


def test_a_handover_on_station_a_is_in_the_office_history(site, tmp_path):
    station = site.station(tmp_path, "206")
    try:
        admin = site.admin.auth.login("ana", ADMIN_PW).session
        for name in ("op", "op2"):
            site.admin.auth.create_user(admin, name, name.upper() + " Silva", Role.OPERATOR,
                                        OP_PW, "account for the handover test")
            site.admin.auth.change_password(name, OP_PW, OP_PW + "x")
        station.directory.refresh()
        op = station.auth.login("op", OP_PW + "x").session
        station.production.set_lot(op, "L77", 5)
        for _ in range(2):
            station.production.register_box(op, {"size": "#00", "rej1_defect": "Furo",
                                                 "rej1_location": "Cap", "cam_d": "1",
                                                 "cam_w": "1"})
        # The shift the boxes are in (this test runs on the real clock: the shift "to hand
        # over" is the one that ended, with no box in it, in the first 2 h of the next).
        shift = shift_of(station.clock.now(), station.timezone)
        signed = station.handover.sign(op, shift, "Scale 2 drifts; watch it",
                                       password=OP_PW + "x", username="op")
        journal = JournalWriter(station.database, SiteLayout(site.share).station("206").ensure(),
                                station.anchor, station.trust.pc_key)
        journal.sync()
        site.admin.site_view.ingest()

        history = site.admin.handover_history
        [row] = history.search(admin, HistoryFilter())
        assert (row["station"], row["handover"], row["signed_by"]) == ("206", signed.id, "op")
        assert (row["boxes"], row["rejections"], row["ack_by"]) == (2, 2, None)
        assert row["stop_minutes"] == 0  # no stops in the shift (None: a version without)
        assert row["problem"] is None  # op's own key, certified by the site: it holds
        assert history.search(admin, HistoryFilter(text="SCALE furo")) == [row]
        assert history.search(admin, HistoryFilter(text="nothing like it")) == []
        assert history.search(admin, HistoryFilter(station="207")) == []

        op2 = station.auth.login("op2", OP_PW + "x").session
        station.handover.acknowledge(op2, signed.id, password=OP_PW + "x", username="op2",
                                     note="read")
        station.handover.add_note(op, signed.id, "Scale 2 replaced at 07:10",
                                  password=OP_PW + "x", username="op")
        journal.sync()
        site.admin.site_view.ingest()
        [row] = history.search(admin, HistoryFilter(waiting_only=False))
        assert (row["ack_by"], row["addenda"], row["problem"]) == ("op2", 1, None)
        assert history.search(admin, HistoryFilter(waiting_only=True)) == []
        [note] = history.notes(admin, "206", signed.id)
        assert (note["signed_by"], note["note"], note["problem"]) == (
            "op", "Scale 2 replaced at 07:10", None)
        assert history.search(admin, HistoryFilter(text="replaced")) == [row]
    finally:
        station.close()
