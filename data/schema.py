"""Tables (SQLAlchemy Core). Timestamps are ISO-8601 UTC text with milliseconds.

`record_versions`, `audit_events` and `audit_checkpoints` are append-only: database triggers
reject UPDATE and DELETE on them (see data.migrations).
"""

from __future__ import annotations

from typing import Any, Collection

from sqlalchemy import (
    Boolean, Column, Float, Index, Integer, LargeBinary, MetaData, String, Table,
    Text, UniqueConstraint,
)

metadata = MetaData()


# The kinds of value that recur across tables, stored alike in every table (the local database's
# and the site view's), so a time or a name read from one table compares with another's. The
# column is NOT NULL unless the call says nullable=True.

def timestamp(name: str, *, nullable: bool = False, **options: Any) -> Column:
    """A moment: canonical UTC text with milliseconds (models/canonical.py), so text order is
    time order."""
    return Column(name, String(32), nullable=nullable, **options)


def identifier(name: str, *, nullable: bool = False, **options: Any) -> Column:
    """What the plant and the app name things by: a station's id, a person's username, a lot's
    code, a record's id, a catalog's defect or location (and an audit event's command id; the
    command tables keep their own 32 characters, as they were made)."""
    return Column(name, String(64), nullable=nullable, **options)


def copied(table: Table, names: Collection[str] | None = None, *,
           key: Collection[str] = ()) -> list[Column]:
    """New columns like `table`'s (name, type, nullability), in its order, for a table that
    keeps copies of its rows: all of them, or those `names`; the `key` ones are its primary key.
    (A Column belongs to one table: a copy is a new one.)"""
    return [Column(c.name, c.type, nullable=c.nullable, primary_key=c.name in key,
                   autoincrement=False if c.name in key else "auto")
            for c in table.columns if names is None or c.name in names]


schema_migrations = Table(
    "schema_migrations", metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("description", Text, nullable=False),
    timestamp("applied_at"),
)


def key_value_table(name: str, on: MetaData) -> Table:
    """A small store of named texts (a database's own facts: its anchor, the view's format)."""
    return Table(name, on,
                 identifier("key", primary_key=True),
                 Column("value", Text, nullable=False))


meta_info = key_value_table("meta_info", metadata)

