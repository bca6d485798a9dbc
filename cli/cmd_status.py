"""`shopfloor status [--json]`: every station's state as this PC sees it on the share (online,
stale, offline; user, lot, metrics, clock skew, refusals), and what this PC's site view holds
of each. A station the view holds but no status was read of now is listed as "unknown"; when
the shared folder cannot be read, the first line says so (--json: "share_readable": false)."""

from __future__ import annotations

import argparse
import json

from config.exit_codes import ExitCode
from utils.context import AppContext
from utils.site.fleet import FleetMonitor
from utils.site.ports import PlaceRefused
from utils.site.view_report import station_summaries

from cli.site_access import site_folder
from cli.verbs import Needs

NEEDS = Needs.CONTEXT


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true")


def run(ctx: AppContext, args: argparse.Namespace) -> int:
    folder = site_folder(ctx)  # a one-line refusal outside a site
    held = station_summaries(ctx) if ctx.holds_site_view else {}
    monitor = FleetMonitor(ctx, transport=ctx.transport)
    share_readable, rows = station_rows(ctx, held, monitor)
    if args.json:
        print(json.dumps({"share_readable": share_readable, "stations": rows}, indent=2))
        return ExitCode.OK
    if isinstance(monitor.poll_error, PlaceRefused):
        # Not an outage: a place on the share is not what it must be (a link, say), and is
        # not followed. The network is fine; the share's owner has something to look at.
        print(f"the stations' folder on the shared folder was refused and not read "
              f"({monitor.poll_error.reason or monitor.poll_error}), so no station's status "
              f"was read: below is what this PC's site view holds from before; ask whoever "
              f"looks after the shared folder ({folder}) to put it right")
    elif not share_readable:
        print(f"the shared folder cannot be read now, so no station's status was read: below is "
              f"what this PC's site view holds from before; run status again when the shared "
              f"folder is back (check the network and the share path: {folder})")
    elif not rows:
        print("no stations have reported yet")
    for row in rows:
        if row["state"] == UNKNOWN:
            print(f"{row['station']:<12} {row['state']:<8} {'-':<14} {'-':<14} {'-':<9} "
                  f"no status read now  {view_text(row['site_view'])}")
            continue
        box = f"{row['box']}/{row['total_boxes']}" if row["lot"] else "-"
        print(f"{row['station']:<12} {row['state']:<8} {row['user'] or '-':<14} "
              f"{row['lot'] or '-':<14} {box:<9} cpu {row['cpu']}% mem {row['memory']}% "
              f"disk {row['disk']}%  seen {row['last_seen']}  {view_text(row['site_view'])}")
        if row["problem"]:
            print(f"{'':<12} refused on the share: {row['problem']}")
    if not held:
        print("this PC's site view is empty: it is read when the admin panel opens, or with "
              "shopfloor export --site / verify-audit --site")
    return ExitCode.OK


UNKNOWN = "unknown"  # the state of a station the site view holds but no status was read of now


def station_rows(ctx: AppContext, held: dict[str, dict],
                 monitor: FleetMonitor | None = None) -> tuple[bool, list[dict]]:
    """Whether the share could be read, and one row per station (the --json form): each that
    reported on the share, then each other the site view holds, in state "unknown" (no status
    read now: the share is away, or the station wrote none). `held`: what the site view holds
    of each station (utils.site.view_report.station_summaries); `monitor`: the one to poll
    with (its `poll_error` says why the share could not be read)."""
    monitor = monitor or FleetMonitor(ctx, transport=ctx.transport)
    views = monitor.poll()
    rows = []
    for view in views:
        status = view.status or {}
        metrics = status.get("metrics") or {}
        user = status.get("user") or {}
        lot = status.get("lot") or {}
        rows.append({"station": view.station_id, "state": str(view.liveness),
                     "last_seen": status.get("sent_at"), "user": user.get("username"),
                     "lot": lot.get("code"), "box": lot.get("current_box"),
                     "total_boxes": lot.get("total_boxes"),
                     "cpu": (metrics.get("cpu") or {}).get("value"),
                     "memory": (metrics.get("memory") or {}).get("value"),
                     "disk": (metrics.get("disk") or {}).get("value"),
                     "version": status.get("version"), "locked": status.get("locked"),
                     "skew_s": None if view.skew_s is None else round(view.skew_s, 3),
                     "duplicate_id_suspected": view.duplicate_id_suspected,
                     "problem": view.problem,
                     "site_view": view_of(held, view.station_id)})
    polled = {view.station_id for view in views}
    # A station's later chains are `station/journal-<chain id>`: each station once.
    for station in sorted({source.split("/", 1)[0] for source in held} - polled):
        rows.append({"station": station, "state": UNKNOWN, "last_seen": None, "user": None,
                     "lot": None, "box": None, "total_boxes": None, "cpu": None,
                     "memory": None, "disk": None, "version": None, "locked": None,
                     "skew_s": None, "duplicate_id_suspected": False, "problem": None,
                     "site_view": view_of(held, station)})
    rows.sort(key=lambda row: row["station"])
    return monitor.poll_error is None, rows


def view_of(held: dict[str, dict], station: str) -> dict | None:
    """What the site view holds of a station: its first journal's part, or (a station known
    only by a later chain) that chain's."""
    if station in held:
        return held[station]
    return next((summary for source, summary in sorted(held.items())
                 if source.startswith(f"{station}/")), None)


def view_text(held: dict | None) -> str:
    """What this PC's site view holds of a station, in a few words."""
    if held is None:
        return "view: nothing read"
    if held["broken"]:
        return (f"view: BROKEN at event {held['broken']['seq']} ({held['broken']['kind']}), "
                f"{held['events']} events before it")
    return f"view: {held['events']} events, up to {held['data_up_to'] or '—'}"
