"""`shopfloor archive --from ISO --to ISO --out FILE --as USER`: a self-verifying archive of a
period (journals, records, keys, manifest), for supervisors and admins; checked on any PC by
`shopfloor verify-archive` (cli/cmd_verify_archive.py)."""

from __future__ import annotations

import argparse

from config.exit_codes import ExitCode
from utils.backup.archive import ArchiveError, make_archive
from utils.context import AppContext
from utils.permissions import PermissionDenied
from utils.site.view_report import catch_up

from cli.errors import CliError, check_suffix, output_file, writing
from cli.prompts import login_as
from cli.site_access import site_folder
from cli.times import parse_range
from cli.verbs import Needs

NEEDS = Needs.CONTEXT


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", metavar="ISO", required=True)
    parser.add_argument("--to", dest="end", metavar="ISO", required=True, help="not included")
    parser.add_argument("--out", required=True, metavar="FILE")
    parser.add_argument("--as", dest="as_user", metavar="USERNAME", required=True)


def run(ctx: AppContext, args: argparse.Namespace) -> int:
    out = output_file(args.out, "--out", "archive.zip")  # before the login
    check_suffix(out, "--out", ".zip", "archive")
    session = login_as(ctx, args.as_user)
    zone = ctx.settings.timezone
    start, end = parse_range(args.start, args.end, zone)
    if start is None or end is None:
        raise CliError("an archive needs --from and --to")
    if ctx.trust is not None:
        site_folder(ctx)
        catch_up(ctx)  # the members and keys as the directory says now
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
    return ExitCode.OK