users = Table(
    "users", metadata,
    identifier("username", primary_key=True),
    Column("full_name", Text, nullable=False),
    Column("role", String(16), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("must_change_password", Boolean, nullable=False, default=True),
    Column("badge_id", String(128), nullable=True, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("failed_attempts", Integer, nullable=False, default=0),
    timestamp("locked_until", nullable=True),
    timestamp("created_at"),
    timestamp("updated_at"),
    Column("version", Integer, nullable=False, default=1),
    # Version 4: the person's signing key (public half, and the private half sealed under
    # their password), from the site directory; None on a PC outside a site.
    Column("public_key", String(64), nullable=True),
    Column("sealed_key", Text, nullable=True),
)

record_versions = Table(
    "record_versions", metadata,
    identifier("record_id", primary_key=True),
    Column("version", Integer, primary_key=True, autoincrement=False),
    identifier("station_id"),
    identifier("lot"),
    Column("box", Integer, nullable=False),
    Column("size", String(20), nullable=False),
    Column("unit_weight_kg", Float, nullable=True),
    identifier("rej1_defect", nullable=True), identifier("rej1_location", nullable=True),
    identifier("rej2_defect", nullable=True), identifier("rej2_location", nullable=True),
    identifier("rej3_defect", nullable=True), identifier("rej3_location", nullable=True),
    Column("cam_d", Float, nullable=True),
    Column("cam_w", Float, nullable=True),
    identifier("operator"),
    timestamp("recorded_at"),
    Column("utc_offset_minutes", Integer, nullable=False),
    Column("origin", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("reason", Text, nullable=True),
    identifier("editor", nullable=True),
    timestamp("edited_at", nullable=True),
    Column("base_version", Integer, nullable=True),
)
Index("ix_record_versions_station_time", record_versions.c.station_id,
      record_versions.c.recorded_at)
Index("ix_record_versions_lot", record_versions.c.lot)
# Version 6: one box of the plant, what the legacy import looks each row up by
# (data/legacy_boxes.py); without it each lookup read the station's whole history.
record_box_index = Index("ix_record_versions_box", record_versions.c.station_id,
                         record_versions.c.lot, record_versions.c.box)

import_keys = Table(
    "import_keys", metadata,
    Column("source_key", String(64), primary_key=True),
    identifier("record_id"),
    timestamp("imported_at"),
)

lots = Table(
    "lots", metadata,
    identifier("station_id", primary_key=True),
    identifier("code"),
    Column("total_boxes", Integer, nullable=False),
    Column("current_box", Integer, nullable=False),
    Column("registered_count", Integer, nullable=False),
    timestamp("updated_at"),
)


def _chained() -> list[Column]:
    """The rowid (in the order written) and the place in a station's chain, for the chain's
    events and its checkpoints."""
    return [Column("id", Integer, primary_key=True, autoincrement=True),
            identifier("station"),
            Column("seq", Integer, nullable=False)]


audit_events = Table(
    "audit_events", metadata,
    *_chained(),
    timestamp("ts"),
    identifier("username", nullable=True),
    Column("role", String(16), nullable=True),
    identifier("action"),
    identifier("entity", nullable=True),
    Column("entity_id", String(128), nullable=True),
    identifier("command_id", nullable=True),
    Column("prev_hash", LargeBinary(32), nullable=False),
    Column("hash", LargeBinary(32), nullable=False),
    # HMAC-SHA256(key, hash): an event recomputed without the key is caught at once.
    identifier("key_id"),
    Column("mac", LargeBinary(32), nullable=False),
    Column("body", Text, nullable=False),
    UniqueConstraint("station", "seq", name="uq_audit_station_seq"),
)
Index("ix_audit_ts", audit_events.c.ts)
Index("ix_audit_user", audit_events.c.username)
Index("ix_audit_entity", audit_events.c.entity, audit_events.c.entity_id)

audit_checkpoints = Table(
    "audit_checkpoints", metadata,
    *_chained(),
    Column("head_hash", String(64), nullable=False),
    timestamp("ts"),
    identifier("key_id"),
    Column("sig", String(64), nullable=False),
)
Index("ix_checkpoints_station_seq", audit_checkpoints.c.station, audit_checkpoints.c.seq)

APPEND_ONLY_TABLES = ("record_versions", "audit_events", "audit_checkpoints")


# -- version 2: site sync ----------------------------------------------------------------------

# The station's memory of every command it received: what makes execution exactly-once across
# restarts (a replayed file finds its id here) and lets an ack lost in a crash be rewritten.
command_ledger = Table(
    "command_ledger", metadata,
    Column("command_id", String(32), primary_key=True),
    Column("type", String(32), nullable=False),
    identifier("issued_by", nullable=True),
    timestamp("received_at"),
    Column("status", String(16), nullable=False),  # executing, done, failed, rejected, expired
    Column("reason", Text, nullable=True),
    Column("result", Text, nullable=True),  # canonical JSON
    timestamp("finished_at", nullable=True),
    Column("ack_written", Boolean, nullable=False, default=False),
)
Index("ix_command_ledger_unacked", command_ledger.c.ack_written)

# Commands this PC sent (admin side), tracked to their final state.
sent_commands = Table(
    "sent_commands", metadata,
    Column("command_id", String(32), primary_key=True),
    identifier("target"),
    Column("type", String(32), nullable=False),
    Column("params", Text, nullable=False),
    identifier("issued_by"),
    timestamp("issued_at"),
    timestamp("not_after"),
    Column("state", String(16), nullable=False),  # pending, done, failed, rejected, expired, duplicate, timed_out
    Column("reason", Text, nullable=True),
    Column("result", Text, nullable=True),
    timestamp("updated_at"),
)
Index("ix_sent_commands_state", sent_commands.c.state)

# -- the site read-model of schema versions 2 and 3 (admin PCs) ------------------------------
# Created by migrations 2 and 3 and dropped by migration 4: the site view now has a database of
# its own (data/view_schema.py). Kept here because released migrations never change.

# Who, what and when of every station's events: the audit table's own columns (its hash and MAC
# are bytes and this PC's; here the hash is the journal's text).
EVENT_FACTS = ("station", "seq", "ts", "username", "role", "action", "entity", "entity_id",
               "command_id")
site_audit_events = Table(
    "site_audit_events", metadata,
    *copied(audit_events, EVENT_FACTS, key=("station", "seq")),
    Column("hash", String(64), nullable=False),
    Column("body", Text, nullable=False),
)
Index("ix_site_audit_ts", site_audit_events.c.ts)
Index("ix_site_audit_user", site_audit_events.c.username)

# Record versions as published by their station (the station's audit event is the source).
# The key includes the publishing station: two PCs writing the same version number of one
# record is a conflict, and both versions are kept.
site_record_versions = Table(
    "site_record_versions", metadata,
    *copied(record_versions, key=("record_id", "version")),
    identifier("source_station", primary_key=True),
    Column("source_seq", Integer, nullable=False),
)
Index("ix_site_records_station_time", site_record_versions.c.station_id,
      site_record_versions.c.recorded_at)

# Every signed checkpoint this PC has seen from each station: the witness against rollback
# (kept: evidence, not derived from the journals).
site_checkpoints = Table(
    "site_checkpoints", metadata,
    *copied(audit_checkpoints, ("station", "seq", "head_hash", "ts", "key_id", "sig"),
            key=("station", "seq")),
    timestamp("seen_at"),
)


def broken_at() -> list[Column]:
    """Where reading a journal found it broken (all None: not broken): the event's seq, the kind
    of fault and what was found."""
    return [Column("broken_seq", Integer, nullable=True),
            Column("broken_kind", String(16), nullable=True),
            Column("broken_detail", Text, nullable=True)]


# Where ingestion of each station's journal stands, and whether it found the journal broken.
site_ingest_state = Table(
    "site_ingest_state", metadata,
    identifier("station", primary_key=True),
    Column("anchor", String(64), nullable=True),
    Column("segment", Integer, nullable=False),
    Column("offset", Integer, nullable=False),
    Column("last_seq", Integer, nullable=False),
    Column("last_hash", String(64), nullable=True),
    *broken_at(),
    timestamp("updated_at"),
)

# -- version 4: keys by role (the signed directory log, site-wide lockout) -------------------

# Every entry of the site's directory log this PC has verified, in order: the state every
# signature is checked against is rebuilt from it at start, and the share's copy is healed
# from it when entries vanish there.
directory_log = Table(
    "directory_log", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("hash", String(64), nullable=False),
    Column("entry", Text, nullable=False),  # canonical JSON, exactly as verified
)

# Signed operations made on this PC that the share has not taken yet (it was away).
directory_outbox = Table(
    "directory_outbox", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("op", Text, nullable=False),
    timestamp("created_at"),
)

# Failed passwords, this PC's and those other PCs published: the lockout counts them all.
login_failures = Table(
    "login_failures", metadata,
    identifier("station", primary_key=True),
    identifier("username", primary_key=True),
    timestamp("at", primary_key=True),
    Column("n", Integer, primary_key=True, autoincrement=False),  # several in one millisecond
)
Index("ix_login_failures_user", login_failures.c.username, login_failures.c.at)

# The last successful login of each account on each station (resets the count before it).
login_successes = Table(
    "login_successes", metadata,
    identifier("station", primary_key=True),
    identifier("username", primary_key=True),
    timestamp("at"),
)

V1_TABLES = (schema_migrations, meta_info, users, record_versions, import_keys, lots,
             audit_events, audit_checkpoints)
V2_TABLES = (command_ledger, sent_commands, site_audit_events, site_record_versions,
             site_checkpoints, site_ingest_state)
V4_TABLES = (directory_log, directory_outbox, login_failures, login_successes)
