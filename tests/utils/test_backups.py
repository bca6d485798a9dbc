"""Backups that are proven: made with SQLite's online backup API on a schedule, with retention;
verified by restoring into a temporary place; restored with the current database kept aside,
audited, and refused when older than what was witnessed unless an admin signs an override.

Real homes in tmp_path, real SQLite files, a real scheduler thread; clocks are injected.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import pytest

from config.constants import Role
from config.settings import Settings
from data import audit_repo
from utils.audit.verify import TamperKind
from utils.backup.files import list_backups, read_sidecar
from utils.backup.in_use import InUseLock
from utils.backup.proof import BackupUnreadable, verify_backup
from utils.backup.restore import RestoreRefused, restore_backup
from utils.backup.scheduler import BackupService
from utils.backup.settings_change import BackupSettingsError, change_backup_settings
from utils.backup.snapshot import make_backup
from utils.clock import ManualClock
from utils.context import AppContext
from utils.permissions import PermissionDenied
from utils.settings_store import save_settings

from tests.utils.site.sitekit import wait_until

ROOT = Path(__file__).resolve().parents[2]

FORM = {"size": "#00", "rej1_defect": "Rachada", "rej1_location": "Cap/Body",
        "cam_d": "4,42", "cam_w": "3.98"}
ADMIN_PW = "Quarry-Lantern-42"


@pytest.fixture(autouse=True)
def fast_bcrypt(monkeypatch):
    monkeypatch.setattr("utils.passwords.BCRYPT_ROUNDS", 4, raising=False)


def open_home(home: Path, clock: ManualClock) -> AppContext:
    return AppContext.open(home, clock=clock)


@pytest.fixture
def station(tmp_path):
    """A station home with an admin, an operator and five boxes; settings on disk."""
    home = tmp_path / "home"
    clock = ManualClock()
    settings = Settings(station_id="206", backup_keep=3)
    ctx = AppContext.open(home, clock=clock, settings=settings)
    save_settings(ctx.paths.settings_file, settings)
    ctx.auth.create_first_admin("ana", "Ana Admin", ADMIN_PW)
    admin = ctx.auth.login("ana", ADMIN_PW).session
    ctx.auth.create_user(admin, "op", "Op", Role.OPERATOR, "Initial-Pass-op",
                         "operator of machine 206")
    op = ctx.auth.login("op", "Initial-Pass-op").session
    ctx.production.set_lot(op, "L1", 100)
    for _ in range(5):
        ctx.production.register_box(op, FORM)
    yield ctx, home, clock, admin, op
    ctx.close()


def events(ctx, action: str) -> list[dict]:
    with ctx.database.read() as connection:
        return audit_repo.list_events(connection, action=action)


# --- making backups ------------------------------------------------------------------------

def test_a_backup_is_a_consistent_copy_with_its_manifest_and_is_audited(station):
    ctx, home, clock, admin, op = station
    made = make_backup(ctx, actor=admin.actor, reason="on request")
    assert made.file.path.parent == ctx.paths.data_dir / "backups"
    sidecar = read_sidecar(made.file.path)
    assert sidecar["sha256"] == made.sha256 and sidecar["bytes"] == made.bytes
    assert sidecar["heads"]["206"]["seq"] == made.heads["206"][0]
    with closing(sqlite3.connect(made.file.path)) as copy:
        assert copy.execute("SELECT count(*) FROM record_versions").fetchone()[0] == 5
        # The copy ends on a signed head: checkpoint_now ran first.
        assert copy.execute("SELECT max(seq) FROM audit_checkpoints").fetchone()[0] == \
            made.heads["206"][0]
    event = events(ctx, "backup.taken")[-1]
    assert event["username"] == "ana" and event["entity_id"] == made.file.path.name
    assert event["seq"] == made.heads["206"][0]  # the copy holds its own record


def test_retention_keeps_the_newest_and_touches_nothing_else(station, tmp_path):
    ctx, home, clock, admin, op = station
    folder = ctx.paths.data_dir / "backups"
    folder.mkdir(parents=True)
    (folder / "notes.txt").write_text("the admin's own file")
    (folder / "shopfloor-207-20260101T000000000Z.sqlite3").write_bytes(b"another station's")
    names = []
    for _ in range(5):
        clock.advance(hours=1)
        names.append(make_backup(ctx).file.path.name)
    kept = [b.path.name for b in list_backups(folder, "206")]
    assert kept == names[-3:]  # backup_keep=3
    assert (folder / "notes.txt").exists()
    assert (folder / "shopfloor-207-20260101T000000000Z.sqlite3").exists()
    assert not any((folder / f"{name}.json").exists() for name in names[:2])
    last = json.loads(events(ctx, "backup.taken")[-1]["body"])["after"]
    assert last["removed_once_in_place"] == [names[1]]


def test_a_backup_taken_while_boxes_are_registered_verifies(station):
    """The online backup API copies one moment even while another connection writes."""
    ctx, home, clock, admin, op = station
    stop = threading.Event()
    written = []

    def register() -> None:
        while not stop.is_set() and len(written) < 90:  # the lot holds 100 boxes
            written.append(ctx.production.register_box(op, FORM))

    writer = threading.Thread(target=register)
    writer.start()
    try:
        wait_until(lambda: len(written) >= 20)
        made = make_backup(ctx)
    finally:
        stop.set()
        writer.join()
    proof = verify_backup(ctx, made.file.path)
    assert proof.intact, proof.summary()
    assert proof.results[0].records_checked >= 25


# --- the schedule --------------------------------------------------------------------------

def test_the_schedule_makes_a_backup_when_due_and_not_before(station):
    ctx, home, clock, admin, op = station
    service = BackupService(ctx, clock=clock)
    assert service.due()
    assert service.run_due() is not None
    assert not service.due() and service.run_due() is None
    clock.advance(hours=23)
    assert not service.due()
    clock.advance(hours=1)
    assert service.due()
    ctx.settings_holder.replace(ctx.settings.with_changes(backup_every_hours=0))
    assert not service.due()


def test_the_schedule_runs_on_its_own_thread_and_holds_the_database_in_use(station):
    ctx, home, clock, admin, op = station
    service = BackupService(ctx, clock=clock, check_every_s=0.01)
    second = BackupService(ctx, clock=clock, check_every_s=0.01)
    assert service.start()
    try:
        assert not second.start() and not second.scheduling  # one schedule per PC
        assert not InUseLock(ctx.paths.in_use_lock_file).acquire()
        wait_until(lambda: service.made >= 1)
        assert len(list_backups(ctx.paths.data_dir / "backups", "206")) == 1
    finally:
        service.stop()
    lock = InUseLock(ctx.paths.in_use_lock_file)
    assert lock.acquire()
    lock.release()


def test_a_failing_backup_folder_is_said_once_and_tried_again(station, tmp_path, caplog):
    ctx, home, clock, admin, op = station
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    ctx.settings_holder.replace(ctx.settings.with_changes(backup_folder=str(blocker / "backups")))
    service = BackupService(ctx, clock=clock)
    assert service.run_due() is None and service.run_due() is None
    assert "cannot be written" in service.last_error
    assert events(ctx, "backup.taken") == []  # a folder that cannot be written: no event
    assert sum("Backups:" in r.getMessage() for r in caplog.records) == 1


# --- the backup settings -------------------------------------------------------------------

def test_only_an_admin_chooses_the_folder_and_the_change_is_audited(station, tmp_path):
    ctx, home, clock, admin, op = station
    with pytest.raises(PermissionDenied):
        change_backup_settings(ctx, op, backup_folder=str(tmp_path / "elsewhere"))
    with pytest.raises(BackupSettingsError, match="not a full path"):
        change_backup_settings(ctx, admin, backup_folder="relative/folder")
    changed = change_backup_settings(ctx, admin, backup_folder=str(tmp_path / "nas"),
                                     backup_every_hours=6)
    assert changed["backup_every_hours"] == (24, 6)
    assert json.loads(ctx.paths.settings_file.read_text())["backup_folder"] == \
        str(tmp_path / "nas")
    after = json.loads(events(ctx, "backup_settings.change")[-1]["body"])["after"]
    assert after == {"backup_folder": str(tmp_path / "nas"), "backup_every_hours": 6}
    assert make_backup(ctx).file.path.parent == tmp_path / "nas"


# --- verifying a backup ----------------------------------------------------------------------

def test_verify_restores_into_a_temporary_place_and_finds_what_was_changed(station):
    ctx, home, clock, admin, op = station
    made = make_backup(ctx)
    before = made.file.path.read_bytes()
    proof = verify_backup(ctx, made.file.path)
    assert proof.intact and proof.sidecar == "matches" and not proof.older_than_witnessed
    assert proof.results[0].records_checked == 5
    assert made.file.path.read_bytes() == before  # the file itself is only read
    with closing(sqlite3.connect(made.file.path)) as copy:
        copy.execute("DROP TRIGGER record_versions_no_update")
        copy.execute("UPDATE record_versions SET cam_d = 99.9 WHERE rowid = 2")
        copy.commit()
    proof = verify_backup(ctx, made.file.path)
    assert not proof.intact
    assert proof.results[0].kind == TamperKind.RECORD_MODIFIED
    assert proof.sidecar == "differs"


def test_verify_says_when_a_backup_is_older_than_what_was_witnessed(station):
    ctx, home, clock, admin, op = station
    made = make_backup(ctx)
    ctx.production.register_box(op, FORM)
    ctx.audit.checkpoint_now()
    proof = verify_backup(ctx, made.file.path)
    assert proof.intact and proof.older_than_witnessed
    head = made.heads["206"][0]
    assert proof.behind["206"][0] == head and proof.behind["206"][1] > head


def test_a_file_that_is_no_database_is_refused_plainly(station, tmp_path):
    ctx, *_ = station
    junk = tmp_path / "shopfloor-206-20260101T000000000Z.sqlite3"
    junk.write_bytes(os.urandom(8192))
    with pytest.raises(BackupUnreadable, match="not a database this program can read"):
        verify_backup(ctx, junk)


# --- restoring ------------------------------------------------------------------------------

def closed(station) -> tuple[Path, ManualClock]:
    """The station's app closed (a restore needs the database to itself)."""
    ctx, home, clock, *_ = station
    ctx.close()
    return home, clock


