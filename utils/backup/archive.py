"""A self-verifying archive of a period: `shopfloor archive --from --to --out FILE`.

One ZIP file that `shopfloor verify-archive FILE` checks on any PC, with no site and no key of
the plant (utils/backup/archive_check.py):

    manifest.json           what is in it: site, period, who made it where and when, every
                            file's SHA-256 and size, per station the events and records held;
                            signed by the PC key of the PC that made it (in a site)
    keys.json               the site root's public key (and its fingerprint, to compare with
                            the plant's), and per station the PC public keys whose seals count,
                            each with the signed directory operation that certified it
    journals/<station>.jsonl  the station's journal lines for the period: whole sealed runs
                            (events and the seal after them, as on the share), so a few
                            events before the start or after the end of the period may be in
                            it; the first event's link to the one before is kept as it was
    journals/<station>/journal-<chain id>.jsonl  the same of a later chain of the station (its
                            PC after a takeover or a restore: utils/site/journal.py); a key a
                            takeover retired comes with that takeover's certificate, whose
                            `retired_heads` bound what its seals vouch for
    records.csv             every record version those events wrote (made from the events;
                            verify-archive makes it again and compares)

In a site the journals come from the site store, read through its port (`SiteStore`: the shared
folder's today), as every PC trusts them: sealed by each station's PC key. A PC in no site
archives its own chain from its database: its events link and hash, but are not sealed, and the
archive says that their origin cannot be proven on another PC. Account entries of the site
directory are never included (they hold password hashes and sealed keys): a PC certified by an
admin rather than the root is shown with that admin's public key, which this archive does not
chain to the root.
"""

from __future__ import annotations

import json
import zipfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from config.constants import Permission
from data import audit_repo, directory_repo
from models.canonical import canonical_json, format_utc
from utils.atomic_io import atomic_write_with
from utils.backup.archive_check import verify_archive
from utils.backup.archive_format import (
    ARCHIVE_KIND, KEYS, MANIFEST, RECORDS, StationPart, event_line, records_csv, sha256,
)
from utils.permissions import require
from utils.site.journal_read import JournalEvent, JournalHeader, JournalSeal, parse_body
from utils.site.ports import SiteStore
from utils.trust.crypto import key_id_of

if TYPE_CHECKING:
    from utils.context import AppContext


class ArchiveError(RuntimeError):
    """The archive could not be made; nothing was written."""



# --- what goes in -------------------------------------------------------------------------------

def _in_period(body: str, start: str, end: str) -> str:
    """"before", "in" or "after" the period, by the event's time."""
    try:
        ts = parse_body(body).get("ts")
    except (ValueError, AttributeError):
        return "in"  # unreadable here: kept, and verify-archive judges it
    if not isinstance(ts, str):
        return "in"
    return "before" if ts < start else "after" if ts >= end else "in"


def journal_part(store: SiteStore, station: str, chain: str, start: str,
                 end: str) -> StationPart:
    """Whole sealed runs of a station's chain in the site store that hold an event of the
    period."""
    part = StationPart(station)
    part.folder = chain
    header: bytes | None = None
    run: list[JournalEvent] = []
    touched = passed = False
    for entry in store.read_journal(station, chain):
        if type(entry) is JournalHeader and header is None:
            header = canonical_json(entry.document).encode("utf-8") + b"\n"
        elif type(entry) is JournalEvent:
            where = _in_period(entry.body, start, end)
            touched = touched or where == "in"
            passed = passed or where == "after"
            run.append(entry)
        elif type(entry) is JournalSeal and run:
            if touched:
                if not part.lines and header is not None:
                    part.lines.append(header)
                part.lines.extend(event_line(event) for event in run)
                part.lines.append(canonical_json(entry.document).encode("utf-8") + b"\n")
                part.events.extend((event.seq, event.body) for event in run)
            run, touched = [], False
            if passed:
                break
    return part


def local_part(ctx: "AppContext", station: str, start: str, end: str) -> StationPart:
    """This PC's own chain from its database, unsealed (a PC in no site)."""
    part = StationPart(station, sealed=False)
    after = 0
    while True:
        with ctx.database.read() as connection:
            rows = audit_repo.events_after(connection, station, after, 5000)
        if not rows:
            return part
        for seq, prev, digest, key_id, mac, body in rows:
            if _in_period(body, start, end) == "in":
                part.lines.append(event_line(JournalEvent(
                    seq, bytes(prev).hex(), bytes(digest).hex(), key_id, bytes(mac).hex(),
                    body, 0, 0)))
                part.events.append((seq, body))
        after = rows[-1][0]


