"""Upgrades: homes written by earlier releases, opened with today's code.

The fixtures in tests/fixtures/upgrade/ were made by the old commits' own command line (see
the README there). Each test works on a copy in tmp_path and checks that the schema and the
settings are brought up to date, every user, record and lot is still there, and the audit
chain verifies right after the upgrade and after new events.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from config.constants import Role
from config.paths import resolve_paths
from config.settings import SETTINGS_VERSION, Settings, SettingsError
from data import audit_repo, records_repo, schema, users_repo, view_schema
from data.migrations import LATEST_VERSION, MIGRATIONS
from data.records_repo import RecordFilter
from models.canonical import parse_utc
from utils.auth import LoginFailure
from utils.production import Meaning, Signature
from utils.clock import ManualClock
from utils.context import AppContext
from utils.records_io import import_legacy_file
from utils.site.journal import JournalWriter
from utils.trust.upgrade import upgrade_site
from utils.site.layout import SiteLayout
from utils.site.membership import join_site_membership

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "upgrade"


def _load_maker():
    """make_fixtures.py holds the fixture passwords and the legacy rows it imported."""
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAKER = _load_maker()
PASSWORDS = MAKER.PASSWORDS

# What each fixture holds (README.md there; counted when it was made).
EXPECTED = {
    "v1-10f95d3": {
        "schema": [1],
        "users": {"carla": (Role.SUPERVISOR, True, True, 1), "joao": (Role.OPERATOR, True, False, 0),
                  "maria": (Role.ADMIN, True, False, 0), "pedro": (Role.OPERATOR, False, True, 0)},
        "lot": ("L2510-001", 3, 3), "events": 34, "checkpoints": 11, "key_kinds": ["local"],
        "versions": 16,
        "settings": {"site_id": None, "site_folder": None},
    },
    "v2-5a62e3b": {
        "schema": [1, 2],
        "users": {"ana": (Role.ANALYST, True, True, 0), "joao": (Role.OPERATOR, True, False, 0),
                  "maria": (Role.ADMIN, True, False, 0)},
        "lot": ("L2510-003", 5, 1), "events": 34, "checkpoints": 9, "key_kinds": ["local", "site"],
        "versions": 16,
        "settings": {"station_kind": "production", "command_max_skew_s": 300, "metrics_port": None},
        "ledger": [("set_lot", "done")], "sent": [("206", "set_lot", "done")],
    },
}
NAMES = sorted(EXPECTED)
# Settings every fixture started from (settings-v0/settings.json, migrated by the old code).
COMMON_SETTINGS = {"version": SETTINGS_VERSION, "station_id": "206", "status_interval_ms": 2000,
                   "lockout_threshold": 3, "language": "pt_BR", "idle_logout_minutes": 20,
                   "timezone": "America/Sao_Paulo", "checkpoint_every_events": 10}


# -- helpers ----------------------------------------------------------------------------------

def copy_fixture(name: str, tmp_path: Path) -> Path:
    """A copy of the fixture's home; a site fixture's settings point at the copied share
    (the share of the run that made it was a temporary folder)."""
    target = tmp_path / name
    shutil.copytree(FIXTURES / name, target)
    home = target / "home"
    if (target / "site").is_dir():
        settings_file = home / "config" / "settings.json"
        settings = json.loads(settings_file.read_text(encoding="utf-8"))
        settings["site_folder"] = str(target / "site")
        settings_file.write_text(json.dumps(settings, indent=2, sort_keys=True) + "\n",
                                 encoding="utf-8")
    return home


def database_file(home: Path) -> Path:
    return home / "data" / "shopfloor.sqlite3"


def fixture_clock(home: Path) -> ManualClock:
    """A clock an hour after the fixture's last audit event (as a PC upgraded later)."""
    document = json.loads((home / "data" / "audit-checkpoint.json").read_text(encoding="utf-8"))
    last = max(parse_utc(entry["ts"]) for entry in document["stations"].values())
    return ManualClock(last + timedelta(hours=1))


def open_ctx(home: Path, clock: ManualClock | None = None) -> AppContext:
    return AppContext.open(home, clock=clock or fixture_clock(home))