def test_restore_refuses_while_the_app_or_agent_runs(station):
    ctx, home, clock, admin, op = station
    made = make_backup(ctx)
    service = BackupService(ctx, clock=clock)
    assert service.start()
    try:
        with pytest.raises(RestoreRefused) as refused:
            restore_backup(home, made.file.path, username="ana", password=ADMIN_PW)
        assert refused.value.code == "in_use"
    finally:
        service.stop()


_HOLDER = """
import sys
from utils.context import AppContext
ctx = AppContext.open(sys.argv[1])
print("open", flush=True)
sys.stdin.readline()  # a command line at work, until the test lets it end
ctx.close()
"""


def test_restore_refuses_while_a_command_line_has_the_database_open(station):
    """Another process that opened the database (a `shopfloor` command at work) holds it in
    use: the restore stops with nothing replaced, and goes ahead once that process ended."""
    import subprocess
    import sys

    ctx, home, clock, admin, op = station
    made = make_backup(ctx)
    database = ctx.paths.database_file
    home, clock = closed(station)
    env = {**os.environ, "SHOPFLOOR_KEYRING": "off"}
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(home)], cwd=ROOT, env=env,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        inode_before = database.stat().st_ino
        with pytest.raises(RestoreRefused) as refused:
            restore_backup(home, made.file.path, username="ana", password=ADMIN_PW, clock=clock)
        assert refused.value.code == "in_use" and f"process {holder.pid}" in str(refused.value)
        assert database.stat().st_ino == inode_before
    finally:
        holder.communicate("done\n", timeout=60)
    assert holder.returncode == 0
    outcome = restore_backup(home, made.file.path, username="ana", password=ADMIN_PW,
                             clock=clock)
    assert outcome.set_aside.exists() and database.stat().st_ino != inode_before


