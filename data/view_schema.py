"""Tables of the site view: its own SQLite database (never on the share), rebuilt from the
stations' journals whenever needed, so nothing in it is the only copy of anything.

- `view_sources`    where reading each chain stands (one of a station's journal folders on
                    the share, or this PC's own database for its own chain), and whether it
                    was found broken; keyed by `source` (utils/site/site_view.source_key)
- `view_events`     every station's audit events (the journals' sealed events); an event in
                    two chains of a station (a restored chain's part shared with the journal
                    it forked from: same seq, same hash) is stored once
- `view_record_versions`  every version of every record, with the station whose event
                    published it (two PCs writing the same version number: both kept)
- `view_records`    the current version of each record (the highest), what every table,
                    filter and export reads
- `agg_counts`, `agg_defects`  dashboard aggregates per station and local hour, day and month
                    (and, for the rejections per defect and location, year), kept up to date
                    on ingest (data/view_store.py)
- `agg_insight`, `agg_insight_defects`  the Insights' sums per station, local hour, day,
                    month and year and shift: boxes, measured boxes, CAM-D and CAM-W
                    counts, sums and sums of squares; boxes with each defect
- `agg_insight_weeks`  the same sums per station and local week (Monday to Sunday), every
                    shift together: a year's week figures read without grouping
- `agg_runs`        every maximal run of one defect in 3 or more consecutive active records of a
                    station (the repeated-defect rule), kept up to date on ingest

Timestamps are canonical UTC text (models/canonical.py), so text order is time order.
"""

from __future__ import annotations

from typing import Sequence

from sqlalchemy import (
    Column, Float, Index, Integer, MetaData, PrimaryKeyConstraint, String, Table, Text,
)

from data import schema
from data.schema import identifier, timestamp

metadata = MetaData()

# Bumped whenever a table or the meaning of a column changes: an older view is dropped and
# read again from the journals (data/view_db.py).
# 2: events' ids in arrival order, (station, seq) a unique index; 3: a station's chains each a
# source of their own, (station, seq, hash) the unique index (two chains' seq 1 both kept);
# 4: the Insights' aggregates (agg_insight, agg_insight_defects, agg_runs) and the CAM indexes
# 5: downtime and OEE (data/view_oee.py)
# 6: SPC (data/view_spc.py: spc_baselines, spc_signals, spc_status, spc_charts)
# 7: shift handovers (view_handovers, view_handover_notes: data/view_handover.py)
# 8: SPC freezes and stop classifications count only signed by the person (spc_baselines'
#    frozen_at and oee_stops' classified_at are the signed times; unsigned ones are dropped)
# 9: the Insights' weeks without shifts (agg_insight_weeks), their months per shift in
#    agg_insight and agg_insight_defects (no weeks there), years in agg_defects, agg_runs
#    keyed in the order it is read: a year's Insights read about 50,000 aggregate rows
#    instead of 180,000, and sort none
# 10: years in agg_insight and agg_insight_defects too (about 25,000 rows a year)
# 11: what a station's own service never writes is not taken (record versions, stops,
#     handovers, signed acts, every event's time, user, role, action and entity:
#     models/record_checks.py, 2026-12-04/05): a view kept before may hold such events, which
#     every view made since refuses, and every PC's view must agree (the reviews' hashes too)
# 12: the same view whatever order the journals are read in (2026-12-05): spc_charts counts
#     its records (a chart a correction emptied leaves the chooser), two versions of one
#     number and edit time are ordered by their events (each event's version kept: the
#     versions' key names it), and a station's unsigned version read before its record's
#     version 1 waits for it (view_waiting_versions)
# 13: every version of a record names its record's station, signed or not, and a version whose
#     id was made for another station is refused when read (2026-12-05, evening): a view kept
#     before may hold a signed version naming another station, or changes waiting that are
#     refused now; and the voided records' own index (the Production tab's count)
VIEW_FORMAT = 13

view_meta = schema.key_value_table("view_meta", metadata)


def clustered(name: str, *columns: Column, key: Sequence[str]) -> Table:
    """A view table stored in the order of its primary key `key` (SQLite WITHOUT ROWID). The
    aggregates are read as ranges of their key (a station's buckets, a shift's stations): in
    key order each range is one stretch of the file, and no rowid b-tree is kept beside the
    key's own index."""
    return Table(name, metadata, *columns, PrimaryKeyConstraint(*key), sqlite_with_rowid=False)