def plain(path: Path) -> sqlite3.Connection:
    """A read-only sqlite3 connection: what is on disk, seen without the code under test."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def schema_of(path: Path) -> dict:
    """Tables with their columns, indexes and triggers, as SQLite describes them."""
    connection = plain(path)
    try:
        objects = connection.execute(
            "SELECT type, name, tbl_name FROM sqlite_master ORDER BY type, name").fetchall()
        columns = {name: connection.execute(f'PRAGMA table_info("{name}")').fetchall()
                   for kind, name, _ in objects if kind == "table"}
    finally:
        connection.close()
    return {"objects": objects, "columns": columns}


def dump(path: Path) -> list[str]:
    connection = plain(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def migrations_rows(path: Path) -> list[tuple]:
    connection = plain(path)
    try:
        return connection.execute(
            "SELECT version, description, applied_at FROM schema_migrations ORDER BY version"
        ).fetchall()
    finally:
        connection.close()


def assert_audit_intact(ctx: AppContext, events: int) -> None:
    results = ctx.verify_audit()
    assert [(r.station, r.ok, r.kind) for r in results] == [("206", True, None)], results
    assert results[0].head_seq == events


def _chain_of(ctx: AppContext) -> list[tuple[int, str, str]]:
    with ctx.database.read() as connection:
        return chain_rows(connection)


def chain_rows(connection) -> list[tuple[int, str, str]]:
    """(seq, action, key id) of station 206's events."""
    events = schema.audit_events
    query = (select(events.c.seq, events.c.action, events.c.key_id)
             .where(events.c.station == "206").order_by(events.c.seq))
    return [tuple(row) for row in connection.execute(query)]


@pytest.fixture
def cli(shopfloor):
    """`shopfloor --home HOME ARGS` run by today's code in this process (tests/cli/clikit.py)."""
    return shopfloor


@pytest.fixture(params=NAMES)
def upgraded(request, tmp_path):
    """(fixture name, home, context) with the home opened, hence upgraded, by today's code."""
    home = copy_fixture(request.param, tmp_path)
    ctx = open_ctx(home)
    yield request.param, home, ctx
    ctx.close()


# -- schema -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_schema_is_brought_to_the_latest_version_and_recorded(name, tmp_path):
    home = copy_fixture(name, tmp_path)
    before = migrations_rows(database_file(home))
    assert [row[0] for row in before] == EXPECTED[name]["schema"]

    open_ctx(home).close()

    after = migrations_rows(database_file(home))
    assert after[:len(before)] == before  # the old steps' records are kept as they were
    assert [(v, d) for v, d, _ in after[len(before):]] == \
        [(v, d) for v, d, _ in MIGRATIONS[len(before):]]
    assert after[-1][0] == LATEST_VERSION


@pytest.mark.parametrize("name", NAMES)
def test_upgraded_schema_equals_a_new_databases(name, tmp_path):
    """Tables, columns, indexes and triggers: an upgraded database misses nothing a new one
    has (the append-only triggers and the site read-model among them)."""
    home = copy_fixture(name, tmp_path)
    open_ctx(home).close()
    fresh_home = tmp_path / "fresh"
    AppContext.open(fresh_home, clock=ManualClock()).close()
    upgraded, fresh = schema_of(database_file(home)), schema_of(database_file(fresh_home))
    missing = set(fresh["objects"]) - set(upgraded["objects"])
    extra = set(upgraded["objects"]) - set(fresh["objects"])
    assert (missing, extra) == (set(), set())
    assert upgraded["columns"] == fresh["columns"]


@pytest.mark.parametrize("name", NAMES)
def test_opening_twice_changes_nothing_more(name, tmp_path):
    home = copy_fixture(name, tmp_path)
    clock = fixture_clock(home)
    open_ctx(home, clock).close()
    once = dump(database_file(home))
    open_ctx(home, clock).close()
    assert dump(database_file(home)) == once


def test_upgraded_append_only_tables_refuse_replace(tmp_path):
    """The trigger a v1 database lacked: INSERT OR REPLACE over an audit event is refused,
    even on a connection without recursive_triggers."""
    home = copy_fixture("v1-10f95d3", tmp_path)
    open_ctx(home).close()
    connection = sqlite3.connect(database_file(home))
    try:
        row = connection.execute("SELECT * FROM audit_events WHERE seq = 5").fetchone()
        names = [d[0] for d in connection.execute("SELECT * FROM audit_events LIMIT 0").description]
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            connection.execute(
                f"INSERT OR REPLACE INTO audit_events ({', '.join(names)}) "
                f"VALUES ({', '.join('?' * len(names))})", row)
    finally:
        connection.close()


# -- data -------------------------------------------------------------------------------------

