"""The site view's verification (a part of `SiteView`, utils/site/site_view.py): each
station's journals re-read through the same check as ingestion, compared with every checkpoint
this PC ever witnessed and with what the view already took, so a journal rolled back or cut
short is caught even when it is internally consistent; `verify_site` for every station and
this PC's own chains.

A mixin of `SiteView` (its state, the store's reading and the refusals are the view's)."""

from __future__ import annotations

import bisect
import dataclasses
import logging
import sqlite3
import threading
from typing import Any, Callable, Iterable, Mapping

from sqlalchemy.exc import DBAPIError

from data import site_repo, view_repo
from data.audit_repo import StoredCheckpoint
from utils.audit.verify import TamperKind, VerifyResult
from utils.site.journal_read import JournalEvent
from utils.site.journal_check import ChainCheck
from utils.site.ports import FIRST_CHAIN, PlaceRefused

log = logging.getLogger(__name__)

VERIFY_PROGRESS_EVERY = 20_000
# Verify checks the signature of a seal at least every this many events and of the last one
# (journal_check.py): an Ed25519 check costs about 0.3 ms, and a station seals about every
# box, so checking each seal held verify near 10,000 events/s. A failed anchor is walked back
# seal by seal, so a bad seal it covers is still named exactly.
VERIFY_ANCHOR_EVERY = 4000


