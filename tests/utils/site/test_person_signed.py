"""Attacks on the acts a person signs, on two PCs of a site with real journals: station 206
(whose PC key someone copied: with it they write any event into 206's chain) and office1 (the
admin PC). An SPC baseline freeze and a classification of another station's stop count on
every PC only when signed by a key the site directory certified for a person whose role allows
it (utils/trust/person_documents.py); what the copied key writes is refused on ingest with one
WARNING line naming the station, the event and the reason, and changes nothing in the view."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import replace
from datetime import timedelta

import pytest

from config.constants import Role
from config.spc import SpcSettings, SpecLimit
from data.view_spc import FREEZE_ACTION
from models.canonical import parse_utc
from utils.audit.chain import Actor
from utils.changes import Topic
from utils.mes import spc_service
from utils.site.journal import JournalWriter
from utils.trust.person_documents import NoSigningKey

from tests.utils.site.sitekit import OPERATOR_PW, add_user, admin_session, site_layout

SETTINGS = SpcSettings((SpecLimit("#00", "cam_d", 0.5, 2.5),))
VALUES = [1.5, 1.6, 1.4, 1.5, 1.7, 1.5, 1.4, 1.6, 1.5, 1.3,
          1.5, 1.6, 1.4, 1.5, 1.6, 1.4, 1.5, 1.6, 1.4, 1.5] * 2  # 40 boxes


class Plant:
    def __init__(self, site, tmp_path):
        self.site = site
        self.office = site.admin
        self.station = site.station(tmp_path, "206")
        add_user(site, "op", Role.OPERATOR)
        add_user(site, "sup", Role.SUPERVISOR)
        self.station.directory.refresh()
        self.operator = self.station.auth.login("op", OPERATOR_PW).session
        self.supervisor = self.station.auth.login("sup", OPERATOR_PW).session
        self.station.production.set_lot(self.operator, "L1", 500)
        layout = site_layout(site.share)
        self.journals = [
            JournalWriter(self.station.database, layout.station("206").ensure(),
                          self.station.anchor, self.station.trust.pc_key),
            JournalWriter(self.office.database, layout.station("office1").ensure(),
                          self.office.anchor, self.office.trust.pc_key)]

    def sync(self) -> None:
        for writer in self.journals:
            while writer.sync():
                pass
        self.office.site_view.ingest()
        self.station.site_view.ingest()

    def forge(self, action: str, user: str, role: str, entity: str, entity_id: str,
              document: dict) -> int:
        """What a copied PC key allows: an event in 206's chain naming anyone, any role."""
        self.station.changes.record(Actor(user, role), action, topic=Topic.SPC, entity=entity,
                                    entity_id=entity_id, after=document)
        with self.station.database.read() as connection:
            return connection.exec_driver_sql("SELECT max(seq) FROM audit_events").scalar()

    def stop_row(self, ctx, station: str, stop_id: str):
        with ctx.site_view.database.read() as connection:
            return connection.exec_driver_sql(
                "SELECT reason, classified_by FROM oee_stops WHERE station = ? AND stop_id = ?",
                (station, stop_id)).fetchone()


@pytest.fixture
def plant(site, tmp_path):
    plant = Plant(site, tmp_path)
    yield plant
    plant.station.close()


def _refusals(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.levelno == logging.WARNING and "refused" in r.getMessage()]


def _after(moment: str):
    return parse_utc(moment) + timedelta(milliseconds=1)  # a baseline's end is exclusive


def _genuine_freeze(plant) -> dict:
    for value in VALUES:
        plant.station.production.register_box(plant.operator, {
            "size": "#00", "rej1_defect": "N/A", "cam_d": f"{value:.2f}".replace(".", ","),
            "cam_w": "1,0"})
    plant.sync()
    view = plant.office.site_view
    times = spc_service.chart(view, SETTINGS, "206", "#00", "cam_d").times
    spc_service.freeze(plant.office.changes, admin_session(plant.site), view, SETTINGS, "206",
                       "#00", "cam_d", parse_utc(times[0]), _after(times[19]),
                       "a stable week after setup")
    with plant.office.database.read() as connection:
        body = connection.exec_driver_sql("SELECT body FROM audit_events WHERE action = ?",
                                          (FREEZE_ACTION,)).scalar()
    return json.loads(body)["after"]


def test_freezes_forged_with_a_stations_key_count_nowhere(plant, caplog):
    genuine = _genuine_freeze(plant)
    assert genuine["signed_by"] == "ana" and genuine["key_id"] and genuine["sig"]
    unsigned = {k: v for k, v in genuine.items() if k not in ("key_id", "sig")}
    attacks = [
        # Written with 206's key, naming the admin: no person's signature at all.
        ("ana", unsigned, "not signed with a person's key"),
        # Signed with 206's own PC key, naming the admin.
        ("ana", plant.station.trust.pc_key.sign_document(unsigned),
         "never certified for that person"),
        # The supervisor's own key (open in their session at 206), naming the admin.
        ("ana", plant.supervisor.signer.sign_document(unsigned),
         "never certified for that person"),
        # The supervisor signing as themselves: their role may not freeze.
        ("sup", plant.supervisor.signer.sign_document({**unsigned, "signed_by": "sup"}),
         "may not freeze control limits"),
        # The admin's genuine signature moved onto another chart (CAM-W of the same size).
        ("ana", {**genuine, "measurement": "cam_w"}, "does not match"),
    ]
    seqs = [plant.forge(FREEZE_ACTION, user, "admin", "spc_baseline", "206/#00/cam_d", document)
            for user, document, _why in attacks]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="data.view_spc"):
        plant.sync()
    for ctx in (plant.office, plant.station):
        chart = spc_service.chart(ctx.site_view, SETTINGS, "206", "#00", "cam_d")
        assert chart.baseline is not None and chart.baseline.frozen_by == "ana"
        assert chart.baseline.frozen_at == genuine["signed_at"]
        assert spc_service.chart(ctx.site_view, SETTINGS, "206", "#00", "cam_w").baseline is None
    lines = _refusals(caplog)
    for seq, (_user, _document, why) in zip(seqs, attacks):
        found = [line for line in lines if f"baseline freeze 206/{seq} refused" in line]
        # once per PC's view: the office's and the station's own
        assert len(found) == 2 and all(why in line for line in found), (seq, why, lines)


