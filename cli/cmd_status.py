"""`shopfloor status [--json]`: every station's state as this PC sees it on the share (online,
stale, offline; user, lot, metrics, clock skew, refusals), and what this PC's site view holds
of each."""

from __future__ import annotations

import argparse
import json

from config.exit_codes import ExitCode
from utils.context import AppContext
from utils.site.fleet import FleetMonitor
from utils.site.view_report import station_summaries

from cli.site_access import site_folder
from cli.verbs import Needs

NEEDS = Needs.CONTEXT


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true")


def run(ctx: AppContext, args: argparse.Namespace) -> int:
    site_folder(ctx)  # a one-line refusal outside a site
    held = station_summaries(ctx) if ctx.paths.site_view_file.exists() else {}
    rows = station_rows(ctx, held)
    if args.json:
        print(json.dumps({"stations": rows}, indent=2))
        return ExitCode.OK
    if not rows:
        print("no stations have reported yet")
    for row in rows:
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


def station_rows(ctx: AppContext, held: dict[str, dict]) -> list[dict]:
    """One row per station that reported on the share (the --json form); `held`: what the site
    view holds of each station (utils.site.view_report.station_summaries)."""
    views = FleetMonitor(ctx, transport=ctx.transport).poll()
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
                     "site_view": held.get(view.station_id)})
    return rows


def view_text(held: dict | None) -> str:
    """What this PC's site view holds of a station, in a few words."""
    if held is None:
        return "view: nothing read"
    if held["broken"]:
        return (f"view: BROKEN at event {held['broken']['seq']} ({held['broken']['kind']}), "
                f"{held['events']} events before it")
    return f"view: {held['events']} events, up to {held['data_up_to'] or '—'}"