class SiteVerify:
    """Verification, for `SiteView` (which holds the state these methods use)."""

    # -- verification ------------------------------------------------------------------------

    def verify_station(self, station_id: str, *,
                       progress: Callable[[str, int, int | None], None] | None = None,
                       cancel: threading.Event | None = None) -> VerifyResult:
        """One result for the station: its first chain's, or the first chain that is not
        intact (`verify_chains` gives one per chain)."""
        results = self.verify_chains(station_id, progress=progress, cancel=cancel)
        return next((r for r in results if not r.ok), results[0])

    def verify_chains(self, station_id: str, *,
                      progress: Callable[[str, int, int | None], None] | None = None,
                      cancel: threading.Event | None = None) -> list[VerifyResult]:
        """Each of the station's published journals (chains), through the same check as
        ingestion, against what this view already took from it; and every checkpoint ever
        witnessed of the station, each of which must be found in one of its chains. A station
        with no certified PC is not a member: never "intact", whatever its files say. A later
        chain's result is labelled `station/journal-<chain id>`. A fault of this program
        verifying the station (what no refusal expects) is its one result: not verified, with
        no kind (`_not_verified`), the traceback logged; the caller verifies the others on."""
        assert self.store is not None
        keys = {} if self.trust is None else self.trust.journal_keys(station_id)
        if not keys:
            return [VerifyResult(station_id, False, 0, first_bad_seq=None,
                                 kind=TamperKind.NOT_A_MEMBER,
                                 detail="no PC is certified for this station in the site "
                                        "directory; its files are not trusted")]
        try:
            return self._verify_member(station_id, keys, progress, cancel)
        except PlaceRefused as exc:  # the station's place (or a chain's) is refused: a link
            where = self._place_refused(station_id, exc)
            return [VerifyResult(station_id, False, 0, first_bad_seq=1,
                                 kind=TamperKind.TRUNCATED,
                                 detail=f"the journal cannot be read: {where} "
                                        f"is {exc.reason or exc}; not followed")]
        except (OSError, sqlite3.Error, DBAPIError):
            raise  # the share away, or this PC's own database: the whole check's, as before
        except Exception as exc:  # a fault of this program: this station only, the rest go on
            log.exception("Verify: station %s could not be verified, a fault of the program; "
                          "it is named not verified and the check goes on; send this log to "
                          "support", station_id)
            return [_not_verified(station_id, exc)]

    def _verify_member(self, station_id: str, keys: Mapping[str, Any],
                       progress: Callable[[str, int, int | None], None] | None,
                       cancel: threading.Event | None) -> list[VerifyResult]:
        assert self.store is not None
        current = self.witness_checkpoint(station_id)
        with self.ctx.database.read() as connection:
            witnessed = ([] if station_id == self.ctx.station_id
                         else site_repo.witnessed(connection, station_id))
        with self.database.read() as connection:
            sources = {s["source"]: s for s in view_repo.station_sources(connection, station_id)
                       if s["kind"] == "journal"}
        heads = _valid_heads([*witnessed, *([current] if current else [])], keys)
        chains = [name for name in self.chains(station_id)
                  if self.store.journal_published(station_id, name)]
        if not chains:
            seen = [*heads, *(s["last_seq"] for s in sources.values() if s["last_seq"])]
            if not seen:
                return [VerifyResult(station_id, True, 0, detail="no journal published yet")]
            return [VerifyResult(station_id, False, 0, first_bad_seq=1,
                                 kind=TamperKind.TRUNCATED,
                                 detail=f"the journal is gone but event {max(seen)} was "
                                        f"seen before")]
        results: list[VerifyResult] = []
        tops: list[int] = []
        found: set[tuple[int, str]] = set()
        gone: list[VerifyResult] = []
        present = {self.source_key(station_id, name) for name in chains}
        for key, source in sorted(sources.items()):
            if key not in present and source["last_seq"]:
                # A chain this view read from a folder that is gone (or emptied) since.
                gone.append(VerifyResult(
                    key, False, 0, first_bad_seq=1, kind=TamperKind.TRUNCATED,
                    detail=f"the journal is gone but event {source['last_seq']} was read "
                           f"from it before"))
        for name in chains:
            source = sources.get(self.source_key(station_id, name))
            result, top = self._verify_chain(station_id, name, source, heads, found,
                                             progress, cancel)
            results.append(result)
            tops.append(top)
            if result.cancelled:
                return gone + results
        return gone + self._with_heads(results, tops, heads, found)

    def _verify_chain(self, station_id: str, name: str,
                      source: dict[str, Any] | None, heads: dict[int, set[str]],
                      found: set[tuple[int, str]],
                      progress: Callable[[str, int, int | None], None] | None,
                      cancel: threading.Event | None) -> tuple[VerifyResult, int]:
        """One chain; the station's witnessed heads it holds are added to `found`.
        Returns the result and the last event read that links (sealed or not)."""
        label = (station_id if name == FIRST_CHAIN and station_id != self.ctx.station_id
                 else f"{station_id}/{name}")
        # What this view took from this folder: the folder must still hold it.
        taken: dict[int, set[str]] = ({source["last_seq"]: {source["last_hash"]}}
                                      if source is not None and source["last_seq"] else {})
        # The anchor this view took the chain from, when it took any: a journal put in its
        # place that starts from another anchor is another chain ("foreign").
        # Anchor seals only (one at least every VERIFY_ANCHOR_EVERY events, and the last; a
        # failed anchor is walked back seal by seal). Where this view's ingestion of the chain
        # stopped (a break it recorded), every seal is checked, so verify names a bad seal that
        # stopped it even when a later anchor vouches for the events (rare: no cost to speak of).
        check = ChainCheck(station_id, self._seal_check(name), verify_after=VERIFY_ANCHOR_EVERY,
                           every_seal=source is not None and source["broken_seq"] is not None,
                           anchor=None if source is None else source["anchor"])
        checked, mismatch = 0, None
        taken_seqs, seqs = sorted(taken), sorted(heads)
        for run in check.runs(self.store.read_journal(station_id, name)):
            mismatch = mismatch or _first_mismatch(run.events, taken_seqs, taken)
            _collect(run.events, seqs, heads, found)
            checked += len(run.events)
            if progress is not None and checked // VERIFY_PROGRESS_EVERY != (
                    checked - len(run.events)) // VERIFY_PROGRESS_EVERY:
                progress(label, checked, None)
            if cancel is not None and cancel.is_set():
                return VerifyResult(label, False, checked, cancelled=True, detail="cancelled",
                                    head_seq=check.sealed_seq), check.head_seq
        mismatch = mismatch or _first_mismatch(check.pending, taken_seqs, taken)
        _collect(check.pending, seqs, heads, found)
        self._note_bad_lines(station_id, check, name)
        result = self._verdict(label, check, checked, mismatch, taken)
        result = dataclasses.replace(result, checkpoints_checked=len(set(heads) | set(taken)))
        return self._with_problems(result, station_id, check, name), check.head_seq

    @staticmethod
    def _with_heads(results: list[VerifyResult], tops: list[int], heads: dict[int, set[str]],
                    found: set[tuple[int, str]]) -> list[VerifyResult]:
        """Every head signed by the station (or read before) must be in one of its chains:
        one in none of them makes the first chain's result say so (unless a chain is broken
        already, which says more)."""
        missing = sorted((seq, digest) for seq, digests in heads.items() for digest in digests
                         if (seq, digest) not in found)
        if not missing or not all(r.ok for r in results):
            return results
        first, top = results[0], max(tops)
        forked = [seq for seq, _digest in missing if seq <= top]
        if forked:
            # Every seal verified with a key of the station (the check would have broken
            # otherwise), yet a head signed or read before names another event: the station's
            # key wrote another branch (an older copy put back and continued).
            results[0] = dataclasses.replace(
                first, ok=False, first_bad_seq=forked[0], kind=TamperKind.FORKED,
                detail=f"the chain differs at event {forked[0]} from what was signed or read "
                       f"there before, and every seal verifies: an older copy was put back "
                       f"and continued with the station's key")
        else:
            results[0] = dataclasses.replace(
                first, ok=False, first_bad_seq=top + 1, kind=TamperKind.TRUNCATED,
                detail=f"the journal ends at event {top} but event {missing[-1][0]} was signed "
                       f"or read before")
        return results

    @staticmethod
    def _verdict(station_id: str, check: ChainCheck, checked: int, mismatch: int | None,
                 heads: dict[int, set[str]]) -> VerifyResult:
        head = check.head_seq
        if check.broken is not None:
            broken = check.broken
            return VerifyResult(station_id, False, checked, broken.seq, TamperKind(broken.kind),
                                broken.detail, head_seq=head, unsealed=check.unsealed,
                                checkpoints_checked=len(heads))
        if mismatch is not None:
            # Every seal verified with the station's key (the check above would have broken
            # otherwise), yet a head signed or read before names another event: the station's
            # key wrote another branch (an older copy put back and continued).
            return VerifyResult(station_id, False, checked, mismatch, TamperKind.FORKED,
                                f"the chain differs at event {mismatch} from what was signed or "
                                f"read there before, and every seal verifies: an older copy "
                                f"was put back and continued with the station's key",
                                head_seq=head, checkpoints_checked=len(heads))
        beyond = [seq for seq in heads if seq > head]
        if beyond:
            return VerifyResult(station_id, False, checked, head + 1, TamperKind.TRUNCATED,
                                f"the journal ends at event {head} but event {max(beyond)} was "
                                f"signed or read before", head_seq=head,
                                checkpoints_checked=len(heads))
        detail = f"{checked} events intact"
        if check.unsealed:
            detail += f"; {check.unsealed} more not yet sealed"
        return VerifyResult(station_id, True, checked, head_seq=check.sealed_seq,
                            checkpoints_checked=len(heads), unsealed=check.unsealed,
                            detail=detail)

    def _with_problems(self, result: VerifyResult, station_id: str,
                       check: ChainCheck, chain: str) -> VerifyResult:
        """Name every refused place of the station in the result. A journal line the station
        never wrote (unreadable, too long, nested beyond the bounds) makes it not intact."""
        assert self.store is not None
        notes = [f"{self.store.journal_label(station_id, chain, line.segment)} byte "
                 f"{line.end_offset}: {line.reason}" for _after, line in check.bad_lines]
        # Unreadable lines of the station's chains are each chain's own `notes`.
        lines = self._line_places.get(station_id, set())
        notes += [f"{where}: {reason}" for where, reason in
                  sorted(self.problems.get(station_id, {}).items())
                  if where not in lines]
        if not notes:
            return result
        named = "; ".join(dict.fromkeys(notes))
        if result.ok and check.bad_lines and not result.cancelled:
            first = check.bad_lines[0][0] + 1
            return dataclasses.replace(
                result, ok=False, first_bad_seq=first, kind=TamperKind.INSERTED,
                detail=f"the journal holds a line the station never wrote, after event "
                       f"{first - 1}: {named}")
        detail = f"{result.detail}; refused on the share: {named}" if result.detail else \
            f"refused on the share: {named}"
        return dataclasses.replace(result, detail=detail)

    def verify_site(self, *, progress: Callable[[str, int, int | None], None] | None = None,
                    cancel: threading.Event | None = None) -> list[VerifyResult]:
        """Every chain of every station's journals (including stations known only from
        witnessed checkpoints or from the view), plus this PC's own local chains. This PC's
        own station's journals are verified too when it has more than one (the chain of the
        PC it took over from, or the one its restored chain forked from)."""
        with self.ctx.database.read() as connection:
            known = set(site_repo.stations(connection))
        with self.database.read() as connection:
            known |= {s["station"] for s in view_repo.sources(connection)
                      if s["kind"] == "journal"}
        listed = self.station_ids()
        if self.listing_refused is not None:
            # Every station's journal is out of reach: "intact" would rest on this PC's chain
            # alone. Said as a refusal (StationsRefused), as the share being away is.
            raise self.stations_refused()
        station_ids = sorted((set(listed) | known) - {self.ctx.station_id})
        results = self.ctx.verify_audit(progress=progress, cancel=cancel)
        own = self.ctx.station_id
        try:
            if self.store is not None and own and len(self.chains(own)) > 1:
                station_ids = sorted([*station_ids, own])
        except OSError as exc:
            log.warning("The journals of this PC's own station are not readable now: %s", exc)
        for station_id in station_ids:
            if cancel is not None and cancel.is_set():
                break
            results.extend(self.verify_chains(station_id, progress=progress, cancel=cancel))
        return results