def test_users_are_kept_and_log_in_with_their_fixture_passwords(upgraded):
    name, _home, ctx = upgraded
    with ctx.database.read() as connection:
        users = {u.username: (u.role, u.active, u.must_change_password, u.failed_attempts)
                 for u in users_repo.list_all(connection)}
    assert users == EXPECTED[name]["users"]

    maria = ctx.auth.login("maria", PASSWORDS["maria"])
    assert maria.ok and maria.session.role == Role.ADMIN
    assert not maria.session.must_change_password
    joao = ctx.auth.login("joao", PASSWORDS["joao"])
    assert joao.ok and not joao.session.must_change_password
    assert not ctx.auth.login("joao", PASSWORDS["joao_initial"]).ok  # the changed one counts
    newcomer = "carla" if "carla" in users else "ana"
    first = ctx.auth.login(newcomer, PASSWORDS[newcomer])
    assert first.ok and first.session.must_change_password
    if "pedro" in users:  # deactivated in the old release: stays out
        refused = ctx.auth.login("pedro", PASSWORDS["pedro"])
        assert not refused.ok and refused.failure == LoginFailure.BAD_CREDENTIALS


def test_records_versions_and_lot_are_kept(upgraded):
    name, _home, ctx = upgraded
    lot_code = EXPECTED[name]["lot"][0]
    registered_lot = "L2510-001" if name.startswith("v1") else "L2510-002"
    with ctx.database.read() as connection:
        current = records_repo.list_current_rows(connection, RecordFilter(include_voided=True))
        lot = records_repo.get_lot(connection, "206")
        registered = records_repo.list_current_rows(connection, RecordFilter(lot=registered_lot))
        histories = {row["record_id"]: records_repo.history(connection, row["record_id"])
                     for row in current}
    assert len(current) == 14 and sum(len(h) for h in histories.values()) == 16
    assert (lot.code, lot.total_boxes, lot.current_box) == EXPECTED[name]["lot"]
    assert lot_code == lot.code

    imported = [r for r in current if r["origin"] == "import"]
    assert len(imported) == 12
    assert sorted({r["station_id"] for r in imported}) == \
        ["203", "204", "205", "206", "207", "208", "209", "211"]
    by_key = {(r["station_id"], r["lot"], r["box"]): r for r in imported}
    first_of_207 = by_key[("207", "L2504-001", 2)]
    # 06:03:51 in São Paulo (UTC-3) on 2025-11-03; CAM-W had a decimal comma in the file.
    assert first_of_207["recorded_at"] == "2025-11-03T09:03:51.000Z"
    assert (first_of_207["size"], first_of_207["cam_d"], first_of_207["cam_w"]) == ("#0", 3.33, 3.49)
    voided = histories[by_key[("206", "L2503-001", 2)]["record_id"]]
    assert [(v.version, str(v.status), v.editor) for v in voided] == \
        [(1, "active", None), (2, "voided", "maria")]
    assert voided[1].reason == "caixa descartada na inspecao"

    assert [(r["box"], r["operator"], r["size"]) for r in registered] == \
        [(1, "joao", "#00"), (2, "joao", "#00")]
    edited = histories[registered[0]["record_id"]]
    assert [(v.version, v.cam_d, v.editor) for v in edited] == [(1, 4.42, None), (2, 4.24, "maria")]
    assert edited[1].reason == "digitado errado: 4,24 no paquimetro"
    assert edited[1].rejections[0].defect == "Rachada"


def test_legacy_rows_imported_before_the_upgrade_are_not_imported_again(upgraded, tmp_path):
    _name, _home, ctx = upgraded
    maria = ctx.auth.login("maria", PASSWORDS["maria"]).session
    report = import_legacy_file(ctx.production, maria,
                                MAKER._small_legacy_csv(tmp_path / "dados_producao.csv"),
                                "America/Sao_Paulo")
    assert (report.total_rows, report.imported, report.already_present, len(report.rejected)) \
        == (13, 0, 12, 1)


def test_v2_command_tables_are_kept(tmp_path):
    home = copy_fixture("v2-5a62e3b", tmp_path)
    open_ctx(home).close()
    connection = plain(database_file(home))
    try:
        ledger = connection.execute("SELECT type, status FROM command_ledger").fetchall()
        sent = connection.execute("SELECT target, type, state FROM sent_commands").fetchall()
    finally:
        connection.close()
    assert ledger == EXPECTED["v2-5a62e3b"]["ledger"]
    assert sent == EXPECTED["v2-5a62e3b"]["sent"]


# -- settings ---------------------------------------------------------------------------------