def test_a_genuine_freeze_replayed_later_does_not_bring_old_limits_back(plant, caplog):
    first = _genuine_freeze(plant)
    view = plant.office.site_view
    times = spc_service.chart(view, SETTINGS, "206", "#00", "cam_d").times
    spc_service.freeze(plant.office.changes, admin_session(plant.site), view, SETTINGS, "206",
                       "#00", "cam_d", parse_utc(times[5]), _after(times[-1]),
                       "after the new die was fitted")
    plant.sync()
    assert spc_service.chart(view, SETTINGS, "206", "#00", "cam_d").baseline.start == times[5]
    seq = plant.forge(FREEZE_ACTION, "ana", "admin", "spc_baseline", "206/#00/cam_d", first)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="data.view_spc"):
        plant.sync()
    for ctx in (plant.office, plant.station):
        chart = spc_service.chart(ctx.site_view, SETTINGS, "206", "#00", "cam_d")
        assert chart.baseline.start == times[5]
    assert any(f"206/{seq} refused: the same signed freeze was already taken" in line
               for line in _refusals(caplog))


def _open_stop(plant) -> str:
    return plant.station.downtime.declare(plant.operator, "maintenance").stop_id


def test_classifications_forged_with_a_stations_key_count_nowhere(plant, caplog):
    stop_id = _open_stop(plant)
    office_admin = admin_session(plant.site)
    # Genuine: the admin classifies 206's stop from the office (signed with ana's key).
    plant.office.downtime.classify(office_admin, "206", stop_id, "material", "no capsules")
    plant.sync()
    for ctx in (plant.office, plant.station):
        assert plant.stop_row(ctx, "206", stop_id) == ("material", "ana")
    with plant.office.database.read() as connection:
        body = connection.exec_driver_sql(
            "SELECT body FROM audit_events WHERE action = 'stop.classified'").scalar()
    genuine = json.loads(body)["after"]
    unsigned = {k: v for k, v in genuine.items() if k not in ("key_id", "sig")}
    attacks = [
        # Another station's stop (207's), by 206's key naming the supervisor, unsigned.
        ("sup", {**unsigned, "station": "207", "signed_by": "sup"},
         "not signed with a person's key"),
        # 207's stop signed with the operator's own key, naming the supervisor.
        ("sup", plant.operator.signer.sign_document(
            {**unsigned, "station": "207", "signed_by": "sup"}),
         "never certified for that person"),
        # The operator signing as themselves for 207's stop: their role may not.
        ("op", plant.operator.signer.sign_document(
            {**unsigned, "station": "207", "signed_by": "op"}),
         "may not classify another station's stops"),
        # The admin's genuine classification moved onto 207's stop.
        ("ana", {**genuine, "station": "207"}, "does not match"),
        # 206's own stop, naming the admin, unsigned: the admin has a key, it is required.
        ("ana", {**unsigned, "reason": "setup"}, "not signed with a person's key"),
        # 206's own stop by its operator, unsigned (the operator has a key).
        ("op", {**unsigned, "reason": "setup", "signed_by": "op"},
         "not signed with a person's key"),
    ]
    seqs = [plant.forge("stop.classified", user, "supervisor", "stop",
                        f"{document['station']}/{stop_id}", document)
            for user, document, _why in attacks]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="data.view_oee"):
        plant.sync()
    for ctx in (plant.office, plant.station):
        assert plant.stop_row(ctx, "206", stop_id) == ("material", "ana")
        assert plant.stop_row(ctx, "207", stop_id) is None
    lines = _refusals(caplog)
    for seq, (_user, document, why) in zip(seqs, attacks):
        pattern = re.compile(rf"stop\.classified of station 206 seq {seq} refused \(station "
                             rf"{document['station']}'s stop: [^)]*{re.escape(why)}")
        assert sum(bool(pattern.search(line)) for line in lines) == 2, (seq, why, lines)


def test_the_operator_signs_the_classification_of_their_own_stop(plant):
    stop_id = _open_stop(plant)
    plant.station.downtime.classify(plant.operator, "206", stop_id, "setup", "die change")
    plant.sync()
    for ctx in (plant.office, plant.station):
        assert plant.stop_row(ctx, "206", stop_id) == ("setup", "op")
    # Without the person's key open (a session in a site whose key did not open), nothing is
    # written: the view would refuse it.
    keyless = replace(plant.operator, signer=None)

    def written() -> int:
        with plant.station.database.read() as connection:
            return connection.exec_driver_sql(
                "SELECT count(*) FROM audit_events WHERE action = 'stop.classified'").scalar()

    before = written()
    with pytest.raises(NoSigningKey):
        plant.station.downtime.classify(keyless, "206", stop_id, "material")
    assert written() == before
    with pytest.raises(NoSigningKey):
        spc_service.freeze(plant.office.changes, replace(admin_session(plant.site), signer=None),
                           plant.office.site_view,
                           SETTINGS, "206", "#00", "cam_d",
                           parse_utc("2026-01-01T00:00:00.000Z"),
                           parse_utc("2026-01-02T00:00:00.000Z"), "a stable week after setup")
