"""`shopfloor site create|join|upgrade`: this PC into a site (the shared folder).

`create` makes the site and its first admin (or certifies an admin of the accounts this PC
already has), `join` adds this PC as a station with the site passphrase, `upgrade` moves a site
from the old shared key to keys by role. The same steps as the first-run wizard
(utils/first_run.py).
"""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path

from config.exit_codes import ExitCode
from utils.context import AppContext
from utils.first_run import name_site_zone
from utils.passwords import check_policy
from utils.site.membership import Membership, create_site_membership, join_site_membership
from utils.timezones import pc_zone_name, valid_zone
from utils.trust.bootstrap import certify_existing_accounts
from utils.trust.upgrade import upgrade_site

from cli.errors import CliError
from cli.prompts import PASSPHRASE_ENV, PASSWORD_ENV, login_as, require_admin, secret
from cli.verbs import Needs

NEEDS = Needs.CONTEXT


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="site_command", metavar="ACTION", required=True)
    for name, text in (("create", "create a new site in a shared folder"),
                       ("join", "join an existing site")):
        sub = actions.add_parser(name, help=text)
        sub.add_argument("--folder", required=True, metavar="PATH")
        sub.add_argument("--station", required=True, metavar="ID",
                         help="this PC's station id (e.g. the machine number)")
        sub.add_argument("--office", action="store_true", help="an office PC (no production)")
    create = actions.choices["create"]
    create.add_argument("--admin", metavar="USERNAME", help="the first admin (empty database)")
    create.add_argument("--full-name", help="the first admin's full name")
    create.add_argument("--name", help="a name for the site, e.g. the plant")
    create.add_argument("--timezone", metavar="AREA/CITY",
                        help="the site's time zone (default: this PC's, e.g. America/Sao_Paulo)")
    upgrade = actions.add_parser(
        "upgrade", help="move this PC's site from the old shared key to keys by role (once, "
        "by an admin, with the site passphrase)")
    upgrade.add_argument("--as", dest="as_user", required=True, metavar="ADMIN")
    join = actions.choices["join"]
    join.add_argument("--take-over", metavar="REASON",
                      help="take the station id over from the PC that holds it (that PC must "
                           "be stopped; it no longer acts for the station), with the reason")


def run(ctx: AppContext, args: argparse.Namespace) -> int:
    if args.site_command == "upgrade":
        return _upgrade(args)
    kind = "office" if args.office else "production"
    if args.site_command == "create":
        membership = _create(ctx, args, kind)
    else:
        passphrase = secret(PASSPHRASE_ENV, "Site passphrase: ")
        membership = join_site_membership(ctx.paths, ctx.settings, Path(args.folder), passphrase,
                                          station_id=args.station, kind=kind,
                                          takeover_reason=args.take_over, clock=ctx.clock)
        print(f"joined site {membership.info.site_id} as {kind} station {args.station}")
    print(f"this PC's key kept in: {membership.key_location}")
    if membership.folder_note:
        print(f"note: {membership.folder_note}; status and commands use a 500 ms rescan there")
    print(f"start syncing with: {agent_command(args.home)}   (or the app)")
    return ExitCode.OK


def _create(ctx: AppContext, args: argparse.Namespace, kind: str) -> Membership:
    zone = args.timezone or pc_zone_name() or ctx.settings.timezone
    if not valid_zone(zone):
        raise CliError(f"{zone!r} is not a time zone name such as America/Sao_Paulo; "
                       "nothing was created")
    passphrase = secret(PASSPHRASE_ENV, "New site passphrase: ", confirm=True)
    admin = args.admin
    first_admin = not ctx.auth.has_users()
    if first_admin:
        if not admin:
            raise CliError("name the first admin with --admin USERNAME")
        password = secret(PASSWORD_ENV, f"New password for {admin}: ", confirm=True)
        check_policy(password, username=admin)  # before anything is written
    else:
        if not admin:  # the site's root certifies them, and they this PC's other accounts
            raise CliError("this PC has accounts already: name one of its admins with "
                           "--admin USERNAME; nothing was created")
        password = secret(PASSWORD_ENV, f"Password for {admin}: ")
        require_admin(login_as(ctx, admin, password))
    membership = create_site_membership(ctx.paths, ctx.settings, Path(args.folder), passphrase,
                                        station_id=args.station, kind=kind,
                                        name=args.name or "", clock=ctx.clock)
    # Reopen as the new member, so the first admin's audit event starts this station's
    # chain; the site's root (opened by the passphrase just typed) certifies that admin,
    # who then publishes the site's first catalog with its time zone.
    member_ctx = AppContext.open()
    try:
        if first_admin:
            member_ctx.auth.create_first_admin(admin, args.full_name or admin, password,
                                               root=membership.root)
        else:
            certify_existing_accounts(member_ctx, admin, password, membership.root)
        name_site_zone(member_ctx, admin, password, zone)
    finally:
        member_ctx.close()
    print(f"site {membership.info.site_id} created in {args.folder}; this PC is "
          f"{kind} station {args.station}")
    print(f"the site's time zone: {zone} (an admin changes it in the admin panel's Settings)")
    return membership


def _upgrade(args: argparse.Namespace) -> int:
    passphrase = secret(PASSPHRASE_ENV, "Site passphrase: ")
    password = secret(PASSWORD_ENV, f"Password of {args.as_user}: ")
    report = upgrade_site(None, passphrase, args.as_user, password)  # this process's home
    print(f"site {report.site_id} moved to keys by role; {len(report.certified_accounts)} "
          "accounts certified")
    if report.without_keys:
        print("without a signing key until an admin resets their password: "
              + ", ".join(report.without_keys))
    print("next: on every other PC of the site, join again with the passphrase "
          "(shopfloor site join --folder ... --station <its id>)")
    return ExitCode.OK


def agent_command(home: str | None) -> str:
    """The command that syncs this PC, with the --home given to this one (else the hint
    would start an agent on another home)."""
    return "shopfloor " + (f"--home {shlex.quote(str(home))} " if home else "") + "agent"