def test_settings_keep_their_old_values(upgraded):
    name, home, ctx = upgraded
    expected = {**COMMON_SETTINGS, **EXPECTED[name]["settings"]}
    actual = {key: getattr(ctx.settings, key) for key in expected}
    assert actual == expected
    if name.startswith("v2"):
        # A protocol-1 site: no membership of the new kind until the site is upgraded, but
        # the old shared key is kept to verify the MACs made with it.
        assert ctx.settings.site_id and ctx.trust is None
        assert all(ctx.keyring.get(key_id) is not None for _, _, key_id in _chain_of(ctx))
        assert ctx.settings.site_folder == str(home.parent / "site")
    assert ctx.station_id == "206"  # new events continue the old chain


def test_hand_written_format_0_settings_are_migrated_on_an_upgraded_home(tmp_path):
    """A home whose settings file is still the hand-written format 0 (old key names, the
    machine as a number): the values are kept, the file is rewritten in today's format, and
    the station keeps its chain."""
    home = copy_fixture("v1-10f95d3", tmp_path)
    settings_file = home / "config" / "settings.json"
    shutil.copyfile(FIXTURES / "settings-v0" / "settings.json", settings_file)
    assert "version" not in json.loads(settings_file.read_text(encoding="utf-8"))
    original = settings_file.read_bytes()

    ctx = open_ctx(home)
    try:
        [backup] = settings_file.parent.glob("settings.json.before-format-*")
        assert backup.read_bytes() == original  # the old file is kept beside the new one
        assert {key: getattr(ctx.settings, key) for key in COMMON_SETTINGS} == COMMON_SETTINGS
        on_disk = json.loads(settings_file.read_text(encoding="utf-8"))
        assert {key: on_disk[key] for key in COMMON_SETTINGS} == COMMON_SETTINGS
        assert not {"machine", "heartbeat_ms", "max_attempts"} & set(on_disk)
        assert ctx.station_id == "206"
        assert_audit_intact(ctx, EXPECTED["v1-10f95d3"]["events"])
    finally:
        ctx.close()


def test_settings_from_a_newer_program_are_refused_and_left_unchanged(tmp_path):
    home = copy_fixture("v1-10f95d3", tmp_path)
    settings_file = home / "config" / "settings.json"
    newer = json.loads(settings_file.read_text(encoding="utf-8"))
    newer.update(version=SETTINGS_VERSION + 1, some_future_key=True)
    settings_file.write_text(json.dumps(newer), encoding="utf-8")
    before = settings_file.read_bytes()
    with pytest.raises(SettingsError, match="written by a newer version"):
        open_ctx(home)
    assert settings_file.read_bytes() == before


def test_an_old_settings_file_that_cannot_be_rewritten_does_not_stop_the_station(
        tmp_path, monkeypatch, caplog):
    """A format-0 file deployed read-only: the station starts with the migrated values and
    says why the file stays old (the migration is redone at each start)."""
    home = copy_fixture("v1-10f95d3", tmp_path)
    settings_file = home / "config" / "settings.json"
    shutil.copyfile(FIXTURES / "settings-v0" / "settings.json", settings_file)
    before = settings_file.read_bytes()

    def refuse(path, _text):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("utils.settings_store.atomic_write_text", refuse)
    with caplog.at_level(logging.WARNING, logger="utils.settings_store"):
        ctx = open_ctx(home)
    try:
        assert {key: getattr(ctx.settings, key) for key in COMMON_SETTINGS} == COMMON_SETTINGS
        assert settings_file.read_bytes() == before
        assert "could not be rewritten" in caplog.text
    finally:
        ctx.close()


# -- the audit chain --------------------------------------------------------------------------

