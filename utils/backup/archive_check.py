"""`shopfloor verify-archive FILE`: an archive checked on any PC, with no site and no key.

What is checked, in order (utils/backup/archive.py says what an archive holds):

1. The ZIP itself, within bounds (member count, sizes, plain names only: a planted archive must
   not fill a disk or write outside a temporary folder), and that it holds exactly the files
   its manifest lists, each with the SHA-256 and size the manifest gives.
2. keys.json: each station's PC key is certified by a signed directory operation, verified with
   the site root's public key in the archive (whose fingerprint a person compares with the
   plant's: `root_fingerprint`), or with the named admin's key, said so.
3. Each journal through the same check the site view uses (utils/site/journal_check.py): every
   event's hash, its link to the one before it, and every seal's place and signature with the
   station's certified keys. Events after the last seal, or no seals at all (an archive of a PC
   in no site), are reported as not sealed: linked, but their origin is not proven here.
4. records.csv made again from the events, byte for byte.
5. The manifest's signature, by the certified key of the PC that made it.
"""

from __future__ import annotations

import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from models.bounded_json import JsonLimits, parse_json
from utils.backup.archive_format import (
    ARCHIVE_KIND, JOURNALS, KEYS, MANIFEST, RECORDS, StationPart, records_csv, sha256,
)
from utils.site.journal_read import JournalEvent, list_segments, read_journal
from utils.site.journal_check import ChainCheck
from utils.site.layout import FIRST_JOURNAL, folder_chain
from utils.site.protocol import valid_station_id
from utils.site.share_fs import ShareFS
from utils.trust.crypto import PublicKey, key_id_of
from utils.trust.directory_state import OpRefused, retired_heads_of
from utils.trust.site_trust import retired_seal_problem, seal_folder_problem

MAX_MEMBERS = 10_000
MAX_MEMBER_BYTES = 8 * 1024 ** 3
MAX_TOTAL_BYTES = 32 * 1024 ** 3
DOCUMENT_LIMITS = JsonLimits(max_bytes=64 * 1024 * 1024)


@dataclass
class ArchiveReport:
    ok: bool = True
    lines: list[str] = field(default_factory=list)  # what was found, for a person
    problems: list[str] = field(default_factory=list)
    stations: dict[str, dict[str, Any]] = field(default_factory=dict)
    sealed: bool = True  # every event is vouched for by a seal of a certified key

    def problem(self, text: str) -> None:
        self.ok = False
        self.problems.append(text)


def verify_archive(path: Path) -> ArchiveReport:
    report = ArchiveReport()
    try:
        with zipfile.ZipFile(path) as archive:
            _check(archive, report)
    except (zipfile.BadZipFile, OSError) as exc:
        report.problem(f"{Path(path).name} is not a readable archive ({exc})")
    return report


def _document(archive: zipfile.ZipFile, name: str, report: ArchiveReport) -> Any:
    try:
        return parse_json(archive.read(name), DOCUMENT_LIMITS)
    except (KeyError, ValueError) as exc:
        report.problem(f"{name} is missing or unreadable ({exc})")
        return None


def _check(archive: zipfile.ZipFile, report: ArchiveReport) -> None:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_TOTAL_BYTES \
            or any(m.file_size > MAX_MEMBER_BYTES for m in members):
        report.problem("the archive is larger than any this program writes; not read")
        return
    names = {m.filename for m in members}
    for name in names:
        parts = PurePosixPath(name).parts
        if name.startswith("/") or ".." in parts or "\\" in name or not parts:
            report.problem(f"a member named {name!r} is not a plain name; not read")
            return
    manifest = _document(archive, MANIFEST, report)
    if not isinstance(manifest, dict) or manifest.get("kind") != ARCHIVE_KIND:
        report.problem("no archive manifest of this program")
        return
    listed = manifest.get("files") if isinstance(manifest.get("files"), dict) else {}
    for name in sorted(names - {MANIFEST} - set(listed)):
        report.problem(f"{name} is in the archive but not in its manifest")
    contents: dict[str, bytes] = {}
    for name, expected in sorted(listed.items()):
        if name not in names:
            report.problem(f"{name} is listed in the manifest but missing")
            continue
        data = archive.read(name)
        if not isinstance(expected, dict) or expected.get("sha256") != sha256(data) \
                or expected.get("bytes") != len(data):
            report.problem(f"{name} differs from the checksum in the manifest")
        contents[name] = data
    period = manifest.get("period") or {}
    report.lines.append(f"archive of site {manifest.get('site_id')}, period "
                        f"{period.get('from')} to {period.get('to')}, made by "
                        f"{manifest.get('made_by')} on PC {manifest.get('made_on')} at "
                        f"{manifest.get('created_at')}")
    keys, retired = _keys(contents.get(KEYS), report)
    _manifest_signature(manifest, keys, report)
    parts = []
    with tempfile.TemporaryDirectory(prefix="shopfloor-archive-") as temp:
        share = Path(temp)
        for name in sorted(contents):
            if name.startswith(JOURNALS) and name.endswith(".jsonl"):
                station, _slash, folder = name[len(JOURNALS):-len(".jsonl")].partition("/")
                folder = folder or FIRST_JOURNAL
                if not valid_station_id(station) or folder_chain(folder) is None:
                    report.problem(f"{name} is not a journal this program archives; not read")
                    continue
                parts.append(_journal(station, folder, contents[name], share,
                                      keys.get(station, {}), retired, report))
    if RECORDS in contents:
        if records_csv(parts) == contents[RECORDS]:
            rows = contents[RECORDS].count(b"\n") - 1
            report.lines.append(f"records.csv: {rows} record versions, each what its event says")
        else:
            report.problem("records.csv is not what the archived events say")
    if not report.problems and not report.sealed:
        report.lines.append("note: events not sealed by a certified PC key link and hash "
                            "correctly, but where they come from cannot be proven from this "
                            "archive alone")


