"""Restoring a backup: proven first, the current database kept aside, audited on both sides.

`restore_backup` works on a home folder, not on an open context: the database file itself is
replaced, so nothing may hold it open. In order:

1. Nothing else uses this PC's database: the app and the agent hold the in-use lock
   (utils/backup/in_use.py) while they run; the restore takes it for itself. Every process
   with the database open (a command line too) holds a file of its own, and the restore holds
   the gate that keeps others from opening it until the copy is in place
   (utils/backup/database_users.py).
2. The person logs in (an admin: Permission.BACKUP_MANAGE).
3. The backup is proven (utils/backup/proof.py): restored into a temporary folder and verified
   end to end, records against the chain. A backup of another installation (another chain
   anchor: checked first, its chain cannot be checked here), an empty or unreadable file, or
   a backup that is not intact is refused; there is no override for that.
4. A backup older than what this PC witnessed since (a signed checkpoint beyond its end, or a
   different event at that place) would lose signed events: refused unless the person gives an
   explicit override, a reason (10+ characters) and a signature (their password again; in a
   site, signed with their own key too), written in both chains.
5. The current database is copied aside with the online backup API (a consistent copy, WAL
   included) to `set-aside/`, with the witness file; its chain first records what is about to
   happen ("database.set_aside").
6. The proven copy takes the database's place (atomically); the site view, a cache of the old
   history, is removed (it is rebuilt from the journals); the old witness goes aside with the
   old database (it also saw the restore's own events there), and the restored chain records
   "backup.restored" (file, checksum, heads, what was set aside, the override and its
   signature) and signs its new head, the first of its own witness. The command ledger is
   kept whole: the rows of commands taken after the backup go into the copy before it takes
   the database's place, so a command put back in the inbox is a duplicate, not run again.

The station's journal on the share still holds the old history and is never rewritten. When it
goes on past the backup, the restored chain (whose "backup.restored" comes right after the last
event both share) is published by the station's sync in a journal folder of its own,
`journal-<chain id>/`, beside it (utils/site/journal.py); both histories stay in the site view.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from config.constants import Permission
from data.schema import command_ledger
from models.canonical import format_utc
from models.validation import ValidationFailed, validate_reason
from utils.atomic_io import atomic_write_with, fsync_directory
from utils.audit.chain import WITNESS_LOCK_WAIT_S, Actor, witness_lock_file
from utils.backup.database_users import DatabaseInUse, DatabaseUser, sole_user
from utils.backup.in_use import InUseLock
from utils.backup.proof import BackupProof, BackupUnreadable, OtherInstallation, verify_backup
from utils.clock import Clock
from utils.context import AppContext
from utils.file_lock import FileLock
from utils.permissions import PermissionDenied, require

log = logging.getLogger(__name__)

OVERRIDE_MEANING = "restore an older backup"


class RestoreRefused(RuntimeError):
    """The restore was not done; `code` says why, the message what was kept and what to do."""

    def __init__(self, code: str, message: str, proof: BackupProof | None = None):
        self.code = code
        self.proof = proof
        super().__init__(message)


@dataclass
class RestoreOutcome:
    proof: BackupProof
    set_aside: Path
    override: dict[str, Any] | None


def restore_backup(home: Path | None, file: Path, *, username: str, password: str,
                   override_reason: str | None = None, clock: Clock | None = None
                   ) -> RestoreOutcome:
    ctx = AppContext.open(home, clock=clock)
    paths = ctx.paths
    lock = InUseLock(paths.in_use_lock_file)
    if not lock.acquire():
        ctx.close()
        raise RestoreRefused("in_use", "the app or the agent is running on this PC and uses "
                                       "its database: close it first. Nothing was changed.")
    work: Path | None = None
    try:
        work = Path(tempfile.mkdtemp(prefix="shopfloor-restore-", dir=paths.data_dir))
        try:
            # Every other process with the database open is seen here (a command line too),
            # and none opens it until the restore is recorded (utils/backup/database_users.py).
            with sole_user(paths.database_users_dir, own=ctx.database_user):
                proof, aside, override = _restore_alone(ctx, home, clock, file, work,
                                                        username, password, override_reason)
        except DatabaseInUse as exc:  # another process has it open (checked at the gate)
            raise RestoreRefused("in_use", f"{exc}: close it first. Nothing was "
                                           f"changed.") from None
        finally:
            ctx.close()  # (a second close does nothing; this one is for a refusal at the gate)
        log.warning("Database restored from %s by %s; the previous one is kept as %s%s",
                    file, username, aside, " (override: older than witnessed)" if override
                    else "")
        return RestoreOutcome(proof, aside, override)
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
        lock.release()


def _restore_alone(ctx: "AppContext", home: Path | None, clock: Clock | None, file: Path,
                   work: Path, username: str, password: str, override_reason: str | None
                   ) -> tuple[BackupProof, Path, dict[str, Any] | None]:
    """Steps 2 to 6, with no other process holding the database (the caller holds the gate).
    `ctx` is closed before the database is replaced."""
    try:
        try:
            _session, proof, override, actor = _check(ctx, file, work, username, password,
                                                      override_reason)
            stamp = ctx.clock.now().strftime("%Y%m%dT%H%M%SZ")
            aside = ctx.paths.set_aside_dir / f"shopfloor-{stamp}.sqlite3"
            ctx.changes.record(actor, "database.set_aside", entity="database",
                               entity_id=aside.name, after={
                                   "restoring": str(file), "sha256": proof.sha256,
                                   "override": override})
            ctx.audit.checkpoint_now()
            _copy_aside(ctx, aside)
        finally:
            ctx.close()  # its checkpoint may also wait for the witness's lock
        _replace(ctx.paths, proof, stamp, aside)
    except TimeoutError:  # the witness's lock, kept by another process (file_lock.py)
        raise RestoreRefused(
            "witness_busy", "another program on this PC (a command line?) kept the audit "
            "witness locked, so nothing was replaced: the database and its witness are as "
            "they were. Close that program and restore again.") from None
    # Recorded before the gate opens: a command line waiting for it writes after
    # "backup.restored", which must follow the fork point (utils/site/journal.py).
    restorer = DatabaseUser(ctx.paths.database_users_dir)
    restorer.register(gate_held=True)
    _record_restored(home, clock, actor, file, proof, aside, override, restorer)
    return proof, aside, override


def _check(ctx: "AppContext", file: Path, work: Path, username: str, password: str,
           override_reason: str | None):
    result = ctx.auth.login(username, password)
    if not result.ok:
        raise RestoreRefused("login", "wrong username or password (or the account is locked); "
                                      "nothing was changed")
    session = result.session
    try:
        require(session, Permission.BACKUP_MANAGE, ctx.changes, target=str(file))
    except PermissionDenied:
        raise RestoreRefused("denied", f"{username} may not restore backups (admins only); "
                                       f"nothing was changed") from None
    try:
        # Which installation it belongs to is checked there first, before its chain.
        proof = verify_backup(ctx, file, keep_copy_in=work)
    except BackupUnreadable as exc:  # another installation's, empty, not a database, unreadable
        # Its own text is the restore's refusal (utils/backup/proof.py builds it).
        code = "other_installation" if isinstance(exc, OtherInstallation) else "unreadable"
        raise RestoreRefused(code, str(exc)) from None
    if not proof.intact:
        raise RestoreRefused("not_intact", "the backup is not intact: " + "; ".join(
            proof.summary()) + ". Nothing was changed; choose another backup.", proof)
    override = None
    if proof.older_than_witnessed:
        if not override_reason:
            raise RestoreRefused("older_than_witnessed", "the backup is older than what this "
                                 "PC witnessed since: " + "; ".join(proof.summary()) + ". "
                                 "Restoring it loses those events. Nothing was changed; to "
                                 "restore it all the same, give --override-reason (why, 10 "
                                 "characters or more) and sign with your password.", proof)
        try:
            reason = validate_reason(override_reason)
        except ValidationFailed as exc:
            raise RestoreRefused("override_reason", f"the override's reason: {exc}; nothing "
                                                    f"was changed", proof) from None
        if not ctx.auth.verify_password(session, password):
            raise RestoreRefused("signature", "the signature's password was refused; nothing "
                                              "was changed", proof)
        override = _signed_override(ctx, session, proof, reason)
    return session, proof, override, Actor(session.username, str(session.role))


def _signed_override(ctx: "AppContext", session, proof: BackupProof, reason: str) -> dict[str, Any]:
    """The override's manifest: who, name, when, meaning, what it overrides; in a site also
    signed with the person's own key, bound to the backup's checksum."""
    manifest: dict[str, Any] = {
        "meaning": OVERRIDE_MEANING, "signed_by": session.username,
        "full_name": session.full_name, "signed_at": format_utc(ctx.clock.now()),
        "reason": reason, "backup_sha256": proof.sha256,
        "behind": {station: {"backup_ends_at": head, "witnessed": seen}
                   for station, (head, seen) in sorted(proof.behind.items())},
        "forked": {station: {"witnessed": seen} for station, seen in sorted(proof.forked.items())}}
    if session.signer is not None:
        manifest = {**manifest, "key_id": session.signer.key_id}
        manifest["sig"] = session.signer.sign(manifest)
    return manifest


def _copy_aside(ctx: "AppContext", aside: Path) -> None:
    aside.parent.mkdir(parents=True, exist_ok=True)

    def copy(temp: Path) -> None:
        source = ctx.database.raw_sqlite_connection(read_only=True)
        try:
            with closing(sqlite3.connect(temp)) as target:
                source.backup(target)
        finally:
            source.close()

    atomic_write_with(aside, copy)
    witness = ctx.paths.checkpoint_file
    if witness.exists():
        shutil.copy2(witness, aside.with_name(aside.stem + ".audit-checkpoint.json"))


def _replace(paths, proof: BackupProof, stamp: str, aside: Path) -> None:
    """The proven copy in the database's place; the caches of the old history out. Done
    holding the witness's lock, taken before anything changes (if another process keeps it,
    the restore stops with nothing replaced): a writer of the witness comes before the
    database and its witness change, or after both."""
    assert proof.restored is not None
    with FileLock(witness_lock_file(paths.checkpoint_file)).holding(WITNESS_LOCK_WAIT_S):
        _replace_database(paths, proof, aside)
        if paths.checkpoint_file.exists():
            # The witness of the chain set aside goes with it (a copy is beside that
            # database): it also saw the restore's own events there. Without an override it
            # agreed with the backup at the backup's head (checked above); with one, the
            # signed override says what it saw. The restored chain starts a witness of its
            # own (signed below).
            paths.checkpoint_file.rename(paths.checkpoint_file.with_name(
                f"{paths.checkpoint_file.name}.before-restore-{stamp}"))


def _replace_database(paths, proof: BackupProof, aside: Path) -> None:
    assert proof.restored is not None
    database = paths.database_file
    staged = database.with_name(f".{database.name}.restoring")
    try:
        with closing(sqlite3.connect(proof.restored)) as source, \
                closing(sqlite3.connect(staged)) as target:
            source.backup(target)  # one file, no WAL beside it
            kept = _keep_command_ledger(target, aside)
    except sqlite3.Error as exc:
        # Restoring without the commands taken since the backup would let them run again:
        # nothing is replaced rather (the copy set aside stays, the staged one goes).
        for suffix in ("", "-journal"):
            Path(f"{staged}{suffix}").unlink(missing_ok=True)
        raise RestoreRefused(
            "ledger", f"the commands this station took since the backup could not be carried "
                      f"into the restored database ({exc}; from {aside.name}), so nothing was "
                      f"replaced: the database is as it was, and its copy stays in {aside}. "
                      f"Check the disk, then restore again.") from None
    if kept:
        log.info("Restore: %d command(s) taken after the backup kept in the command ledger "
                 "(from %s): put back in the inbox, each is a duplicate", kept, aside.name)
    with open(staged, "rb+") as handle:
        os.fsync(handle.fileno())
    for suffix in ("-wal", "-shm"):  # the old database's: its content is in the copy aside
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    os.replace(staged, database)
    fsync_directory(database.parent)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{paths.site_view_file}{suffix}").unlink(missing_ok=True)


def _keep_command_ledger(target: sqlite3.Connection, aside: Path) -> int:
    """The restored database keeps every command this station took: the backup's ledger rows,
    and those the database set aside took since (its copy in `set-aside/`). The ledger is what
    runs a command at most once, and a backup is older: without them, a command run after the
    backup, put back in the inbox within its validity (up to a day) with its claim and ack
    removed (anyone writes the share), would run again. Rows the backup has stay as they are;
    a kept row still "executing" is settled at start, never run (command_ledger.py). Done on
    the staged copy, so the database in place never lacks them. Returns how many were kept."""
    columns = ", ".join(column.name for column in command_ledger.columns)
    target.execute("ATTACH DATABASE ? AS aside", (str(aside),))
    try:
        with target:  # one transaction, committed here
            kept = target.execute(f"INSERT OR IGNORE INTO main.command_ledger ({columns}) "
                                  f"SELECT {columns} FROM aside.command_ledger").rowcount
    finally:
        target.execute("DETACH DATABASE aside")
    return kept


def _record_restored(home, clock, actor: Actor, file: Path, proof: BackupProof, aside: Path,
                     override: dict[str, Any] | None, user: DatabaseUser) -> None:
    ctx = AppContext.open(home, clock=clock, database_user=user)
    try:
        ctx.changes.record(actor, "backup.restored", entity="database", entity_id=Path(file).name,
                           after={"file": str(file), "sha256": proof.sha256,
                                  "heads": {s: seq for s, (seq, _h) in proof.heads.items()},
                                  "set_aside": str(aside), "override": override})
        ctx.audit.checkpoint_now()
    finally:
        ctx.close()