view_sources = Table(
    "view_sources", metadata,
    Column("source", String(160), primary_key=True),
    identifier("station", index=True),
    Column("number", Integer, nullable=False, unique=True),  # the high bits of its events' ids
    Column("kind", String(8), nullable=False),  # journal | local
    Column("anchor", String(64), nullable=True),
    Column("segment", Integer, nullable=False, default=1),
    Column("offset", Integer, nullable=False, default=0),
    Column("last_seq", Integer, nullable=False, default=0),
    Column("last_hash", String(64), nullable=True),
    timestamp("first_ts", nullable=True),
    timestamp("last_ts", nullable=True),
    Column("events", Integer, nullable=False, default=0),
    *schema.broken_at(),
    timestamp("updated_at"),
)

# id: the rowid in the order events arrive, so the table (each row holds a body of about 600
# bytes: a handful per page) only ever grows at its end. Keyed by station << 40 | seq, as in
# format 1, catching up appended inside every station's range at once and split pages whose
# neighbours, another station's old events, had long left the cache: on a million events that
# cost more than everything else. A unique index keeps one row per (station, seq, hash): one
# event per chain position, and an event two chains share once.
view_events = Table(
    "view_events", metadata,
    Column("id", Integer, primary_key=True),
    *schema.copied(schema.audit_events, schema.EVENT_FACTS),  # as in site_audit_events
    Column("hash", String(64), nullable=False),
    Column("body", Text, nullable=False),
)
Index("ux_view_events_station_seq", view_events.c.station, view_events.c.seq,
      view_events.c.hash, unique=True)
Index("ix_view_events_ts", view_events.c.ts)
Index("ix_view_events_station_ts", view_events.c.station, view_events.c.ts)
Index("ix_view_events_user_ts", view_events.c.username, view_events.c.ts)
Index("ix_view_events_action_ts", view_events.c.action, view_events.c.ts)

view_record_versions = Table(
    "view_record_versions", metadata,
    *schema.copied(schema.record_versions),
    identifier("source_station"),
    Column("source_seq", Integer, nullable=False),
    # The event too: two versions of one number from one station (two events) are both kept.
    PrimaryKeyConstraint("record_id", "version", "source_station", "source_seq"),
)

# A station's unsigned version of a record whose version 1 the view does not hold yet (one an
# office PC made for it, whose journal is read later): judged when that version arrives
# (data/view_ownership.py).
view_waiting_versions = Table(
    "view_waiting_versions", metadata,
    *schema.copied(schema.record_versions),
    identifier("source_station"),
    Column("source_seq", Integer, nullable=False),
    # The event too: two versions of one number from one station (two events) are both kept.
    PrimaryKeyConstraint("record_id", "version", "source_station", "source_seq"),
)

view_records = Table(
    "view_records", metadata,
    *schema.copied(schema.record_versions, key=("record_id",)),
    identifier("source_station"),
    Column("source_seq", Integer, nullable=False),
)
Index("ix_view_records_time", view_records.c.recorded_at, view_records.c.record_id)
# With record_id: a station's records in their total order (the Insights' runs and halves).
Index("ix_view_records_station_time", view_records.c.station_id, view_records.c.recorded_at,
      view_records.c.record_id)
Index("ix_view_records_lot", view_records.c.lot)
Index("ix_view_records_operator", view_records.c.operator)
# The voided records by time with their defects (a few percent of the records): the Production
# tab's count with a defect adds them to the active ones the aggregates count
# (data/view_record_count.py), from the index alone.
Index("ix_view_records_voided", view_records.c.recorded_at, view_records.c.rej1_defect,
      view_records.c.rej2_defect, view_records.c.rej3_defect,
      sqlite_where=view_records.c.status == "voided")
# The 2 σ outliers: the records of a station above a threshold, counted and listed from the
# index alone (active records only: the statements repeat the condition so SQLite uses it).
Index("ix_view_records_cam_d", view_records.c.station_id, view_records.c.cam_d,
      view_records.c.recorded_at, view_records.c.cam_w,
      sqlite_where=view_records.c.status == "active")
Index("ix_view_records_cam_w", view_records.c.station_id, view_records.c.cam_w,
      view_records.c.recorded_at, sqlite_where=view_records.c.status == "active")