def test_a_process_that_ended_without_closing_does_not_hold_a_restore(station):
    """Its file stays (killed, crashed), its lock went with it: removed, not obeyed."""
    ctx, home, clock, admin, op = station
    made = make_backup(ctx)
    left = ctx.paths.database_users_dir / "999999-5a1e0000c0de.user.lock"
    left.write_bytes(b"")
    home, clock = closed(station)
    outcome = restore_backup(home, made.file.path, username="ana", password=ADMIN_PW,
                             clock=clock)
    assert outcome.set_aside.exists() and not left.exists()


def test_nothing_opens_the_database_while_a_restore_replaces_it(station, monkeypatch):
    from utils.backup import database_users
    from utils.backup.database_users import DatabaseInUse, RestoreUnderWay, sole_user

    ctx, home, clock, admin, op = station
    folder = ctx.paths.database_users_dir
    with pytest.raises(DatabaseInUse):  # the station's own context has it open
        with sole_user(folder):
            pass
    home, clock = closed(station)
    assert not [p for p in folder.iterdir() if p.name.endswith(".user.lock")]
    monkeypatch.setattr(database_users, "GATE_WAIT_S", 0.05)
    with sole_user(folder):  # what a restore holds from its check to the copy in place
        with pytest.raises(RestoreUnderWay, match="restore .* under way"):
            open_home(home, clock)
    again = open_home(home, clock)
    again.close()


