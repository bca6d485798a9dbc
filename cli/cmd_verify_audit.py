"""`shopfloor verify-audit [--site] [--json]`: this PC's audit chain (with --site every
station's journal on the share, against what this PC's site view read before); exit 0 when
intact, 1 when not, naming the first bad event or record."""

from __future__ import annotations

import argparse
import json
from typing import NoReturn

from config.exit_codes import ExitCode
from utils.audit.verify import VerifyResult
from utils.context import AppContext
from utils.site.site_view import ShareUnreachable, StationsRefused
from utils.site.view_report import catch_up

from cli.demo_mark import demo_line
from cli.errors import CliError
from cli.site_access import site_folder
from cli.verbs import Needs

NEEDS = Needs.CONTEXT


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON, for scripts")
    parser.add_argument("--site", action="store_true",
                        help="also every station's journal on the share, against what this "
                             "PC's site view read before")


def run(ctx: AppContext, args: argparse.Namespace) -> int:
    if args.site:
        site_folder(ctx)
        catch_up(ctx)  # what the view took is a witness too: a journal shorter is truncated
        try:
            results = ctx.site_view.verify_site()
        except ShareUnreachable as exc:
            own_chain_only(ctx, args, f"the shared folder {exc.where} cannot be reached "
                                      f"({exc.reason})", "when the folder is back")
        except StationsRefused as exc:
            # A place of the share refused (a link): a problem found, not an outage (exit 1).
            own_chain_only(ctx, args, f"the stations' folder of the shared folder "
                                      f"({exc.where}) was refused ({exc.reason})",
                           "once whoever looks after the shared folder has put it right",
                           failed=True)
    else:
        results = ctx.verify_audit()
    intact = show(results, as_json=args.json, demo=ctx.demo_name)
    return ExitCode.OK if intact else ExitCode.FAILED


def show(results: list[VerifyResult], *, as_json: bool, share_readable: bool = True,
         demo: str | None = None) -> bool:
    """Print the verdicts; True when all are intact. `share_readable` False: the stations'
    journals were not checked, so the JSON report is not "ok" whatever these say. `demo`: the
    demo's name on `shopfloor demo`'s home, said first (its data is not a real plant's)."""
    intact = all(result.ok for result in results)
    if as_json:
        report: dict[str, object] = {"ok": intact and share_readable}
        if not share_readable:
            report["share_readable"] = False
        if demo is not None:
            report["demo"] = demo
        print(json.dumps({**report, "stations": [r.to_json() for r in results]}, indent=2))
    else:
        if demo is not None:
            print(demo_line(demo))
        if not results:
            print("no audit events yet: nothing to verify")
        for result in results:
            print(result_line(result))
    return intact


def own_chain_only(ctx: AppContext, args: argparse.Namespace, why: str, again: str, *,
                   failed: bool = False) -> NoReturn:
    """The stations' journals cannot be read (`why`: the shared folder is away, or its
    stations' folder was refused), so none is called intact; this PC's own chain needs no
    share, and checking it is better than nothing. Exit 1 when it is not intact or the share
    was found `failed` (a check found a problem), else 2 (the site check was impossible)."""
    intact = show(ctx.verify_audit(), as_json=args.json, share_readable=False,
                  demo=ctx.demo_name)
    verdict = "intact" if intact else "NOT intact (see above)"
    raise CliError(f"{why}: the stations' journals were not checked; only this PC's own audit "
                   f"chain was, and it is {verdict}; run verify-audit --site again {again}",
                   ExitCode.ERROR if intact and not failed else ExitCode.FAILED)


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
    if r.kind is None:  # not checked at all (a fault of the program: the log has it)
        return f"station {r.station}: could NOT be verified: {r.detail}"
    if str(r.kind) == "not_a_member":
        return (f"station {r.station}: NOT a member of this site: {r.detail}; its journal "
                "is not read")
    if r.record_id is not None and str(r.kind).startswith("record_"):
        return (f"station {r.station}: NOT intact: record {r.record_id} version "
                f"{r.record_version} ({r.kind}): {r.detail}; {r.events_checked} events "
                f"of the chain intact, {r.records_checked} record versions checked")
    return (f"station {r.station}: NOT intact: first bad event {r.first_bad_seq} "
            f"({r.kind}): {r.detail}; {r.events_checked} events verified before it")