# Left out while a first catch-up fills an empty view, and made when it ends
# (ViewWriter.begin_catch_up / end_catch_up; the key below says they are still to be made):
# their keys (CAM values within a station) arrive in no order, so a batch wrote pages all over
# them, more of them the larger the view. Only the Insights' outliers read them: slower
# meanwhile, still right. The tables are the same either way (no new VIEW_FORMAT).
DEFERRED_INDEXES = ("ix_view_records_cam_d", "ix_view_records_cam_w")
DEFERRED_KEY = "deferred_indexes"

RECORD_FIELDS = tuple(c.name for c in schema.record_versions.columns)
# A record version as the view keeps it: its fields and the event that carried it.
RECORD_COLUMNS = (*RECORD_FIELDS, "source_station", "source_seq")
HOURS = tuple(f"h{hour}" for hour in range(24))


def place(prefix: str, *, nullable: bool = False) -> list[Column]:
    """A record's place in its station's order (recorded_at, record_id), as `prefix`_at and
    `prefix`_id."""
    return [timestamp(f"{prefix}_at", nullable=nullable),
            identifier(f"{prefix}_id", nullable=nullable)]


BUCKET_KEY = ("level", "bucket", "station")


def _bucket_key() -> list[Column]:
    """The dashboard's and the Insights' aggregates are per level, bucket and station (the
    start of their primary keys: BUCKET_KEY)."""
    return [Column("level", String(1), nullable=False),
            timestamp("bucket"),
            identifier("station")]


# level: H (a local hour), D (a local day), M (a local month), in agg_defects also Y (a local
# year); bucket: its start in UTC.
agg_counts = clustered(
    "agg_counts",
    *_bucket_key(),
    Column("boxes", Integer, nullable=False, default=0),
    Column("cam_d_sum", Float, nullable=False, default=0.0),
    Column("cam_d_n", Integer, nullable=False, default=0),
    Column("cam_w_sum", Float, nullable=False, default=0.0),
    Column("cam_w_n", Integer, nullable=False, default=0),
    *[Column(name, Integer, nullable=False, default=0) for name in HOURS],
    key=BUCKET_KEY,
)

agg_defects = clustered(
    "agg_defects",
    *_bucket_key(),
    identifier("defect"),
    identifier("location"),
    Column("rejections", Integer, nullable=False, default=0),
    key=(*BUCKET_KEY, "defect", "location"),
)

# The Insights' sums. level: H (a local hour), D (a local day), M (a local month), Y (a local
# year); bucket: its start in UTC; shift: utils' shift number of the records (models/shifts.py).
# measured: boxes with CAM-D or CAM-W; *_sq: sums of squares, for σ.
INSIGHT_SUMS = ("boxes", "measured", "d_n", "d_sum", "d_sq", "w_n", "w_sum", "w_sq")


def _insight_sums() -> list[Column]:
    """The INSIGHT_SUMS as columns: counts whole, sums and sums of squares real."""
    return [Column(name, Float if name.endswith(("_sum", "_sq")) else Integer, nullable=False,
                   default=0) for name in INSIGHT_SUMS]


agg_insight = clustered(
    "agg_insight",
    *_bucket_key(),
    Column("shift", Integer, nullable=False),
    *_insight_sums(),
    key=(*BUCKET_KEY, "shift"),
)

# The same sums per local week from Monday (bucket: its start in UTC), every shift together:
# keyed by station first, so a station's weeks are one stretch of the table.
agg_insight_weeks = clustered(
    "agg_insight_weeks",
    identifier("station"),
    timestamp("bucket"),
    *_insight_sums(),
    key=("station", "bucket"),
)

# Boxes with at least one rejection of the defect (a box naming it twice counts once).
agg_insight_defects = clustered(
    "agg_insight_defects",
    *_bucket_key(),
    identifier("defect"),
    Column("boxes", Integer, nullable=False, default=0),
    key=(*BUCKET_KEY, "defect"),
)

# A run: its first and last record in the station's order (recorded_at, record_id), both
# included; every active record of the station between them has the defect. Kept in the
# order the Insights list them (station, then its order), so reading them sorts nothing.
agg_runs = clustered(
    "agg_runs",
    identifier("station"),
    identifier("defect"),
    *place("first"),
    *place("last"),
    Column("length", Integer, nullable=False),
    key=("station", "first_at", "first_id", "defect"),
)
Index("ix_agg_runs_station_last", agg_runs.c.station, agg_runs.c.last_at, agg_runs.c.last_id)
Index("ix_agg_runs_last", agg_runs.c.last_at)
