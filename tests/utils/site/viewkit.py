"""Putting hand-made record rows into a site view, as ingesting a journal would (the dashboard,
insights and production tests check figures against rows worked out by hand)."""

from __future__ import annotations

from typing import Any, Sequence

from data import view_repo
from data.view_store import Batch, Position
from models.canonical import format_utc


def put_view_rows(view, rows: Sequence[dict[str, Any]], source: str = "fixture") -> None:
    """Store `rows` (view rows: record columns plus source_station and source_seq) through the
    view's own writer, so the current versions and the aggregates follow as on ingest."""
    with view.database.read() as connection:
        known = view_repo.source(connection, source)
    start = (Position() if known is None else
             Position(known["segment"], known["offset"], known["last_seq"], known["last_hash"]))
    end = Position(start.segment, start.offset + 1, start.last_seq, start.last_hash)
    # A source of kind "local" (like this PC's own chain): not a journal to verify on a share.
    batch = Batch(source, "local", start, end, None, records=list(rows),
                  now=format_utc(view.ctx.clock.now()))
    stored = view._writer_for_use().store(batch)
    assert stored is not None
    view._notify(stored)


class ViewOnDisk:
    """A site view's own database in a folder and its real writer, without a PC around it
    (`database` and `zone_name` are what the figures read): for statistics tests that put
    hand-made records in as ingest would, corrections and voids included."""

    def __init__(self, folder, zone_name: str):
        from data.view_db import open_view_database
        from data.view_store import ViewWriter

        self.zone_name = zone_name
        self.database = open_view_database(folder / "view.sqlite3")
        self.writer = ViewWriter(self.database, zone_name)
        self._position = Position()

    def put(self, rows: Sequence[dict[str, Any]], source: str = "fixture") -> set[str]:
        """One batch of record versions (a newer version replaces the current one); the
        stations whose records changed, as the view tells its listeners."""
        end = Position(1, self._position.offset + 1)
        stored = self.writer.store(Batch(source, "journal", self._position, end, None,
                                         records=list(rows), now="2027-01-01T00:00:00.000Z"))
        assert stored
        self._position = end
        return set(stored.stations)

    def close(self) -> None:
        self.writer.close()
        self.database.dispose()