def _not_verified(station_id: str, exc: Exception) -> VerifyResult:
    """The result for a station whose verification raised: not intact, and no kind of
    tampering either (the dialog says "could not be verified"), nothing checked counted."""
    return VerifyResult(station_id, False, 0,
                        detail=f"checking this station stopped with a fault of the program "
                               f"({type(exc).__name__}: {exc}); nothing is known about its "
                               f"journal and nothing was changed; send the log to support, "
                               f"then run the check again")


def _valid_heads(checkpoints: Iterable[StoredCheckpoint],
                 keys: Mapping[str, Any]) -> dict[int, set[str]]:
    """Heads signed by one of the station's journal keys, by seq."""
    heads: dict[int, set[str]] = {}
    for checkpoint in checkpoints:
        key = keys.get(checkpoint.key_id)
        if key is not None and key.check(checkpoint.payload(), checkpoint.sig):
            heads.setdefault(checkpoint.seq, set()).add(checkpoint.head_hash)
    return heads


def _collect(events: list[JournalEvent], seqs: list[int], heads: dict[int, set[str]],
             found: set[tuple[int, str]]) -> None:
    """Add to `found` the heads (seq, hash) that `events` hold."""
    if not events or not seqs:
        return
    first = events[0].seq
    index = bisect.bisect_left(seqs, first)
    while index < len(seqs) and seqs[index] <= events[-1].seq:
        seq = seqs[index]
        digest = events[seq - first].hash
        if digest in heads[seq]:
            found.add((seq, digest))
        index += 1


def _first_mismatch(events: list[JournalEvent], seqs: list[int],
                    heads: dict[int, set[str]]) -> int | None:
    """The first event whose hash differs from a head signed or read before at its seq."""
    if not events or not seqs:
        return None
    first = events[0].seq
    index = bisect.bisect_left(seqs, first)
    while index < len(seqs) and seqs[index] <= events[-1].seq:
        seq = seqs[index]
        if events[seq - first].hash not in heads[seq]:
            return seq
        index += 1
    return None
