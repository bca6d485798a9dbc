"""`shopfloor import-legacy FILE --as USER`: the old system's dados_producao.csv, imported once
(a second import of the same rows adds nothing), every rejected line named with its reason, and
every line that is a box already imported with other values (a conflict) named with them."""

from __future__ import annotations

import argparse
import sys
from typing import Callable

from config.exit_codes import ExitCode
from data.legacy_boxes import BoxConflict
from data.legacy_import import GAP_DESCRIPTIONS, LegacyFileError
from utils.context import AppContext
from utils.records_io import import_legacy_file
from utils.timezones import valid_zone

from cli.errors import CliError, input_file, zone_refusal
from cli.legacy_arguments import add_file_and_importer
from cli.prompts import login_as
from cli.verbs import Needs

NEEDS = Needs.CONTEXT


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_file_and_importer(parser, "dados_producao.csv",
                          "the supervisor or admin importing (their password is asked)")
    parser.add_argument("--timezone", metavar="AREA/CITY",
                        help="time zone of the file's local times (default: the site's)")


def run(ctx: AppContext, args: argparse.Namespace) -> int:
    # The file and the zone before the password: a typo costs no login (and no audit event).
    file = input_file(args.file, "import", "nothing was imported")
    if args.timezone is not None and not valid_zone(args.timezone):
        raise CliError(zone_refusal(args.timezone, "nothing was imported",
                                    ", or leave --timezone out for the site's"))
    session = login_as(ctx, args.as_user)
    zone = args.timezone or ctx.timezone
    try:
        report = import_legacy_file(ctx.production, session, file, zone,
                                    progress=tenths())
    except LegacyFileError as exc:
        raise CliError(f"cannot import {args.file}: {exc}") from exc
    for warning in report.warnings:
        print(f"warning: {warning}")
    for rejected in report.rejected:
        print(f"rejected line {rejected.line}: {rejected.reason}")
    for conflict in report.conflicts:
        print(conflict_line(conflict))
    print(f"rows: {report.total_rows}, imported: {report.imported}, "
          f"imported with gaps: {report.imported_with_gaps}, "
          f"already present: {report.already_present}, "
          f"conflicts (not imported): {len(report.conflicts)}, "
          f"rejected: {len(report.rejected)}")
    if report.conflicts:
        print("conflicts: each of those lines is a box (station, lot, box) already imported "
              "with other values; the record imported first was kept. Where the line's values "
              "are the right ones, correct that record (with a justification).")
    if report.gaps:
        print("gaps (rows): " + ", ".join(f"{GAP_DESCRIPTIONS.get(gap, gap)}: {count}"
                                          for gap, count in sorted(report.gaps.items())))
    return ExitCode.OK


def conflict_line(conflict: BoxConflict) -> str:
    """One conflicting line: which box, which record holds it, and the values that differ."""
    source = (f"from line {conflict.earlier_line} of this file" if conflict.earlier_line
              else f"as record {conflict.record_id[:12]}")
    return (f"conflict line {conflict.line}: station {conflict.station_id}, lot "
            f"{conflict.lot!r}, box {conflict.box} was already imported {source}, with other "
            f"values: {'; '.join(conflict.differences)}. Not imported.")


def tenths() -> Callable[[int, int], None]:
    """Progress on stderr for a long import (a few years of a plant take minutes): once the
    file is read, then at each tenth stored."""
    said = [-1]  # the last tenth told (-1: not even that the file was read)

    def tell(stored: int, total: int) -> None:
        if said[0] < 0:
            print(f"read {total:,} rows to store; storing them...", file=sys.stderr, flush=True)
            said[0] = 0
        if stored and 10 * stored // total > said[0]:
            said[0] = 10 * stored // total
            print(f"stored {stored:,} of {total:,} rows", file=sys.stderr, flush=True)

    return tell