def test_a_command_line_waiting_for_a_restore_writes_after_it_is_recorded(station,
                                                                         monkeypatch):
    """A command started during the restore waits for the gate, and gets it only once
    "backup.restored" is in the restored chain: that event must come right after the fork
    point, or the station's journal is held back (utils/site/journal.py)."""
    from utils.audit.chain import Actor
    from utils.backup import restore as restore_module
    from utils.backup.database_users import DatabaseUser

    ctx, home, clock, admin, op = station
    made = make_backup(ctx)
    home, clock = closed(station)
    waiting, wrote = threading.Event(), threading.Event()
    real_register, real_record = DatabaseUser.register, restore_module._record_restored
    real_replace = restore_module._replace

    def register(self, **kwargs):
        if threading.current_thread().name == "command-line":
            waiting.set()
        return real_register(self, **kwargs)

    def command_line() -> None:  # stands for `shopfloor user add` started meanwhile
        other = AppContext.open(home, clock=clock)
        try:
            other.changes.record(Actor.system(), "test.command_line", entity="test")
        finally:
            other.close()
        wrote.set()

    def replace(*args):
        real_replace(*args)
        threading.Thread(target=command_line, name="command-line").start()
        assert waiting.wait(10)

    def record(*args):
        wrote.wait(0.5)  # a command line let in by now would have written first
        real_record(*args)

    monkeypatch.setattr(DatabaseUser, "register", register)
    monkeypatch.setattr(restore_module, "_replace", replace)
    monkeypatch.setattr(restore_module, "_record_restored", record)
    restore_backup(home, made.file.path, username="ana", password=ADMIN_PW, clock=clock)
    assert wrote.wait(15)
    after = open_home(home, clock)
    try:
        with after.database.read() as connection:
            actions = [row["action"] for row in audit_repo.list_events(connection)]
    finally:
        after.close()
    assert actions.index("backup.restored") < actions.index("test.command_line")