def _signer_keys(state, certificate: dict[str, Any] | None, name: str) -> dict[str, Any]:
    """For a certificate an admin signed, that admin's public keys (not chained to the root
    in the archive, said so by its check)."""
    signer = (certificate or {}).get("signer")
    if not (isinstance(signer, str) and signer.startswith("person:")):
        return {}
    known = [key for key, (person, _k) in state.person_keys.items()
             if person == signer[len("person:"):]]
    return {name: {key: state.person_keys[key][1].hex for key in known}}


def keys_document(ctx: "AppContext", stations: Iterable[str]) -> dict[str, Any]:
    """The root's public key and, per station, its PC keys with their certificates."""

    state = ctx.trust.state
    with ctx.database.read() as connection:
        entries = [json.loads(text) for _seq, _hash, text in directory_repo.log_entries(connection)]
    certifications = [entry["op"] for entry in entries if isinstance(entry.get("op"), dict)
                      and entry["op"].get("op") == "pc.certify"]
    certificates = {op["data"].get("public_key"): op for op in certifications}
    # The takeover that retired a key: the next certification of its station after its own.
    retired_by: dict[str, dict[str, Any]] = {}
    for index, op in enumerate(certifications):
        later = next((other for other in certifications[index + 1:]
                      if other["data"].get("station") == op["data"].get("station")), None)
        if later is not None and later["data"].get("takeover") is True:
            retired_by[op["data"].get("public_key")] = later
    document: dict[str, Any] = {"site_id": state.site_id, "root_public_key": state.root.hex,
                                "root_fingerprint": key_id_of(state.root.raw), "stations": {}}
    for station in sorted(set(stations)):
        keys = []
        for key_id, public in sorted(ctx.trust.journal_keys(station).items()):
            certificate = certificates.get(public.hex)
            item: dict[str, Any] = {"key_id": key_id, "public_key": public.hex,
                                    "certificate": certificate}
            item.update(_signer_keys(state, certificate, "signer_keys"))
            if state.pc_keys[key_id].superseded and public.hex in retired_by:
                item["retired_by"] = retired_by[public.hex]
                item.update(_signer_keys(state, item["retired_by"], "retired_by_signer_keys"))
            keys.append(item)
        document["stations"][station] = keys
    return document


# --- making it ---------------------------------------------------------------------------------

def make_archive(ctx: "AppContext", session, start: datetime, end: datetime,
                 out: Path) -> dict[str, Any]:
    """Write the archive of [start, end) to `out` (atomically); returns its manifest. Checks
    what it wrote with verify-archive's own check before keeping it."""

    require(session, Permission.ARCHIVE_MAKE, ctx.changes, target=str(out))
    if end <= start:
        raise ArchiveError("the period ends before it starts; nothing was written")
    first, last = format_utc(start), format_utc(end)
    parts: list[StationPart] = []
    if ctx.trust is not None and ctx.site_store is not None:
        view = ctx.site_view
        assert view.store is not None  # a PC in a site has one
        stations = sorted(set(view.journal_stations()) | {ctx.station_id})
        for station in stations:
            for name in view.chains(station):
                part = journal_part(view.store, station, name, first, last)
                if part.events:
                    parts.append(part)
        # The PC making the archive too: its key signs the manifest.
        keys = keys_document(ctx, [part.station for part in parts] + [ctx.station_id])
    else:
        with ctx.database.read() as connection:
            chains = audit_repo.stations(connection)
        parts = [part for station in chains
                 if (part := local_part(ctx, station, first, last)).events]
        keys = {"site_id": None, "root_public_key": None, "root_fingerprint": None,
                "stations": {}}
    files: dict[str, bytes] = {part.member: b"".join(part.lines) for part in parts}
    files[RECORDS] = records_csv(parts)
    files[KEYS] = (json.dumps(keys, indent=1, sort_keys=True) + "\n").encode("utf-8")
    manifest: dict[str, Any] = {
        "v": 1, "kind": ARCHIVE_KIND, "site_id": keys["site_id"],
        "period": {"from": first, "to": last}, "created_at": format_utc(ctx.clock.now()),
        "made_by": session.username, "made_on": ctx.station_id,
        "stations": {part.label: part.summary() for part in parts},
        "files": {name: {"sha256": sha256(data), "bytes": len(data)}
                  for name, data in sorted(files.items())}}
    if ctx.trust is not None:
        manifest = ctx.trust.pc_key.sign_document(manifest)
    files[MANIFEST] = (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode("utf-8")

    def write(temp: Path) -> None:
        with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in sorted(files.items()):
                archive.writestr(name, data)
        report = verify_archive(temp)
        if not report.ok:
            raise ArchiveError("what would be archived does not verify: " +
                               "; ".join(report.problems) + "; nothing was written")

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_with(out, write)
    ctx.changes.record(session.actor, "archive.made", entity="file", entity_id=out.name, after={
                       "period": manifest["period"], "stations": manifest["stations"],
                       "sha256": sha256(out.read_bytes())})
    return manifest
