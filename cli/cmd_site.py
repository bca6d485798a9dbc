"""`shopfloor site create|join|upgrade`: this PC into a site (the shared folder).

`create` makes the site and its first admin (or certifies an admin of the accounts this PC
already has), `join` adds this PC as a station with the site passphrase, `upgrade` moves a site
from the old shared key to keys by role. `create` and `join` run the first-run wizard's own
set-up (utils/first_run.set_up); this module only asks for what it needs and prints.
"""

from __future__ import annotations

import argparse
import shlex

from config.exit_codes import ExitCode
from models.validation import SITE_NAME_MAX, ValidationFailed, validate_site_name
from utils.context import AppContext
from utils.first_run import AdminAccount, SetupError, SetupPlan, set_up
from utils.site.site_key import check_passphrase
from utils.timezones import pc_zone_name, valid_zone
from utils.trust.upgrade import upgrade_site

from cli.cmd_user import new_password
from cli.errors import CliError, zone_refusal
from cli.prompts import PASSPHRASE_ENV, PASSWORD_ENV, login_as, require_admin, secret
from cli.verbs import Needs

NEEDS = Needs.CONTEXT
# The folder checks' codes for a --folder that does not exist (utils/setup_checks.check_folder).
FOLDER_MISSING = frozenset({"folder_not_found", "folder_not_made", "no_site", "parent_not_found"})
def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="site_command", metavar="ACTION", required=True)
    for name, text, folder in (
            ("create", "create a new site in a shared folder",
             "the shared folder to create the site in"),
            ("join", "join an existing site", "the site's shared folder")):
        sub = actions.add_parser(name, help=text)
        sub.add_argument("--folder", required=True, metavar="PATH", help=folder)
        sub.add_argument("--station", required=True, metavar="ID",
                         help="this PC's station id (e.g. the machine number)")
        sub.add_argument("--office", action="store_true", help="an office PC (no production)")
    create = actions.choices["create"]
    create.add_argument("--admin", metavar="USERNAME", help="the first admin (empty database)")
    create.add_argument("--full-name", help="the first admin's full name")
    create.add_argument("--name", help="a name for the site, e.g. the plant")
    create.add_argument("--timezone", metavar="AREA/CITY",
                        help="the site's time zone by name, e.g. America/Sao_Paulo (default: "
                             "this PC's); a UTC offset such as -03:00 is refused: a name "
                             "carries its summer-time rules")
    create.add_argument("--make-folder", action="store_true",
                        help="make --folder when it does not exist (else refused: a share not "
                             "mounted, or a typo, would put the site on this PC's own disk)")
    upgrade = actions.add_parser(
        "upgrade", help="move this PC's site from the old shared key to keys by role (once, "
        "by an admin, with the site passphrase)")
    upgrade.add_argument("--as", dest="as_user", required=True, metavar="ADMIN",
                         help="the admin doing it (their password is asked)")
    join = actions.choices["join"]
    join.add_argument("--take-over", metavar="REASON",
                      help="take the station id over from the PC that holds it (that PC must "
                           "be stopped; it no longer acts for the station), with the reason")


def run(ctx: AppContext, args: argparse.Namespace) -> int:
    if args.site_command == "upgrade":
        return _upgrade(args)
    if ctx.settings.site_id:
        raise CliError(already_member(ctx))
    kind = "office" if args.office else "production"
    if args.site_command == "create":
        plan = _create_plan(ctx, args, kind)
    else:
        plan = SetupPlan("join", args.station, kind, folder=args.folder,
                         passphrase=secret(PASSPHRASE_ENV, "Site passphrase: "),
                         autostart=None, takeover_reason=args.take_over)
    # The wizard's own path (checks, membership, the first admin, the site's zone); the
    # command line leaves autostart as it is.
    try:
        result = set_up(None, plan, clock=ctx.clock)  # None: this process's home, as `ctx`
    except SetupError as exc:
        if exc.code not in FOLDER_MISSING:
            raise
        fix = "check the path and that the share is mounted"
        if exc.code == "folder_not_made":
            fix += ", or add --make-folder to make it"
        elif exc.code == "parent_not_found":
            fix += " (--make-folder makes the last folder only, in one that exists)"
        raise CliError(f"{exc}; nothing was changed: {fix}") from exc
    membership = result.membership
    result.ctx.close()
    if plan.mode == "create":
        print(f"site {membership.info.site_id} created in {args.folder}; this PC is "
              f"{kind} station {args.station}")
        print(f"the site's time zone: {plan.timezone} (an admin changes it in the admin "
              "panel's Settings)")
    else:
        print(f"joined site {membership.info.site_id} as {kind} station {args.station}")
    print(f"this PC's key kept in: {membership.key_location}")
    if membership.folder_note:
        print(f"note: {membership.folder_note}; status and commands use a 500 ms rescan there")
    print(f"start syncing with: {agent_command(args.home)}   (or the app)")
    return ExitCode.OK


def _create_plan(ctx: AppContext, args: argparse.Namespace, kind: str) -> SetupPlan:
    """What to create, the secrets asked for; a PC with accounts already names one of its
    admins, logged in here before anything is written (the site's root certifies them, and
    they this PC's other accounts)."""
    try:
        name = validate_site_name(args.name)
    except ValidationFailed as exc:
        raise CliError(f"the site name is refused ({'; '.join(e.message for e in exc.errors)}); "
                       f"nothing was created. Give --name as plain text of at most "
                       f"{SITE_NAME_MAX} characters.") from None
    if args.timezone is not None and not valid_zone(args.timezone):
        raise CliError(zone_refusal(args.timezone, "nothing was created"))
    zone = args.timezone or pc_zone_name() or ctx.settings.timezone
    passphrase = secret(PASSPHRASE_ENV, "New site passphrase: ", confirm=True)
    check_passphrase(passphrase)  # said now, before the admin's password is asked for
    admin = args.admin
    certify_existing = ctx.auth.has_users()
    if not certify_existing:
        if not admin:
            raise CliError("name the first admin with --admin USERNAME")
        password = new_password(f"New password for {admin}: ")
    else:
        if not admin:
            raise CliError("this PC has accounts already: name one of its admins with "
                           "--admin USERNAME; nothing was created")
        password = secret(PASSWORD_ENV, f"Password for {admin}: ")
        session = login_as(ctx, admin, password)
        require_admin(session)
        ctx.auth.logout(session, "set-up")
    return SetupPlan("create", args.station, kind, folder=args.folder, passphrase=passphrase,
                     admin=AdminAccount(admin, args.full_name or admin, password),
                     certify_existing=certify_existing, autostart=None,
                     site_name=name, timezone=zone, make_folder=args.make_folder)


def already_member(ctx: AppContext) -> str:
    """Why this PC cannot create or join a site: it is in one, named with what to do."""
    settings = ctx.settings
    return (f"this PC already belongs to site {settings.site_id} (as {settings.station_kind} "
            f"station {settings.station_id}, shared folder {settings.site_folder}); nothing "
            f"was changed: a PC is in one site (shopfloor status shows it); to set up another "
            f"PC or site here, give another --home")


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