Retired = dict[str, "tuple[tuple[str, int, str], ...] | None"]


def _keys(data: bytes | None, report: ArchiveReport) -> tuple[dict[str, dict[str, Any]], Retired]:
    """Per station, the PC public keys whose certificate verifies: {station: {key_id: key}};
    and for each key a takeover retired (its certificate given and verified too), the heads it
    had sealed then: {key_id: retired heads}."""

    if data is None:
        report.problem("keys.json is missing")
        return {}, {}
    try:
        document = parse_json(data, DOCUMENT_LIMITS)
    except ValueError as exc:
        report.problem(f"keys.json is unreadable ({exc})")
        return {}, {}
    if not isinstance(document, dict):
        report.problem("keys.json is not a key list")
        return {}, {}
    if document.get("root_public_key") is None:
        report.lines.append("no site: this archive's events are not sealed by a PC key")
        return {}, {}
    try:
        root = PublicKey.from_hex(document.get("root_public_key"))
    except ValueError:
        report.problem("keys.json: the site root's public key is not a key")
        return {}, {}
    report.lines.append(f"site root key fingerprint {key_id_of(root.raw)} (compare it with the "
                        f"plant's)")
    found: dict[str, dict[str, Any]] = {}
    retired: Retired = {}
    for station, items in sorted((document.get("stations") or {}).items()):
        for item in items if isinstance(items, list) else []:
            key, how = _certified(document.get("site_id"), station, item, root)
            if key is None:
                report.problem(f"station {station}: PC key {item.get('key_id')} is not "
                               f"certified ({how})")
                continue
            found.setdefault(station, {})[key.key_id] = key
            report.lines.append(f"station {station}: PC key {key.key_id} certified by {how}")
            if "retired_by" in item:
                retired[key.key_id] = _retired(document.get("site_id"), station, item, root,
                                               report)
    return found, retired


def _retired(site_id: Any, station: str, item: dict[str, Any], root,
             report: ArchiveReport) -> tuple[tuple[str, int, str], ...] | None:
    """The heads a key had sealed when a takeover retired it, from that takeover's
    certificate (verified like any): None for a takeover made before heads were recorded (the
    key counts in the first journal only); a retirement that does not verify: () (its seals
    count nowhere)."""

    takeover = item.get("retired_by")
    data = takeover.get("data") if isinstance(takeover, dict) else None
    data = data if isinstance(data, dict) else {}
    successor = {"public_key": data.get("public_key"), "certificate": takeover,
                 "signer_keys": item.get("retired_by_signer_keys")}
    key, how = _certified(site_id, station, successor, root)
    if key is not None and data.get("takeover") is not True:
        key, how = None, "not a takeover"
    heads = None
    try:
        if key is not None and "retired_heads" in data:
            heads = retired_heads_of(data["retired_heads"])
    except OpRefused as exc:
        key, how = None, str(exc)
    if key is None:
        report.problem(f"station {station}: the takeover that retired PC key "
                       f"{item.get('key_id')} does not verify ({how}); its seals count nowhere")
        return ()
    counted = ("its seals count in journal only (a takeover made before heads were recorded)"
               if heads is None else "its seals count up to " + (", ".join(
                   f"event {seq} in {folder}" for folder, seq, _h in heads) or "nothing"))
    report.lines.append(f"station {station}: PC key {item.get('key_id')} retired at a takeover "
                        f"certified by {how}; {counted}")
    return heads


