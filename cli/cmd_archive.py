"""`shopfloor archive --from ISO --to ISO --out FILE --as USER`: a self-verifying archive of a
period (journals, records, keys, manifest), for supervisors and admins; checked on any PC by
`shopfloor verify-archive` (cli/cmd_verify_archive.py). The period is of the audit trail: the
events written in it (an import on its day), not the dates of the boxes they are about. An
archive of a period with no events is still written (a quiet month archived by a schedule is
not a failure), and says why it is empty."""

from __future__ import annotations

import argparse
from datetime import datetime
from zoneinfo import ZoneInfo

from config.exit_codes import ExitCode
from data import records_repo, view_repo
from data.records_repo import RecordFilter
from models.canonical import format_utc, parse_utc
from utils.backup.archive import ArchiveError, make_archive
from utils.context import AppContext
from utils.permissions import PermissionDenied
from utils.site.view_follower import Phase
from utils.site.view_report import catch_up

from cli.errors import CliError, check_suffix, output_file, permission_refusal, writing
from cli.prompts import login_as
from cli.site_access import site_folder
from cli.times import FROM_HELP, TO_HELP, parse_range
from cli.verbs import Needs

NEEDS = Needs.CONTEXT


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", metavar="ISO", required=True,
                        help=f"the events written {FROM_HELP} (when they were written: an "
                             f"import counts on its day, whatever the boxes' dates)")
    parser.add_argument("--to", dest="end", metavar="ISO", required=True,
                        help=f"the events written {TO_HELP}")
    parser.add_argument("--out", required=True, metavar="FILE",
                        help="the archive to write: a name ending with .zip (another ending "
                             "is refused), in an existing folder (replaced if it exists)")
    parser.add_argument("--as", dest="as_user", metavar="USERNAME", required=True,
                        help="the supervisor or admin doing it (their password is asked)")


def run(ctx: AppContext, args: argparse.Namespace) -> int:
    out = output_file(args.out, "--out", "archive.zip")  # before the login
    check_suffix(out, "--out", ".zip", "archive", only=True)
    start, end = parse_range(args.start, args.end, ctx.timezone)  # a typo costs no login
    if start is None or end is None:
        raise CliError("an archive needs --from and --to")
    session = login_as(ctx, args.as_user)
    share_unreadable = False
    if ctx.trust is not None:
        site_folder(ctx)
        # the members and keys as the directory says now
        share_unreadable = catch_up(ctx).phase == Phase.OFFLINE
    try:
        with writing(out, "--out"):
            manifest = make_archive(ctx, session, start, end, out)
    except PermissionDenied as denied:  # logged once, as the refusal it is, by cli/app.py
        raise permission_refusal(denied, "make archives", "nothing was written") from denied
    except ArchiveError as exc:
        raise CliError(str(exc)) from exc
    stations = manifest["stations"]
    print(f"archive written: {args.out} ({len(stations)} station(s), "
          f"{sum(s['events'] for s in stations.values())} events, "
          f"{sum(s['records'] for s in stations.values())} record versions)")
    if not stations:  # a true archive of nothing: kept, and why it is empty said
        print(f"why empty: {why_empty(ctx, args, start, end, share_unreadable)}")
    return ExitCode.OK


# What an archive's period selects, said wherever an empty one is explained: an archive is the
# audit trail of a period, so an import counts on the day it was made, and a correction on its
# own day, whatever the dates of the boxes they are about.
BY_WRITING = "the period counts when events were written, not the boxes' dates"


def why_empty(ctx: AppContext, args: argparse.Namespace, start: datetime, end: datetime,
              share_unreadable: bool) -> str:
    """Why an archive holds no events, and what to do: the shared folder away, no station's
    journal read yet, this PC's own events of the period not on the shared folder yet, or none
    written in the period (with the records dated in it, written later, counted)."""
    period = (f"from {args.start} to {args.end} ({ctx.timezone} time unless an offset was "
              f"given; --to is not included)")
    if ctx.trust is None:
        with ctx.database.read() as connection:
            dated = records_repo.count_records(connection, RecordFilter(start=start, end=end))
        return (f"this PC is in no site, so only its own audit trail is archived, and it has no "
                f"events written {period}; {BY_WRITING}{_dated(dated)}")
    if share_unreadable:
        return (f"the shared folder could not be read just now, so no station's journal was "
                f"taken; run the archive again when it is back (check the network and the "
                f"share path: {ctx.site_folder})")
    # What an archive takes: the stations' journals on the shared folder (this PC's own chain
    # too once it is there); the site view holds the same events (this PC's own from its
    # database, "local"), read up to now just before.
    with ctx.site_view.database.read() as connection:
        chains = [s for s in view_repo.sources(connection) if s["events"]]
        in_period = view_repo.count_events(connection, start=format_utc(start),
                                           end=format_utc(end))
        dated = view_repo.count_records(connection, RecordFilter(start=start, end=end))
    if not chains:
        return ("this PC's site view holds no station's journal: none is on the shared folder "
                "yet (a station puts its journal there once its agent, shopfloor agent, or the "
                "app runs); archive again once the stations have synced (shopfloor status "
                "shows them)")
    if in_period:  # this PC's own (the view's others come from the shared folder)
        return (f"this PC holds {in_period} events written {period}, but none of them is on the "
                f"shared folder yet (a PC puts its journal there once its agent, shopfloor "
                f"agent, or the app runs): archive again once it has synced (shopfloor status "
                f"shows the stations)")
    zone = ZoneInfo(ctx.timezone)
    first, last = (f"{parse_utc(moment).astimezone(zone):%Y-%m-%d %H:%M}" for moment in (
        min(s["first_ts"] for s in chains if s["first_ts"]),
        max(s["last_ts"] for s in chains if s["last_ts"])))
    return (f"no events were written {period}: this PC's site view holds events of "
            f"{len({s['station'] for s in chains})} station(s), written from {first} to "
            f"{last}; {BY_WRITING}{_dated(dated)}")


def _dated(count: int) -> str:
    """What to do, with the records whose boxes are dated in the period though they were
    written (imported) later counted."""
    if not count:
        return ": check --from and --to"
    return (f"; {count} records are dated in the period but were written (imported) later: "
            f"give the period in which they were written")
