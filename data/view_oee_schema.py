"""The site view's downtime and OEE tables (data/view_oee.py keeps them on ingest,
data/view_oee_reads.py reads them): per stop, per station and shift, per size, per reason, and
the whole site's per day. Defined here, apart from the ingest, so that neither module is a room
of its own over 400 lines.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, Index, Integer, PrimaryKeyConstraint, String, Table, Text

from data.schema import identifier, timestamp
from data.view_schema import clustered, metadata


def _station_shift() -> list[Column]:
    """A station's shift (its start in UTC) and the local day it counts for."""
    return [identifier("station"),
            timestamp("shift_start"),
            Column("day", String(10), nullable=False)]


def _output() -> list[Column]:
    """Boxes and rejected boxes of one size: a station's in a shift, the site's in a day."""
    return [Column("size", String(20), nullable=False),
            Column("boxes", Integer, nullable=False, default=0),
            Column("rejected", Integer, nullable=False, default=0)]


def _downtime() -> list[Column]:
    """Downtime and stops of one reason: a station's in a shift, the site's in a day."""
    return [Column("reason", String(32), nullable=False),
            Column("seconds", Float, nullable=False, default=0.0),
            Column("stops", Integer, nullable=False, default=0)]


oee_stops = Table(
    "oee_stops", metadata,
    identifier("station"),
    identifier("stop_id"),
    timestamp("started_at", nullable=True),
    timestamp("ended_at", nullable=True),
    Column("breaks", Text, nullable=True),  # JSON [[from, to], ...]
    Column("size", String(20), nullable=True),
    Column("reason", String(32), nullable=False, default=""),
    Column("note", Text, nullable=True),
    identifier("opened_by", nullable=True),
    identifier("classified_by", nullable=True),
    timestamp("classified_at", nullable=True),
    PrimaryKeyConstraint("station", "stop_id"),
)
Index("ix_oee_stops_started", oee_stops.c.station, oee_stops.c.started_at)
Index("ix_oee_stops_open", oee_stops.c.ended_at)

oee_shift = clustered(
    "oee_shift",
    *_station_shift(),
    Column("shift_no", Integer, nullable=False),
    Column("boxes", Integer, nullable=False, default=0),
    Column("rejected", Integer, nullable=False, default=0),
    Column("stop_s", Float, nullable=False, default=0.0),
    Column("stops", Integer, nullable=False, default=0),
    key=("station", "shift_start"),
)
Index("ix_oee_shift_start", oee_shift.c.shift_start)

oee_output = clustered(
    "oee_output",
    *_station_shift(),
    *_output(),
    key=("station", "shift_start", "size"),
)
Index("ix_oee_output_start", oee_output.c.shift_start)

oee_reason = clustered(
    "oee_reason",
    *_station_shift(),
    *_downtime(),
    key=("station", "shift_start", "reason"),
)
Index("ix_oee_reason_start", oee_reason.c.shift_start)

# The site's sums, kept with the per-station rows so a year's trend and Pareto read one row per
# shift or per day instead of one per station and shift: stations active in each shift (a box
# or a stop) and their downtime; boxes per day and size; downtime per day and reason.
oee_site_shift = Table(
    "oee_site_shift", metadata,
    timestamp("shift_start", primary_key=True),
    Column("day", String(10), nullable=False),
    Column("stations", Integer, nullable=False, default=0),
    Column("stop_s", Float, nullable=False, default=0.0),
)

oee_site_output = clustered(
    "oee_site_output",
    Column("day", String(10), nullable=False),
    *_output(),
    key=("day", "size"),
)

oee_site_reason = clustered(
    "oee_site_reason",
    Column("day", String(10), nullable=False),
    *_downtime(),
    key=("day", "reason"),
)


# What the OEE feature is rebuilt and emptied by (data/view_extensions.py `tables`).
TABLE_NAMES = ("oee_stops", "oee_shift", "oee_output", "oee_reason", "oee_site_shift",
               "oee_site_output", "oee_site_reason")
