"""The checkpoints this PC has witnessed from every station's journal: evidence against a
journal rolled back or cut short. Kept in this PC's own database (not in the rebuildable site
view, data/view_db.py): a witness cannot be read again from the share it guards."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, select

from data import schema
from data.audit_repo import StoredCheckpoint
from models.canonical import format_utc

C = schema.site_checkpoints


def witness(connection: Connection, checkpoint: StoredCheckpoint, when: datetime) -> bool:
    """Keep a checkpoint seen on the share; False if already known."""
    exists = connection.execute(select(C.c.seq).where(
        (C.c.station == checkpoint.station) & (C.c.seq == checkpoint.seq))).first()
    if exists is not None:
        return False
    connection.execute(C.insert().values(
        station=checkpoint.station, seq=checkpoint.seq, head_hash=checkpoint.head_hash,
        ts=checkpoint.ts, key_id=checkpoint.key_id, sig=checkpoint.sig, seen_at=format_utc(when)))
    return True


def witnessed(connection: Connection, station: str) -> list[StoredCheckpoint]:
    rows = connection.execute(select(C).where(C.c.station == station).order_by(C.c.seq))
    return [StoredCheckpoint(r.station, r.seq, r.head_hash, r.ts, r.key_id, r.sig) for r in rows]


def stations(connection: Connection) -> list[str]:
    """Stations with at least one witnessed checkpoint."""
    return list(connection.execute(select(C.c.station).distinct().order_by(C.c.station)).scalars())