def test_audit_chain_verifies_after_the_upgrade_and_after_new_events(upgraded):
    name, home, ctx = upgraded
    events = EXPECTED[name]["events"]
    assert_audit_intact(ctx, events)
    with ctx.database.read() as connection:
        kinds = sorted({key_id.split(":")[0] for _, _, key_id in chain_rows(connection)})
        checkpoints = len(audit_repo.checkpoints(connection, "206"))
    assert kinds == EXPECTED[name]["key_kinds"]
    assert checkpoints == EXPECTED[name]["checkpoints"]

    # New work after the upgrade: a login, a lot, a box, a correction of an imported record.
    joao = ctx.auth.login("joao", PASSWORDS["joao"]).session
    ctx.clock.advance(60)
    ctx.production.set_lot(joao, "L2512-001", 10, 1)
    ctx.production.register_box(joao, {"size": "#00", "cam_d": "3,1", "cam_w": "2,9"})
    maria = ctx.auth.login("maria", PASSWORDS["maria"]).session
    with ctx.database.read() as connection:
        target = records_repo.list_current_rows(connection, RecordFilter(lot="L2504-001"))[0]
    ctx.production.edit_record(maria, target["record_id"], {"cam_d": "3,4"},
                               "remedido depois da atualizacao",
                               signature=Signature(PASSWORDS["maria"], Meaning.CORRECTION))
    ctx.close()

    again = open_ctx(home)
    try:
        with again.database.read() as connection:
            new = [row for row in chain_rows(connection) if row[0] > events]
        # The correction is signed: the auth service records the signature, then the edit.
        assert [action for _, action, _ in new] == ["login", "lot.set", "record.create", "login",
                                                    "signature", "record.edit"]
        assert {key_id for _, _, key_id in new} == {again.key.key_id}
        assert_audit_intact(again, events + 6)
        witness = json.loads(again.paths.checkpoint_file.read_text(encoding="utf-8"))
        assert witness["stations"]["206"]["seq"] == events + 6
    finally:
        again.close()


@pytest.mark.parametrize("name", NAMES)
def test_cli_verify_audit_on_an_upgraded_copy(name, tmp_path, cli):
    home = copy_fixture(name, tmp_path)
    result = cli(home, "verify-audit")  # the command line upgrades the copy itself
    assert result.returncode == 0, result.stdout + result.stderr
    # Events of the first versions carry no edited_at or base_version: their records are
    # proven by everything else (data/record_proof.py).
    assert result.stdout.strip() == (f"station 206: intact, {EXPECTED[name]['events']} events "
                                     f"checked, {EXPECTED[name]['versions']} record versions "
                                     f"match the chain")
    assert migrations_rows(database_file(home))[-1][0] == LATEST_VERSION