def test_a_restore_never_samples_the_files_of_the_processes_using_the_database(tmp_path,
                                                                               monkeypatch):
    """More files than it checks (anyone on the PC may make them): refused, never a sample
    that could leave the one in use out; a folder named like one is nobody's."""
    from utils.backup import database_users
    from utils.backup.database_users import DatabaseInUse, DatabaseUser, sole_user

    folder = tmp_path / "in-use"
    live = DatabaseUser(folder)
    live.register()
    (folder / f"0-folder{database_users.USER_SUFFIX}").mkdir()
    monkeypatch.setattr(database_users, "USERS_CHECKED_MAX", 3)
    for n in range(3):
        (folder / f"0-{n}{database_users.USER_SUFFIX}").write_bytes(b"")
    with pytest.raises(DatabaseInUse, match="more than 3 files"):
        with sole_user(folder):
            pass
    live.release()
    with sole_user(folder):  # the stale files are removed, the folder left alone
        pass
    assert [p.name for p in folder.iterdir() if p.name.endswith(".user.lock")] == [
        f"0-folder{database_users.USER_SUFFIX}"]


def test_a_context_closed_twice_writes_nothing_the_second_time(station):
    ctx, home, clock, admin, op = station
    ctx.close()
    witness = ctx.paths.checkpoint_file
    before = witness.read_bytes()
    ctx.production.register_box(op, FORM)  # what a stray call might do after closing...
    ctx.close()  # ...is not witnessed by a second close
    assert witness.read_bytes() == before


def test_restore_refuses_an_operator_a_wrong_password_and_a_backup_not_intact(station):
    ctx, home, clock, admin, op = station
    made = make_backup(ctx)
    home, clock = closed(station)
    for username, password, code in (("op", "Initial-Pass-op", "denied"),
                                     ("ana", "not the password", "login")):
        with pytest.raises(RestoreRefused) as refused:
            restore_backup(home, made.file.path, username=username, password=password,
                           clock=clock)
        assert refused.value.code == code
    with closing(sqlite3.connect(made.file.path)) as copy:
        copy.execute("DROP TRIGGER record_versions_no_delete")
        copy.execute("DELETE FROM record_versions WHERE rowid = 3")
        copy.commit()
    with pytest.raises(RestoreRefused) as refused:
        restore_backup(home, made.file.path, username="ana", password=ADMIN_PW, clock=clock)
    assert refused.value.code == "not_intact" and "record_deleted" in str(refused.value)


def test_restore_of_a_backup_as_new_as_the_witness_needs_no_override(station):
    ctx, home, clock, admin, op = station
    made = make_backup(ctx)
    home, clock = closed(station)
    outcome = restore_backup(home, made.file.path, username="ana", password=ADMIN_PW,
                             clock=clock)
    assert outcome.override is None and outcome.set_aside.exists()
    again = open_home(home, clock)
    try:
        assert all(r.ok for r in again.verify_audit())
        restored = json.loads(events(again, "backup.restored")[-1]["body"])["after"]
        assert restored["sha256"] == made.sha256 and restored["override"] is None
    finally:
        again.close()


def test_restore_waits_for_a_witness_writer_and_changes_nothing_if_it_stays(station,
                                                                          monkeypatch):
    """Another process of this home writing the audit witness holds its lock: the restore
    waits for it, and if it is kept past the wait, replaces nothing."""
    from utils.audit import chain
    from utils.audit.chain import witness_lock_file
    from utils.backup import restore
    from utils.file_lock import FileLock

    ctx, home, clock, admin, op = station
    made = make_backup(ctx)
    home, clock = closed(station)
    paths = AppContext.open(home, clock=clock)
    try:
        database, witness = paths.paths.database_file, paths.paths.checkpoint_file
    finally:
        paths.close()
    witness_before = witness.read_bytes()
    monkeypatch.setattr(restore, "WITNESS_LOCK_WAIT_S", 0.05)
    monkeypatch.setattr(chain, "WITNESS_LOCK_WAIT_S", 0.05)
    elsewhere = FileLock(witness_lock_file(witness))
    assert elsewhere.acquire()
    try:
        inode_before = database.stat().st_ino
        with pytest.raises(RestoreRefused) as refused:
            restore_backup(home, made.file.path, username="ana", password=ADMIN_PW, clock=clock)
    finally:
        elsewhere.release()
    assert refused.value.code == "witness_busy" and "nothing was replaced" in str(refused.value)
    assert database.stat().st_ino == inode_before  # the same file: not replaced
    assert witness.read_bytes() == witness_before
    outcome = restore_backup(home, made.file.path, username="ana", password=ADMIN_PW,
                             clock=clock)
    assert outcome.set_aside.exists() and database.stat().st_ino != inode_before


