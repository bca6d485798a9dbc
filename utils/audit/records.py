"""This PC's record table proven by its audit chain.

Decision: `record_versions` is checked against the chain, not rebuilt from it. The chain is the
evidence (hashed, MACed, checkpointed); the table is the same versions laid out for the
station's own screens and exports (indexed by station, time and lot). Rebuilding the table
would not prove anything a check does not, and a table rebuilt at start could still be changed
afterwards; so every verify compares each stored version with the event that wrote it, both
ways (data/record_proof.py), and a refusal stops a change or an export from building on a
version the chain does not hold (`require_proven`). The site view (the admin panel, `export
--site`, dashboards) is built from chain events alone and never reads this table.

The finding is reported on the result of this PC's own chain (`home`): the table belongs to
this PC's database, and one line per station is what the CLI, the dialog and the audit tab
show. A broken chain stays the result's kind; the record finding is then added to its detail.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from typing import TYPE_CHECKING, Callable, Iterable

from data.database import Database
from data.record_proof import (
    ROW_DELETED, ROW_DIFFERS, ROW_INSERTED, ProofReport, RowFinding, check_records,
    differences, events_of, row_of,
)
from utils.audit.chain import Actor
from utils.audit.verify import TamperKind, VerifyResult

if TYPE_CHECKING:
    from utils.changes import Changes

KINDS = {ROW_DIFFERS: TamperKind.RECORD_MODIFIED, ROW_INSERTED: TamperKind.RECORD_INSERTED,
         ROW_DELETED: TamperKind.RECORD_DELETED}
MMAP_BYTES = 1 << 31  # read the file through the OS's page cache, no copy into SQLite's
DIFFERENCES_NAMED = 4


class RecordsNotProven(RuntimeError):
    """A record version this PC holds is not what its audit event says; nothing was done."""

    def __init__(self, finding: RowFinding, message: str):
        self.finding = finding
        super().__init__(message)


def _connection(database: Database) -> sqlite3.Connection:
    connection = database.raw_sqlite_connection()
    connection.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
    return connection


def check_database(database: Database, record_ids: Iterable[str] | None = None, *,
                   cancelled: Callable[[], bool] | None = None
                   ) -> tuple[ProofReport, str] | None:
    """The record check of `database` and the first finding said in words ("" when none);
    None when cancelled."""
    connection = _connection(database)
    try:
        if cancelled is not None:
            # SQLite calls this every N virtual-machine steps; non-zero stops the statement.
            connection.set_progress_handler(lambda: 1 if cancelled() else 0, 200_000)
        try:
            report = check_records(connection, record_ids)
        except sqlite3.OperationalError:
            if cancelled is not None and cancelled():
                return None
            raise
        connection.set_progress_handler(None, 0)
        return report, describe(connection, report)
    finally:
        connection.close()


def describe(connection: sqlite3.Connection, report: ProofReport) -> str:
    """The first finding for an administrator: which record, which version, what differs."""
    if not report.findings:
        return ""
    first = report.findings[0]
    more = len(report.findings) - 1
    record = f"record {first.record_id} version {first.version}"
    if first.kind == ROW_DELETED:
        text = (f"{record} was written by event {first.seq} of station {first.station}, but "
                f"this database holds no such version (deleted)")
    elif first.kind == ROW_INSERTED:
        text = f"{record} is in this database, but no event of the chain wrote it (inserted)"
    else:
        text = f"{record} differs from event {first.seq} of station {first.station}: " + \
            _what_differs(connection, first)
    if more:
        text += f"; {more}{'+' if len(report.findings) >= 100 else ''} more record version(s) " \
                f"not proven"
    return text


def _what_differs(connection: sqlite3.Connection, finding: RowFinding) -> str:
    row = row_of(connection, finding.record_id, finding.version) if finding.version else None
    events = events_of(connection, finding.record_id)
    own = next((e for e in events if (e["station"], e["seq"]) == (finding.station, finding.seq)),
               None)
    if row is None or own is None:
        return "the stored row cannot be read"
    for other in events:  # a row holding another version's content: swapped or copied
        if other is not own and not differences(row, other["after"], ignore=("version",)):
            return (f"the row holds what the chain says for version "
                    f"{other['after'].get('version')} (versions swapped or copied)")
    found = differences(row, own["after"])
    named = ", ".join(f"{column} is {held!r}, the chain says {said!r}"
                      for column, said, held in found[:DIFFERENCES_NAMED])
    return named + (f" (and {len(found) - DIFFERENCES_NAMED} more)"
                    if len(found) > DIFFERENCES_NAMED else "")


def merge(results: list[VerifyResult], checked: tuple[ProofReport, str] | None,
          home: str | None) -> list[VerifyResult]:
    """`results` with the record check's outcome on the result of chain `home` (made when the
    database holds records but no events of that chain)."""
    if checked is None:
        return results
    report, text = checked
    if not report.versions and not report.events:
        return results
    index = next((i for i, r in enumerate(results) if r.station == home), None)
    if index is None and home is None and results:
        index = 0
    if index is None:
        results = [*results, VerifyResult(home or "", True, 0, detail="no audit events")]
        index = len(results) - 1
    result = results[index]
    changes: dict = {"records_checked": report.versions}
    if report.findings:
        first = report.findings[0]
        changes.update(ok=False, record_id=first.record_id, record_version=first.version)
        if result.ok:
            changes.update(kind=KINDS[first.kind], first_bad_seq=(
                first.seq if first.station == result.station else None), detail=text)
        else:
            changes.update(detail=f"{result.detail}; records: {text}")
    elif result.ok:
        changes.update(detail=f"{result.detail}; {report.versions} record versions match "
                              f"the chain")
    results = list(results)
    results[index] = dataclasses.replace(result, **changes)
    return results


def require_proven(database: Database, record_ids: Iterable[str], what: str, *,
                   changes: "Changes | None" = None, actor: Actor | None = None) -> None:
    """Refuse `what` (a change, an export) when one of `record_ids` is not what the chain
    says: a value the chain does not hold is never built upon or handed out unsaid. The
    refusal is written to the audit trail (`changes`, as `actor`) in its own transaction."""
    ids = list(record_ids)
    if not ids:
        return
    checked = check_database(database, ids)
    assert checked is not None
    report, text = checked
    if not report.findings:
        return
    first = report.findings[0]
    if changes is not None:
        changes.record(actor or Actor.system(), "records.not_proven", entity="record",
                       entity_id=first.record_id, after={
                           "refused": what, "kind": str(KINDS[first.kind]),
                           "version": first.version, "detail": text})
    raise RecordsNotProven(first, (
        f"{what} refused: {text}. Nothing was changed or written. Run 'shopfloor "
        f"verify-audit' and call your administrator; the site view (admin panel, export "
        f"--site) shows what the chain holds."))
