"""Records proven by the chain: the tamper matrix on `record_versions`.

A station registers boxes and a supervisor corrects one through the real services, in a real
home in tmp_path; then an attacker works on the SQLite file with plain sqlite3 (inserting with
the triggers in place, updating and deleting after dropping them, swapping two versions). Each
time `verify-audit` must name the record, the version and the kind; the station's export and a
new correction must refuse to build on the altered row (and say so in the trail); the site view,
built from the chain alone, keeps showing what the chain holds.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from config.constants import Role
from config.settings import Settings
from data.records_repo import RecordFilter
from utils.audit.verify import TamperKind
from utils.clock import ManualClock
from utils.context import AppContext
from utils.production import Meaning, ProductionError, Signature
from utils.audit.records import RecordsNotProven
from utils.records_io import export_records
from utils.settings_store import save_settings

FORM = {"size": "#00", "rej1_defect": "Rachada", "rej1_location": "Cap/Body",
        "cam_d": "4,42", "cam_w": "3.98"}
PASSWORD = "Quarry-Lantern-42"


@pytest.fixture
def plant(tmp_path, monkeypatch):
    """Three boxes, the second corrected (cam_d 4.42 -> 4.24): four versions, four events."""
    monkeypatch.setattr("utils.passwords.BCRYPT_ROUNDS", 4, raising=False)
    settings = Settings(station_id="206", timezone="America/Sao_Paulo")
    ctx = AppContext.open(tmp_path / "home", clock=ManualClock(), settings=settings)
    save_settings(ctx.paths.settings_file, settings)  # the command line reads the same home
    ctx.auth.create_first_admin("ana", "Ana Admin", PASSWORD)
    admin = ctx.auth.login("ana", PASSWORD).session
    for name, role in (("op", Role.OPERATOR), ("sup", Role.SUPERVISOR)):
        ctx.auth.create_user(admin, name, name.title(), role, "Initial-Pass-" + "x".join(name),
                             "new hire on shift A")
    op = ctx.auth.login("op", "Initial-Pass-oxp").session
    ctx.production.set_lot(op, "L2503-001", 10, 1)
    boxes = [ctx.production.register_box(op, FORM) for _ in range(3)]
    sup = ctx.auth.login("sup", "Initial-Pass-sxuxp").session
    ctx.production.edit_record(sup, boxes[1].record_id, {"cam_d": "4,24"},
                               "typed wrong: the gauge says 4,24",
                               signature=Signature("Initial-Pass-sxuxp", Meaning.CORRECTION))
    yield ctx, [box.record_id for box in boxes], sup
    ctx.close()


@contextmanager
def attacker(ctx, *drop: str) -> Iterator[sqlite3.Connection]:
    """Plain sqlite3 on the database file, with the named triggers of record_versions dropped
    (update, delete) as an attacker would."""
    con = sqlite3.connect(ctx.database.path, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        for verb in drop:
            con.execute(f"DROP TRIGGER record_versions_no_{verb}")
        yield con
        con.execute("COMMIT")
    finally:
        con.close()


def home_result(ctx):
    results = ctx.verify_audit()
    assert [r.station for r in results] == ["206"]
    return results[0]


def assert_found(result, kind: TamperKind, record_id: str, version: int) -> None:
    assert result.ok is False and not result.cancelled, result
    assert (result.kind, result.record_id, result.record_version) == (kind, record_id, version), \
        result.detail
    assert record_id in result.detail and f"version {version}" in result.detail


def view_row(ctx, record_id: str) -> dict:
    ctx.site_view.ingest_local()
    row = ctx.site_view.current_record(record_id)
    assert row is not None
    return row


# --- intact ---------------------------------------------------------------------------------

def test_intact_records_match_the_chain(plant):
    ctx, ids, _sup = plant
    result = home_result(ctx)
    assert result.ok, result.detail
    assert result.records_checked == 4 and result.record_id is None
    assert "4 record versions match the chain" in result.detail


# --- the matrix -----------------------------------------------------------------------------

def test_version_inserted_with_the_triggers_in_place(plant):
    """The issue's case: a new version 3 of box 2 (cam_d 99.9, cam_w 88.8) INSERTed while the
    append-only triggers stand (they refuse only UPDATE and DELETE)."""
    ctx, ids, _sup = plant
    with attacker(ctx) as con:
        row = con.execute("SELECT * FROM record_versions WHERE record_id = ? AND version = 2",
                          (ids[1],)).fetchone()
        names = [c[0] for c in con.execute("SELECT * FROM record_versions LIMIT 0").description]
        forged = dict(zip(names, row), version=3, base_version=2, cam_d=99.9, cam_w=88.8)
        con.execute(f"INSERT INTO record_versions ({', '.join(forged)}) "
                    f"VALUES ({', '.join('?' * len(forged))})", tuple(forged.values()))
    assert_found(home_result(ctx), TamperKind.RECORD_INSERTED, ids[1], 3)
    assert "no event of the chain wrote it" in home_result(ctx).detail
    # The site view is built from the chain: it never shows the forged version.
    assert (view_row(ctx, ids[1])["version"], view_row(ctx, ids[1])["cam_d"]) == (2, 4.24)


def test_row_updated_after_dropping_its_trigger(plant):
    ctx, ids, _sup = plant
    with attacker(ctx, "update") as con:
        con.execute("UPDATE record_versions SET cam_d = 99.9, cam_w = 88.8 "
                    "WHERE record_id = ? AND version = 1", (ids[0],))
    result = home_result(ctx)
    assert_found(result, TamperKind.RECORD_MODIFIED, ids[0], 1)
    assert "cam_d is 99.9, the chain says 4.42" in result.detail
    assert "cam_w is 88.8, the chain says 3.98" in result.detail
    assert result.first_bad_seq is not None  # the event that says otherwise
    assert view_row(ctx, ids[0])["cam_d"] == 4.42


def test_every_column_of_a_row_is_covered(plant):
    ctx, ids, _sup = plant
    changes = {"lot": "'L9'", "box": "9", "size": "'#1'", "unit_weight_kg": "0.5",
               "rej1_defect": "'Furo'", "rej1_location": "'Cap'", "rej2_defect": "'Furo'",
               "rej2_location": "'Cap'", "operator": "'mallory'",
               "recorded_at": "'2026-01-01T00:00:00.000Z'", "utc_offset_minutes": "0",
               "origin": "'manual'", "status": "'voided'", "reason": "'x'", "editor": "'x'",
               "edited_at": "'2026-01-01T00:00:00.000Z'", "base_version": "7",
               "station_id": "'207'"}
    with attacker(ctx, "update") as con:
        con.execute("CREATE TEMP TABLE keep AS SELECT * FROM record_versions")
        for column, value in changes.items():
            con.execute(f"UPDATE record_versions SET {column} = {value} "
                        f"WHERE record_id = ? AND version = 1", (ids[2],))
            result_con = con  # the check runs on its own connection: commit first
            result_con.execute("COMMIT")
            found = home_result(ctx)
            assert (found.kind, found.record_id, column) == (
                TamperKind.RECORD_MODIFIED, ids[2], column), found.detail
            assert f"{column} is " in found.detail
            con.execute("BEGIN IMMEDIATE")
            con.execute(f"UPDATE record_versions SET {column} = "
                        f"(SELECT {column} FROM keep WHERE record_id = ? AND version = 1) "
                        f"WHERE record_id = ? AND version = 1", (ids[2], ids[2]))
    assert home_result(ctx).ok


def test_version_deleted(plant):
    """Version 2 of box 2 deleted: the export would show version 1 (4.42) as current."""
    ctx, ids, _sup = plant
    with attacker(ctx, "delete") as con:
        con.execute("DELETE FROM record_versions WHERE record_id = ? AND version = 2", (ids[1],))
    result = home_result(ctx)
    assert_found(result, TamperKind.RECORD_DELETED, ids[1], 2)
    assert "holds no such version (deleted)" in result.detail
    assert view_row(ctx, ids[1])["version"] == 2


def test_two_versions_swapped(plant):
    ctx, ids, _sup = plant
    with attacker(ctx, "update") as con:
        con.execute("UPDATE record_versions SET version = -1 WHERE record_id = ? AND version = 1",
                    (ids[1],))
        con.execute("UPDATE record_versions SET version = 1 WHERE record_id = ? AND version = 2",
                    (ids[1],))
        con.execute("UPDATE record_versions SET version = 2 WHERE record_id = ? AND version = -1",
                    (ids[1],))
    result = home_result(ctx)
    assert_found(result, TamperKind.RECORD_MODIFIED, ids[1], 1)
    assert "versions swapped or copied" in result.detail


def test_a_broken_chain_keeps_its_kind_and_names_the_record_too(plant):
    ctx, ids, _sup = plant
    with closing(sqlite3.connect(ctx.database.path)) as con:
        con.execute("DROP TRIGGER record_versions_no_update")
        con.execute("DROP TRIGGER audit_events_no_update")
        con.execute("UPDATE record_versions SET cam_d = 1.0 WHERE record_id = ?", (ids[2],))
        con.execute("UPDATE audit_events SET username = 'mallory' WHERE seq = 3")
        con.commit()
    result = home_result(ctx)
    assert result.kind == TamperKind.MODIFIED and result.record_id == ids[2]
    assert "records: record " in result.detail


# --- nothing shows an altered value unsaid --------------------------------------------------

def test_export_refuses_a_version_the_chain_does_not_hold_and_says_so(plant, tmp_path):
    ctx, ids, sup = plant
    out = tmp_path / "shift.csv"
    assert export_records(ctx.production, sup, "csv", out, RecordFilter()) == 3
    with open(out, encoding="utf-8-sig") as handle:
        assert len(list(csv.reader(handle))) == 4
    out.unlink()
    with attacker(ctx, "update") as con:
        con.execute("UPDATE record_versions SET cam_d = 99.9 WHERE record_id = ? "
                    "AND version = 1", (ids[0],))
    with pytest.raises(RecordsNotProven, match="The export refused: record .* version 1"):
        export_records(ctx.production, sup, "csv", out, RecordFilter())
    assert not out.exists()
    with ctx.database.read() as connection:
        from data import audit_repo

        event = audit_repo.list_events(connection, action="records.not_proven")[-1]
    after = json.loads(event["body"])["after"]
    assert (event["entity_id"], after["kind"], after["version"]) == (
        ids[0], "record_modified", 1)


def test_a_correction_never_builds_on_an_altered_row(plant):
    ctx, ids, sup = plant
    with attacker(ctx, "update") as con:
        con.execute("UPDATE record_versions SET cam_w = 88.8 WHERE record_id = ?", (ids[2],))
    with pytest.raises(ProductionError) as refused:
        ctx.production.edit_record(sup, ids[2], {"cam_d": "4,0"}, "measured again at the bench",
                                   signature=Signature("Initial-Pass-sxuxp", Meaning.CORRECTION))
    assert refused.value.code == "not_proven" and "cam_w is 88.8" in str(refused.value)
    with pytest.raises(ProductionError, match="not what|differs"):
        ctx.production.void_record(sup, ids[2], "box dropped on the floor",
                                   signature=Signature("Initial-Pass-sxuxp", Meaning.VOID))
    with ctx.database.read() as connection:
        from data import records_repo

        assert [v.version for v in records_repo.history(connection, ids[2])] == [1]


# --- the command line -----------------------------------------------------------------------

def test_verify_audit_command_names_the_record(plant, shopfloor):
    ctx, ids, _sup = plant
    home = ctx.paths.data_dir.parent
    ctx.close()
    intact = shopfloor(home, "verify-audit")
    assert intact.returncode == 0 and "4 record versions match the chain" in intact.stdout
    with closing(sqlite3.connect(ctx.database.path)) as con:
        con.execute("DROP TRIGGER record_versions_no_update")
        con.execute("UPDATE record_versions SET cam_d = 99.9 WHERE record_id = ?", (ids[0],))
        con.commit()
    changed = shopfloor(home, "verify-audit")
    assert changed.returncode == 1
    assert (f"station 206: NOT intact: record {ids[0]} version 1 (record_modified)"
            in changed.stdout)
    as_json = shopfloor(home, "verify-audit", "--json")
    assert as_json.returncode == 1
    station = json.loads(as_json.stdout)["stations"][0]
    assert (station["kind"], station["record_id"], station["record_version"]) == (
        "record_modified", ids[0], 1)