def test_restore_of_an_older_backup_needs_a_signed_override(station):
    """Two boxes after the backup are witnessed: restoring loses them, so the admin must say
    why and sign; both chains record it and the current database is kept aside."""
    ctx, home, clock, admin, op = station
    made = make_backup(ctx)
    lost = [ctx.production.register_box(op, FORM).record_id for _ in range(2)]
    home, clock = closed(station)
    with pytest.raises(RestoreRefused) as refused:
        restore_backup(home, made.file.path, username="ana", password=ADMIN_PW, clock=clock)
    assert refused.value.code == "older_than_witnessed"
    assert "--override-reason" in str(refused.value) and "Nothing was changed" in str(refused.value)
    with pytest.raises(RestoreRefused) as refused:
        restore_backup(home, made.file.path, username="ana", password=ADMIN_PW, clock=clock,
                       override_reason="short")
    assert refused.value.code == "override_reason"

    outcome = restore_backup(home, made.file.path, username="ana", password=ADMIN_PW,
                             clock=clock, override_reason="disk replaced after a controller "
                                                          "fault; last night's copy is good")
    assert outcome.override["signed_by"] == "ana"
    assert outcome.override["meaning"] == "restore an older backup"
    assert outcome.override["behind"]["206"]["witnessed"] > \
        outcome.override["behind"]["206"]["backup_ends_at"]
    # The database set aside is the one that was replaced: it holds the two lost boxes and
    # says, in its own chain, what happened to it.
    with closing(sqlite3.connect(outcome.set_aside)) as aside:
        ids = {row[0] for row in aside.execute("SELECT record_id FROM record_versions")}
        assert set(lost) <= ids
        assert aside.execute("SELECT count(*) FROM audit_events WHERE action = "
                             "'database.set_aside'").fetchone()[0] == 1
    assert outcome.set_aside.with_name(outcome.set_aside.stem +
                                       ".audit-checkpoint.json").exists()
    again = open_home(home, clock)
    try:
        results = again.verify_audit()
        assert all(r.ok for r in results), [r.detail for r in results]
        with again.database.read() as connection:
            from data import records_repo

            assert all(records_repo.current(connection, i) is None for i in lost)
        restored = json.loads(events(again, "backup.restored")[-1]["body"])["after"]
        assert restored["override"]["reason"].startswith("disk replaced")
    finally:
        again.close()
    assert list(again.paths.data_dir.glob("audit-checkpoint.json.before-restore-*"))


# --- the command line ----------------------------------------------------------------------

