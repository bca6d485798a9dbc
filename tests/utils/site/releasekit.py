"""A plant for release tests: station 206 making lots, office1 (the admin PC) where a quality
person signs, and the journals between them (written and read when a test says so)."""

from __future__ import annotations

from config.constants import Role
from models.lot_status import DecisionKind
from utils.site.journal import JournalWriter
from utils.site.layout import SiteLayout

from tests.utils.site.sitekit import ADMIN_PW, make_site

QA_PW = "Quality-Orchard-77"
OP_PW = "Initial-Pass-1"
FORM = {"size": "#00", "rej1_defect": "Rachada", "rej1_location": "Cap/Body",
        "cam_d": "1,42", "cam_w": "0.98"}


class Plant:
    """A site: station 206 making lots, office1 (admin PC) where quality signs, journals."""

    def __init__(self, tmp_path):
        self.site = make_site(tmp_path)
        self.office = self.site.admin
        self.station = self.site.station(tmp_path, "206")
        admin = self.office.auth.login("ana", ADMIN_PW).session
        for name, role, password in (("op", Role.OPERATOR, OP_PW), ("qa", Role.QUALITY, QA_PW)):
            self.office.auth.create_user(admin, name, name.upper(), role, password,
                                         "account for the release tests")
            self.office.auth.change_password(name, password, password + "x")
        self.station.directory.refresh()
        self.operator = self.station.auth.login("op", OP_PW + "x").session
        layout = SiteLayout(self.site.share)
        self.station_journal = JournalWriter(self.station.database,
                                             layout.station("206").ensure(),
                                             self.station.anchor, self.station.trust.pc_key)
        self.office_journal = JournalWriter(self.office.database,
                                            layout.station("office1").ensure(),
                                            self.office.anchor, self.office.trust.pc_key)

    def qa(self):
        return self.office.auth.login("qa", QA_PW + "x").session

    def make_lot(self, code: str, boxes: int, form=FORM):
        self.station.production.set_lot(self.operator, code, boxes)
        made = [self.station.production.register_box(self.operator, form) for _ in range(boxes)]
        self.station_journal.sync()
        self.office.site_view.ingest()
        return made

    def release(self, session, lot, *, username="qa", password=QA_PW + "x"):
        state = self.office.release.state(session, lot)
        return self.office.release.decide(session, lot, DecisionKind.RELEASE, password=password,
                                          username=username, reviewed_hash=state.content_hash)

    def close(self):
        self.station.close()
        self.office.close()