def _certified(site_id: Any, station: str, item: Any, root) -> tuple[Any, str]:

    if not isinstance(item, dict):
        return None, "no key"
    certificate = item.get("certificate")
    try:
        key = PublicKey.from_hex(item.get("public_key"))
    except ValueError:
        return None, "not a key"
    if not isinstance(certificate, dict) or certificate.get("op") != "pc.certify" \
            or certificate.get("site_id") != site_id:
        return None, "no certificate of this site"
    data = certificate.get("data") or {}
    if data.get("public_key") != key.hex or data.get("station") != station:
        return None, "the certificate is of another key or station"
    signer = certificate.get("signer")
    if signer == "root":
        return (key, "the site root") if root.verify_document(certificate) else \
            (None, "the root's signature does not verify")
    signers = item.get("signer_keys") if isinstance(item.get("signer_keys"), dict) else {}
    for signer_hex in signers.values():
        try:
            if PublicKey.from_hex(signer_hex).verify_document(certificate):
                return key, (f"{signer} (an admin's key given in this archive, not chained to "
                             f"the root here)")
        except ValueError:
            continue
    return None, f"the signature of {signer} does not verify"


def _manifest_signature(manifest: dict[str, Any], keys: dict[str, dict[str, Any]],
                        report: ArchiveReport) -> None:
    if "sig" not in manifest:
        report.lines.append("the manifest is not signed (made on a PC in no site)")
        return
    key = keys.get(str(manifest.get("made_on")), {}).get(manifest.get("key_id"))
    if key is None:
        report.problem("the manifest is signed by a key not certified for the PC that made it")
    elif not key.verify_document(manifest):
        report.problem("the manifest's signature does not verify")
    else:
        report.lines.append(f"manifest signed by the PC of station {manifest.get('made_on')}: "
                            f"verified")


def _journal(station: str, folder_name: str, data: bytes, share: Path, keys: dict[str, Any],
             retired: Retired, report: ArchiveReport) -> StationPart:
    """One of a station's archived journals through the site view's own check."""
    part = StationPart(station, folder=folder_name)
    label = part.label
    station = label  # what the report names (station, or station/journal-<chain id>)
    folder = share / "stations" / part.station / folder_name
    folder.mkdir(parents=True)
    (folder / "00000001.jsonl").write_bytes(data)
    fs = ShareFS(share)
    first = next((entry for entry in read_journal(folder, share=fs)
                  if type(entry) is JournalEvent), None)
    if first is None or not list_segments(folder, share=fs):
        report.problem(f"station {station}: its journal holds no event")
        return part

    def seal_ok(_station: str, document: Any) -> str | None:
        key = keys.get(document.get("key_id")) if isinstance(document, dict) else None
        if key is None:
            return "the seal is not signed by a PC key certified in this archive"
        if not key.verify_document(document):
            return "the seal's signature does not verify"
        return seal_folder_problem(document, folder_name) or (
            retired_seal_problem(retired[key.key_id], document, folder_name)
            if key.key_id in retired else None)

    check = ChainCheck(part.station, seal_ok, last_seq=first.seq - 1, last_hash=first.prev,
                       every_seal=True)
    seals = 0
    for run in check.runs(read_journal(folder, share=fs)):
        seals += 1
        part.events.extend((event.seq, event.body) for event in run.events)
    part.events.extend((event.seq, event.body) for event in check.pending)
    for _after, line in check.bad_lines:
        report.problem(f"station {station}: a line that is no event ({line.reason})")
    if check.broken is not None:
        report.problem(f"station {station}: event {check.broken.seq} ({check.broken.kind}): "
                       f"{check.broken.detail}")
        return part
    if check.pending:
        part.sealed = False
        report.sealed = False
    seqs = [seq for seq, _body in part.events]
    report.stations[station] = {"events": len(seqs), "first_seq": seqs[0], "last_seq": seqs[-1],
                                "seals": seals, "unsealed": len(check.pending)}
    sealed_text = (f"{seals} seals verified" if not check.pending
                   else f"{seals} seals verified, {len(check.pending)} events not sealed")
    report.lines.append(f"station {station}: events {seqs[0]} to {seqs[-1]} ({len(seqs)}), "
                        f"each linked to the one before; {sealed_text}")
    return part