def test_backup_commands(station, shopfloor, tmp_path):
    ctx, home, clock, admin, op = station
    ctx.auth.change_password("op", "Initial-Pass-op", "Op-Own-Pass-77")
    home, clock = closed(station)
    denied = shopfloor(home, "backup", "now", "--as", "op", SHOPFLOOR_PASSWORD="Op-Own-Pass-77")
    assert denied.returncode == 2 and "(admin role only); no backup was made" in denied.stderr
    changed = shopfloor(home, "backup", "settings", "--folder", str(tmp_path / "copies"),
                        "--keep", "5", "--as", "ana", SHOPFLOOR_PASSWORD=ADMIN_PW)
    assert changed.returncode == 0 and "backup_keep: 3 -> 5" in changed.stdout
    written = shopfloor(home, "backup", "now", "--as", "ana", SHOPFLOOR_PASSWORD=ADMIN_PW)
    assert written.returncode == 0
    path = Path(written.stdout.split("backup written: ")[1].split(" (")[0])
    assert path.parent == tmp_path / "copies"
    listed = shopfloor(home, "backup", "list")
    assert listed.returncode == 0 and path.name in listed.stdout
    verified = shopfloor(home, "backup", "verify", str(path))
    assert verified.returncode == 0
    assert "INTACT" in verified.stdout and "5 record versions match the chain" in verified.stdout
    with closing(sqlite3.connect(path)) as copy:
        copy.execute("DROP TRIGGER audit_events_no_update")
        copy.execute("UPDATE audit_events SET username = 'mallory' WHERE seq = 3")
        copy.commit()
    tampered = shopfloor(home, "backup", "verify", str(path), "--json")
    assert tampered.returncode == 1
    report = json.loads(tampered.stdout)
    assert report["ok"] is False and report["stations"][0]["kind"] == "modified"


def test_restore_command_refuses_then_restores_with_an_override(station, shopfloor):
    ctx, home, clock, admin, op = station
    made = make_backup(ctx)
    ctx.production.register_box(op, FORM)
    home, clock = closed(station)
    refused = shopfloor(home, "restore", str(made.file.path), "--as", "ana",
                        SHOPFLOOR_PASSWORD=ADMIN_PW)
    assert refused.returncode == 1
    assert refused.stderr.startswith("error: restore refused: the backup is older than") and \
        "Traceback" not in refused.stderr
    restored = shopfloor(home, "restore", str(made.file.path), "--as", "ana",
                         "--override-reason", "the disk failed, restoring last night's copy",
                         SHOPFLOOR_PASSWORD=ADMIN_PW)
    assert restored.returncode == 0
    assert "the previous database is kept as" in restored.stdout
    assert "override signed by ana" in restored.stdout
    assert shopfloor(home, "verify-audit").returncode == 0


def test_backup_schedule_days_pass(station):
    """A week with a backup a day and five kept: the folder holds the newest five."""
    ctx, home, clock, admin, op = station
    ctx.settings_holder.replace(ctx.settings.with_changes(backup_keep=5))
    service = BackupService(ctx, clock=clock)
    for _ in range(7):
        assert service.run_due() is not None
        clock.advance(days=1)
    assert len(list_backups(ctx.paths.data_dir / "backups", "206")) == 5


def test_a_ledger_that_cannot_be_carried_over_stops_the_restore_with_nothing_replaced(
        station, monkeypatch):
    """The copy set aside unreadable (a disk fault): the commands run since the backup could
    not be kept, which would let them run again; the restore stops, nothing replaced, in one
    refusal (before: a traceback, and the staged copy left beside the database)."""
    from utils.backup import restore

    ctx, home, clock, admin, op = station
    made = make_backup(ctx)
    home, clock = closed(station)
    real_copy = restore._copy_aside

    def damaged_copy(context, aside):
        real_copy(context, aside)
        aside.write_bytes(b"not a database" * 100)

    monkeypatch.setattr(restore, "_copy_aside", damaged_copy)
    paths = AppContext.open(home, clock=clock)
    try:
        database = paths.paths.database_file
    finally:
        paths.close()
    inode_before = database.stat().st_ino
    with pytest.raises(RestoreRefused) as refused:
        restore_backup(home, made.file.path, username="ana", password=ADMIN_PW, clock=clock)
    assert refused.value.code == "ledger" and "nothing was replaced" in str(refused.value)
    assert database.stat().st_ino == inode_before
    assert not list(database.parent.glob(f".{database.name}.restoring*"))
