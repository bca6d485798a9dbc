"""`shopfloor verify-audit [--site] [--json]`: this PC's audit chain (with --site every
station's journal on the share, against what this PC's site view read before); exit 0 when
intact, 1 when not, naming the first bad event or record."""

from __future__ import annotations

import argparse
import json

from config.exit_codes import ExitCode
from utils.audit.verify import VerifyResult
from utils.context import AppContext
from utils.site.view_report import catch_up

from cli.site_access import site_folder
from cli.verbs import Needs

NEEDS = Needs.CONTEXT


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--site", action="store_true",
                        help="also every station's journal on the share, against what this "
                             "PC's site view read before")


def run(ctx: AppContext, args: argparse.Namespace) -> int:
    if args.site:
        site_folder(ctx)
        catch_up(ctx)  # what the view took is a witness too: a journal shorter is truncated
        results = ctx.site_view.verify_site()
    else:
        results = ctx.verify_audit()
    intact = all(result.ok for result in results)
    if args.json:
        print(json.dumps({"ok": intact, "stations": [r.to_json() for r in results]}, indent=2))
    else:
        if not results:
            print("no audit events yet: nothing to verify")
        for result in results:
            print(result_line(result))
    return ExitCode.OK if intact else ExitCode.FAILED


def result_line(r: VerifyResult) -> str:
    """One station's verdict in words."""
    records = (f", {r.records_checked} record versions match the chain"
               if r.records_checked else "")
    if r.ok:
        unsealed = f" ({r.unsealed} more not yet sealed by the station)" if r.unsealed else ""
        return (f"station {r.station}: intact, {r.events_checked} events checked"
                f"{records}{unsealed}")
    if r.cancelled:
        return f"station {r.station}: cancelled; nothing is known about the rest"
    if str(r.kind) == "not_a_member":
        return (f"station {r.station}: NOT a member of this site: {r.detail}; its journal "
                "is not read")
    if r.record_id is not None and str(r.kind).startswith("record_"):
        return (f"station {r.station}: NOT intact: record {r.record_id} version "
                f"{r.record_version} ({r.kind}): {r.detail}; {r.events_checked} events "
                f"of the chain intact, {r.records_checked} record versions checked")
    return (f"station {r.station}: NOT intact: first bad event {r.first_bad_seq} "
            f"({r.kind}): {r.detail}; {r.events_checked} events verified before it")
