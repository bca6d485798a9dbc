"""`shopfloor archive --from ISO --to ISO --out FILE --as USER`: a self-verifying archive of a
period (journals, records, keys, manifest), for supervisors and admins; checked on any PC by
`shopfloor verify-archive` (cli/cmd_verify_archive.py)."""

from __future__ import annotations

import argparse

from config.exit_codes import ExitCode
from utils.backup.archive import ArchiveError, make_archive
from utils.context import AppContext
from utils.permissions import PermissionDenied
from utils.site.view_follower import Phase
from utils.site.view_report import catch_up, station_summaries

from cli.errors import CliError, check_suffix, output_file, writing
from cli.prompts import login_as
from cli.site_access import site_folder
from cli.times import FROM_HELP, TO_HELP, parse_range
from cli.verbs import Needs

NEEDS = Needs.CONTEXT


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", metavar="ISO", required=True, help=FROM_HELP)
    parser.add_argument("--to", dest="end", metavar="ISO", required=True, help=TO_HELP)
    parser.add_argument("--out", required=True, metavar="FILE",
                        help="the archive to write, a .zip in an existing folder (replaced if "
                             "it exists)")
    parser.add_argument("--as", dest="as_user", metavar="USERNAME", required=True,
                        help="the supervisor or admin doing it (their password is asked)")


def run(ctx: AppContext, args: argparse.Namespace) -> int:
    out = output_file(args.out, "--out", "archive.zip")  # before the login
    check_suffix(out, "--out", ".zip", "archive")
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
    except PermissionDenied:
        raise CliError(f"{session.username} may not make archives; nothing was written") from None
    except ArchiveError as exc:
        raise CliError(str(exc)) from exc
    stations = manifest["stations"]
    print(f"archive written: {args.out} ({len(stations)} station(s), "
          f"{sum(s['events'] for s in stations.values())} events, "
          f"{sum(s['records'] for s in stations.values())} record versions)")
    if not stations:  # a true archive of nothing: kept, and why it is empty said
        print(f"why empty: {why_empty(ctx, args, share_unreadable)}")
    return ExitCode.OK


def why_empty(ctx: AppContext, args: argparse.Namespace, share_unreadable: bool) -> str:
    """Why an archive holds no events, and what to do: the shared folder away, no station's
    journal read yet (what this PC's site view holds: utils/site/view_report.py), or none in
    the period asked for."""
    period = (f"from {args.start} to {args.end} ({ctx.timezone} time unless an offset was "
              f"given; --to is not included)")
    if ctx.trust is None:
        return (f"this PC is in no site, so only its own audit trail is archived, and it has no "
                f"events {period}: check --from and --to")
    # What an archive takes: the stations' journals on the shared folder (this PC's own chain
    # too once it is there), not the events the view read from this PC's database ("local").
    held = {source: summary for source, summary in station_summaries(ctx).items()
            if summary["source"] == "journal" and summary["events"]
            } if ctx.holds_site_view else {}
    if share_unreadable:
        return (f"the shared folder could not be read just now, so no station's journal was "
                f"taken; run the archive again when it is back (check the network and the "
                f"share path: {ctx.site_folder})")
    if not held:
        return ("this PC's site view holds no station's journal: none is on the shared folder "
                "yet (a station puts its journal there once its agent, shopfloor agent, or the "
                "app runs); archive again once the stations have synced (shopfloor status "
                "shows them)")
    latest = max((summary["data_up_to"] for summary in held.values()
                  if summary["data_up_to"]), default=None)
    return (f"this PC's site view holds the journals of "
            f"{len({summary['station'] for summary in held.values()})} station(s), up to "
            f"{latest or '—'}, but no events {period}: check --from and --to")
