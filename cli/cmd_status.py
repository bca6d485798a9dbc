"""`shopfloor status [--json]`: every station's state as this PC sees it on the share (online,
stale, offline; user, lot, metrics, clock skew, refusals), and what this PC's site view holds
of each. A station the view holds but no status was read of now is listed as "unknown"; when
the shared folder cannot be read, the first line says so (--json: "share_readable": false)."""

from __future__ import annotations

import argparse
import json

from config.exit_codes import ExitCode
from utils.context import AppContext
from utils.site.fleet import FleetMonitor, StationView
from utils.site.ports import PlaceRefused
from utils.site.view_report import station_summaries

from cli.demo_mark import demo_line
from cli.site_access import site_folder
from cli.verbs import Needs

NEEDS = Needs.CONTEXT


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON, for scripts")


def run(ctx: AppContext, args: argparse.Namespace) -> int:
    folder = site_folder(ctx)  # a one-line refusal outside a site
    held = station_summaries(ctx) if ctx.holds_site_view else {}
    monitor = FleetMonitor(ctx, transport=ctx.transport)
    share_readable, rows = station_rows(ctx, held, monitor)
    if args.json:
        demo = {} if ctx.demo_name is None else {"demo": ctx.demo_name}  # a demo's home only
        print(json.dumps({"share_readable": share_readable, **demo, "stations": rows},
                         indent=2))
        return ExitCode.OK
    if ctx.demo_name is not None:  # nothing below passes for a real plant's
        print(demo_line(ctx.demo_name))
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
        print_row(row)
    if not held:
        print("this PC's site view is empty: it is read when the admin panel opens, or with "
              "shopfloor export --site / verify-audit --site")
    return ExitCode.OK


UNKNOWN = "unknown"  # the state of a station the site view holds but no status was read of now


def print_row(row: dict) -> None:
    """One station's line, then what was refused of it on the share and its changes waiting
    for their record in this PC's site view (the panel's "waiting" warning), if any."""
    if row["state"] == UNKNOWN:
        print(f"{row['station']:<12} {row['state']:<8} {'-':<14} {'-':<14} {'-':<9} "
              f"no status read now  {view_text(row['site_view'])}")
    else:
        counts = (row["box"], row["total_boxes"])
        box = f"{counts[0]}/{counts[1]}" if row["lot"] and None not in counts else "-"
        print(f"{row['station']:<12} {row['state']:<8} {row['user'] or '-':<14} "
              f"{row['lot'] or '-':<14} {box:<9} cpu {percent(row['cpu'])} "
              f"mem {percent(row['memory'])} disk {percent(row['disk'])}  "
              f"{seen_text(row['last_seen'])}  {view_text(row['site_view'])}")
    if row["problem"]:
        print(f"{'':<12} refused on the share: {row['problem']}")
    if (row["site_view"] or {}).get("waiting"):
        print(f"{'':<12} waiting: {row['site_view']['waiting']}")


def station_rows(ctx: AppContext, held: dict[str, dict],
                 monitor: FleetMonitor | None = None) -> tuple[bool, list[dict]]:
    """Whether the share could be read, and one row per station (the --json form): each that
    reported on the share, then each other the site view holds, in state "unknown" (no status
    read now: the share is away, or the station wrote none). `held`: what the site view holds
    of each chain (utils.site.view_report.station_summaries); `monitor`: the one to poll
    with (its `poll_error` says why the share could not be read)."""
    monitor = monitor or FleetMonitor(ctx, transport=ctx.transport)
    views = monitor.poll()
    by_station = one_per_station(held)
    rows = [station_row(view.station_id, by_station.get(view.station_id), view)
            for view in views]
    polled = {view.station_id for view in views}
    rows += [station_row(station, summary) for station, summary in by_station.items()
             if station not in polled]
    rows.sort(key=lambda row: row["station"])
    return monitor.poll_error is None, rows


def one_per_station(held: dict[str, dict]) -> dict[str, dict]:
    """What the site view holds of each station, once: its first journal's part (the chain
    keyed by the station's id), or, for a station known only by later chains
    (`station/journal-<chain id>`), the first of those by key."""
    chosen: dict[str, dict] = {}
    for source, summary in sorted(held.items()):
        station = summary["station"]
        if station not in chosen or source == station:
            chosen[station] = summary
    return chosen


def station_row(station: str, site_view: dict | None, view: StationView | None = None) -> dict:
    """One station's row: from the status read now (`view`), or, with none, what the view
    holds alone, in state "unknown"."""
    status = (view.status if view is not None else None) or {}
    metrics = status.get("metrics") or {}
    user = status.get("user") or {}
    lot = status.get("lot") or {}
    skew_s = None if view is None or view.skew_s is None else round(view.skew_s, 3)
    return {"station": station, "state": UNKNOWN if view is None else str(view.liveness),
            "last_seen": status.get("sent_at"), "user": user.get("username"),
            "lot": lot.get("code"), "box": lot.get("current_box"),
            "total_boxes": lot.get("total_boxes"),
            "cpu": (metrics.get("cpu") or {}).get("value"),
            "memory": (metrics.get("memory") or {}).get("value"),
            "disk": (metrics.get("disk") or {}).get("value"),
            "version": status.get("version"), "locked": status.get("locked"),
            "skew_s": skew_s,
            "duplicate_id_suspected": view is not None and view.duplicate_id_suspected,
            "problem": None if view is None else view.problem,
            "site_view": site_view}


def percent(value: float | None) -> str:
    """A metric as a percentage; "-" for one the station's status does not hold."""
    return "-" if value is None else f"{value}%"


def seen_text(sent_at: str | None) -> str:
    """When the station's status was written; a folder with no status yet was never seen."""
    return "never seen" if sent_at is None else f"seen {sent_at}"


def view_text(held: dict | None) -> str:
    """What this PC's site view holds of a station, in a few words."""
    if held is None:
        return "view: nothing read"
    if held["broken"]:
        return (f"view: BROKEN at event {held['broken']['seq']} ({held['broken']['kind']}), "
                f"{held['events']} events before it")
    return f"view: {held['events']} events, up to {held['data_up_to'] or '—'}"