def test_cli_site_verify_on_an_upgraded_first_v2_copy(tmp_path, cli):
    """The site read-model tables came after the first schema-v2 release: the upgrade must
    add them, or the admin side fails with "no such table"."""
    home = copy_fixture("v2-5a62e3b", tmp_path)
    refused = cli(home, "verify-audit", "--site", "--json")
    assert refused.returncode == 2 and "site upgrade" in refused.stderr
    wrong = cli(home, "site", "upgrade", "--as", "maria", SHOPFLOOR_PASSPHRASE=MAKER.PASSPHRASE,
                SHOPFLOOR_PASSWORD="not maria's password")
    assert wrong.returncode == 2 and "nothing was changed" in wrong.stderr
    # An expected refusal: one WARNING line in the log, no traceback.
    text = (home / "logs" / "shopfloor.log").read_text(encoding="utf-8")
    assert "refused (BootstrapError)" in text and "Traceback" not in text, text[-2000:]
    upgraded = cli(home, "site", "upgrade", "--as", "maria",
                   SHOPFLOOR_PASSPHRASE=MAKER.PASSPHRASE, SHOPFLOOR_PASSWORD=PASSWORDS["maria"])
    assert upgraded.returncode == 0, upgraded.stdout + upgraded.stderr
    result = cli(home, "verify-audit", "--site", "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["ok"] is True


def test_an_upgraded_station_publishes_its_old_chain_to_an_office_pc_joined_today(tmp_path):
    """The first-v2 station, upgraded, exports its whole chain (from before the upgrade and
    before the site) to its journal; an office PC joining the site with today's code ingests
    and verifies it. The events signed with the station's local key, before it created the
    site, carry MACs the office PC cannot check (it never had that key): the seal the station
    writes after them with the site key vouches for them through the hash chain."""
    home = copy_fixture("v2-5a62e3b", tmp_path)
    share = home.parent / "site"
    upgrade_site(home, MAKER.PASSPHRASE, "maria", PASSWORDS["maria"], clock=fixture_clock(home),
                 scrypt_n=2 ** 10)
    station = open_ctx(home)
    try:
        writer = JournalWriter(station.database, SiteLayout(share).station("206").ensure(),
                               station.anchor, station.trust.pc_key)
        while writer.sync():
            pass
        local_events = sum(1 for _, _, key_id in _chain_of(station) if key_id.startswith("local:"))
    finally:
        station.close()

    office_home = tmp_path / "office"
    join_site_membership(resolve_paths(office_home).ensure(), Settings(), share, MAKER.PASSPHRASE,
                         station_id="office-1", kind="office")
    office = AppContext.open(office_home, clock=fixture_clock(home))
    try:
        view = office.site_view
        [report] = view.ingest()
        # 34 events from before, and the upgrade's own event on this station's chain.
        assert (report.station, report.ingested, report.broken_seq) == ("206", 35, None)
        # MACed with the PC's own local key: the 19 made before the site existed, and the
        # upgrade's (from protocol 2 on, the seals its PC signs vouch, not a shared key).
        assert local_events == 20 and report.unsealed == 0
        [result] = view.verify_site()
        assert (result.station, result.ok, result.head_seq) == ("206", True, 35)
        table = view_schema.view_record_versions
        with view.database.read() as connection:
            versions = connection.execute(select(table).where(table.c.station_id == "206")).all()
        # 206's records: two imported (one voided), two registered (one edited).
        assert len(versions) == 6
    finally:
        office.close()


# -- refusals and failures --------------------------------------------------------------------

def test_a_database_from_a_newer_program_is_refused_and_left_unchanged(tmp_path, cli):
    home = copy_fixture("v1-10f95d3", tmp_path)
    open_ctx(home).close()
    path = database_file(home)
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("INSERT INTO schema_migrations VALUES (?, 'from the future', "
                           "'2031-01-01T00:00:00.000Z')", (LATEST_VERSION + 1,))
    connection.close()
    assert not path.with_name(path.name + "-wal").exists()
    before = path.read_bytes()

    with pytest.raises(RuntimeError, match=(
            rf"schema version {LATEST_VERSION + 1}, newer than this program knows "
            rf"\({LATEST_VERSION}\)\. Nothing was changed: update the program")):
        open_ctx(home)
    assert path.read_bytes() == before

    result = cli(home, "verify-audit")
    assert result.returncode == 2
    assert "newer than this program knows" in result.stderr
    assert path.read_bytes() == before


def _failing(step):
    def run_then_fail(connection):
        step(connection)  # the real step's work, then a failure before it is recorded
        raise RuntimeError("power cut in the middle of the migration")
    return run_then_fail


def test_a_migration_failing_half_way_leaves_the_database_as_it_was(tmp_path, monkeypatch):
    """Migration 2 creates its tables, then fails: its transaction is rolled back, so the
    database holds exactly what the old release wrote; the next start upgrades it."""
    home = copy_fixture("v1-10f95d3", tmp_path)
    original = dump(database_file(home))
    patched = [(number, text, _failing(step) if number == 2 else step)
               for number, text, step in MIGRATIONS]
    monkeypatch.setattr("data.migrations.MIGRATIONS", patched)

    with pytest.raises(RuntimeError, match="power cut"):
        open_ctx(home)
    assert dump(database_file(home)) == original

    monkeypatch.setattr("data.migrations.MIGRATIONS", MIGRATIONS)
    ctx = open_ctx(home)
    try:
        assert migrations_rows(database_file(home))[-1][0] == LATEST_VERSION
        assert_audit_intact(ctx, EXPECTED["v1-10f95d3"]["events"])
    finally:
        ctx.close()


def test_a_later_step_failing_keeps_the_earlier_steps(tmp_path, monkeypatch):
    """Each step is its own transaction: when step 3 fails after doing its work, step 2 stays
    applied and recorded, step 3 leaves no trace, and the next start completes the upgrade."""
    home = copy_fixture("v1-10f95d3", tmp_path)
    guard = ("trigger", "audit_events_no_replace", "audit_events")
    patched = [(number, text, _failing(step) if number == 3 else step)
               for number, text, step in MIGRATIONS]
    monkeypatch.setattr("data.migrations.MIGRATIONS", patched)

    with pytest.raises(RuntimeError, match="power cut"):
        open_ctx(home)
    assert [row[0] for row in migrations_rows(database_file(home))] == [1, 2]
    objects = schema_of(database_file(home))["objects"]
    assert ("table", "site_ingest_state", "site_ingest_state") in objects  # step 2 (today's)
    assert guard not in objects  # step 3's triggers were rolled back with it

    monkeypatch.setattr("data.migrations.MIGRATIONS", MIGRATIONS)
    open_ctx(home).close()
    assert [row[0] for row in migrations_rows(database_file(home))] == [
        number for number, _text, _step in MIGRATIONS]
    objects = schema_of(database_file(home))["objects"]
    assert guard in objects
    # Step 5: the old read-model tables are gone (the site view has its own database), the
    # witnessed checkpoints stay.
    assert ("table", "site_ingest_state", "site_ingest_state") not in objects
    assert ("table", "site_checkpoints", "site_checkpoints") in objects
