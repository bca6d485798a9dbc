"""`shopfloor export --format csv|xlsx --out PATH --as USER [filters] [--site]`: this PC's own
records, or with --site every station's from this PC's site view (read up to now first), with
the admin panel's Production filters and rows. An export that finds nothing says why."""

from __future__ import annotations

import argparse

from config.exit_codes import ExitCode
from data.records_repo import RecordFilter
from utils.context import AppContext
from utils.records_io import export_records, export_view_records
from utils.site.view_follower import Phase
from utils.site.view_report import catch_up, why_empty

from cli.demo_mark import DEMO_WORD, demo_line, demo_out
from cli.errors import CliError, check_suffix, output_file, writing
from cli.prompts import login_as
from cli.site_access import site_folder
from cli.times import FROM_HELP, TO_HELP, parse_range
from cli.verbs import Needs

NEEDS = Needs.CONTEXT


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", action="store_true",
                        help="every station's records from this PC's site view (read up to now "
                             "first), with the admin panel's Production filters")
    parser.add_argument("--format", required=True, choices=["csv", "xlsx"],
                        help="the kind of file written")
    parser.add_argument("--out", required=True, metavar="PATH",
                        help="the file to write, in an existing folder (replaced if it "
                             "exists); on a demo's home (shopfloor demo) a name without DEMO "
                             "gets -DEMO before its ending")
    parser.add_argument("--from", dest="start", metavar="ISO",
                        help=f"records made {FROM_HELP}")
    parser.add_argument("--to", dest="end", metavar="ISO", help=f"records made {TO_HELP}")
    parser.add_argument("--station", metavar="ID",
                        help="only this station's records (without --site, only this PC's own "
                             "are searched)")
    parser.add_argument("--lot", help="only the records of this lot code")
    parser.add_argument("--operator", metavar="USERNAME",
                        help="only the records of this operator")
    parser.add_argument("--defect", metavar="NAME", help="records with this rejection (--site)")
    parser.add_argument("--as", dest="as_user", metavar="USERNAME", required=True,
                        help="the person exporting (their password is asked)")


def run(ctx: AppContext, args: argparse.Namespace) -> int:
    out = output_file(args.out, "--out", f"records.{args.format}")  # before the login
    check_suffix(out, "--out", f".{args.format}", f"--format {args.format}")
    if args.site:
        site_folder(ctx)  # outside a site: said before a password is asked for nothing
    elif args.defect:
        raise CliError("--defect filters the site view: use it with --site; nothing was written")
    start, end = parse_range(args.start, args.end, ctx.timezone)  # a typo costs no login
    out = demo_out(ctx, out, f"records-DEMO.{args.format}")
    session = login_as(ctx, args.as_user)
    record_filter = RecordFilter(start=start, end=end, station_id=args.station,
                                 lot=args.lot, operator=args.operator, defect=args.defect,
                                 include_voided=True)
    if args.site:
        # Every station, the Production tab's filters and rows: the site view, read up to
        # now first (on a production PC the first time this reads the whole site).
        share_unreadable = catch_up(ctx).phase == Phase.OFFLINE
        filters = {"site": True, "station": args.station, "lot": args.lot,
                   "operator": args.operator, "defect": args.defect, "from": args.start,
                   "to": args.end}
        with writing(out, "--out"):
            count = export_view_records(ctx.site_view, ctx.changes, session, record_filter,
                                        args.format, out, filters, demo=ctx.demo_name)
    else:
        share_unreadable = False
        with writing(out, "--out"):
            count = export_records(ctx.production, session, args.format, out,
                                   record_filter, demo=ctx.demo_name)
    print(f"exported {count} records to {out}")
    if ctx.demo_name is not None:
        print(f"{demo_line(ctx.demo_name)}: the file's name says {DEMO_WORD}"
              f"{', and so do its title and a DEMO sheet' if args.format == 'xlsx' else ''}")
    if count == 0:
        reason = why_empty(ctx, record_filter, site=args.site,
                           share_unreadable=share_unreadable)
        print(f"why none: {reason}")
    return ExitCode.OK
