"""The site view as the command line tells it: catching up once with progress on a stream, what
each station's part of the view holds, and, when an export finds nothing, why (in one line a
person can act on)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, TextIO

from data import records_repo, view_repo
from data.records_repo import RecordFilter
from data.view_ownership import waiting_by_station
from utils.site.view_follower import Phase, ViewState

if TYPE_CHECKING:
    from utils.context import AppContext

PROGRESS_STEP = 0.1  # a progress line every 10 %


def catch_up(ctx: "AppContext", out: TextIO | None = None) -> ViewState:
    """Read every station's journal into this PC's site view now (this PC's own chain too),
    printing progress to `out` (stderr by default). Returns the state it ended in: OFFLINE
    when the share could not be read (the view then holds what it had)."""
    out = out or sys.stderr
    follower = ctx.view_follower
    printed = {"step": -1}

    def show(state: ViewState) -> None:
        if state.phase != Phase.CATCHING_UP or state.progress is None:
            return
        step = int(state.progress / PROGRESS_STEP)
        if step > printed["step"]:
            printed["step"] = step
            up_to = ("" if state.complete_up_to is None else
                     f", data up to {state.complete_up_to:%Y-%m-%d %H:%M} UTC")
            print(f"reading the stations' journals: {state.progress:.0%}{up_to}", file=out,
                  flush=True)

    follower.add_state_listener(show)
    try:
        follower.catch_up_now()
    finally:
        follower.remove_state_listener(show)
    state = follower.state()
    if state.phase != Phase.OFFLINE:
        print("reading the stations' journals: 100%, every journal read to its last seal",
              file=out, flush=True)
    if state.phase == Phase.OFFLINE and state.refused:
        print(f"warning: the stations' folder of the shared folder ({state.refused}) was "
              f"refused: it is not a plain folder (a link, or a file), and links are never "
              f"followed; no station's journal was read, and this PC's site view holds what it "
              f"read before; ask whoever looks after the shared folder to put it right",
              file=out, flush=True)
    elif state.phase == Phase.OFFLINE:
        print("warning: the shared folder cannot be read now; this PC's site view holds what it "
              "read before", file=out, flush=True)
    for broken in state.broken:
        print(f"warning: the journal of station {broken.station} is broken at event "
              f"{broken.seq} ({broken.kind}); nothing after it is in the site view", file=out,
              flush=True)
    return state


def station_summaries(ctx: "AppContext") -> dict[str, dict[str, Any]]:
    """Per station (per chain: a station's later journals as `station/journal-<chain id>`):
    what this PC's site view holds of it (its station, events, up to when, read when, where
    its journal broke, if it did, and its changes waiting for their record, if any)."""
    with ctx.site_view.database.read() as connection:
        sources = view_repo.sources(connection)
        waiting = waiting_by_station(connection.connection.driver_connection)
    return {s["source"]: {"station": s["station"], "events": s["events"],
                           "data_up_to": s["last_ts"], "read_at": s["updated_at"],
                           "source": s["kind"],
                           "broken": None if s["broken_seq"] is None else {
                               "seq": s["broken_seq"], "kind": s["broken_kind"],
                               "detail": s["broken_detail"]},
                           # on the station's first journal's part (the panel's "waiting")
                           "waiting": waiting.get(s["station"]) if s["source"] == s["station"]
                           else None}
            for s in sources}


def why_empty(ctx: "AppContext", record_filter: RecordFilter, *, site: bool,
              share_unreadable: bool = False) -> str:
    """Why an export found no records, and what to do. `share_unreadable` (with `site`): the
    shared folder could not be read just now (`catch_up` ended OFFLINE), so the reason says
    that first, what the site view holds from before, and to run again when it is back."""
    station = record_filter.station_id
    if not site:
        return _why_none_of_own(ctx, station)
    with ctx.site_view.database.read() as connection:
        if station:
            held = view_repo.count_records(connection, RecordFilter(station_id=station))
            chains = view_repo.station_sources(connection, station)
            source = next((s for s in chains if s["broken_seq"] is not None),
                          chains[0] if chains else None)
        else:
            held = view_repo.count_records(connection, RecordFilter())
            chains, source = [], None
    if share_unreadable:
        return _share_unreadable(ctx, station, held, chains, source)
    if held:
        whose = f"of station {station}" if station else "of the site"
        return f"this PC's site view holds {held} records {whose}, none within these filters"
    if station is None:
        return ("this PC's site view holds no records yet: no station's journal with records "
                "was found on the shared folder")
    if source is not None and source["broken_seq"] is not None:
        return (f"this PC holds no records of station {station}: its journal is broken at "
                f"event {source['broken_seq']} ({source['broken_kind']}), and nothing after "
                f"that is read; verify with: shopfloor verify-audit --site")
    if source is None:
        return (f"this PC holds no records of station {station}: no journal of that station "
                f"was found on the shared folder; check the station id, or wait until the "
                f"station has synced (its status in: shopfloor status)")
    return (f"this PC holds no records of station {station}: its journal has none yet "
            f"({source['events']} events read, up to {source['last_ts'] or '—'})")


def _why_none_of_own(ctx: "AppContext", station: str | None) -> str:
    """Why an export of this PC's own records found none: it holds none of that station (or
    none at all; the site view may: --site), or it holds some that the filters leave out."""
    with ctx.production.database.read() as connection:
        held = records_repo.count_records(connection, RecordFilter(station_id=station))
    whose = f" of station {station}" if station else ""
    if held:
        return f"this PC's own records hold {held} records{whose}, none within these filters"
    # Another station's records reach this PC's own only by an import: they are in the site
    # view once that station has synced.
    where = ("run with --site to read every station's journal into this PC's site view"
             if ctx.trust is not None else
             "this PC is in no site, so only records made or imported on it are exported")
    if station and station != ctx.station_id:
        return (f"this PC's own records hold none of station {station} (this PC is "
                f"{ctx.station_id}); {where}")
    return f"this PC's own records hold none{whose} yet; {where}"


def _share_unreadable(ctx: "AppContext", station: str | None, held: int,
                      chains: list[dict[str, Any]], source: dict[str, Any] | None) -> str:
    """Why none when the shared folder could not be read: what the view holds from before.
    `source`: the station's broken chain if one is, else its first (None: no station named,
    or none held)."""
    if station is None:
        what = (f"{held} records of the site, none within these filters" if held else
                "no records of any station")
    elif held:
        what = f"{held} records of station {station}, none within these filters"
    elif chains:
        events = sum(chain["events"] for chain in chains)
        up_to = max((chain["last_ts"] for chain in chains if chain["last_ts"]), default=None)
        what = (f"no records of station {station} ({events} events of its journal, up to "
                f"{up_to or '—'})")
    else:
        what = f"nothing of station {station}"
    if source is not None and source["broken_seq"] is not None:
        what += (f"; its journal is broken at event {source['broken_seq']} "
                 f"({source['broken_kind']})")
    where = f": {ctx.site_folder}" if ctx.site_folder else ""
    return (f"the shared folder cannot be read now, and this PC's site view holds only what it "
            f"read before: {what}; run the export again when the shared folder is back (check "
            f"the network and the share path{where})")
