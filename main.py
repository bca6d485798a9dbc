"""Shopfloor Collector: command-line entry point (`shopfloor`) and GUI entry (`shopfloor-gui`).

Thin on purpose: parse arguments, set up logging, build the services (utils.context), run one
command. Secrets come from a prompt, or for automation from SHOPFLOOR_PASSWORD (the acting
user's password), SHOPFLOOR_NEW_PASSWORD (a password being set) and SHOPFLOOR_PASSPHRASE.
Errors are one clear line and a non-zero exit, never a traceback (that goes to the log file).
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Sequence

__version__ = "0.1.0"

log = logging.getLogger("shopfloor.cli")

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2
EXIT_RESTART = 75  # the agent asks to be started again (restart_app)


class CliError(Exception):
    """A problem to report in one line; exit code 2 unless given."""

    def __init__(self, message: str, code: int = EXIT_ERROR):
        super().__init__(message)
        self.code = code


def _secret(env_name: str, prompt: str, *, confirm: bool = False) -> str:
    value = os.environ.get(env_name)
    if value is not None:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise CliError(f"{prompt.rstrip(': ')} needed: type it at a terminal or set {env_name}")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat: ") != first:
        raise CliError("the two entries differ; nothing was changed")
    return first


def _parse_time(text: str | None, zone: str) -> datetime | None:
    if text is None:
        return None
    from zoneinfo import ZoneInfo

    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise CliError(f"{text!r} is not an ISO date or time such as 2026-11-22T06:00") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(zone))
    return moment.astimezone(timezone.utc)


# -- commands -------------------------------------------------------------------------------

def _login_as(ctx, username: str | None, password: str | None = None):
    from utils.auth import LoginFailure

    if not username:
        raise CliError("this command needs --as USERNAME (the person doing it)")
    if password is None:
        password = _secret("SHOPFLOOR_PASSWORD", f"Password for {username}: ")
    result = ctx.auth.login(username, password)
    if not result.ok:
        if result.failure == LoginFailure.LOCKED and result.locked_until is not None:
            from zoneinfo import ZoneInfo

            local = result.locked_until.astimezone(ZoneInfo(ctx.timezone))
            raise CliError(f"{username} is locked until {local:%H:%M} after repeated failures")
        raise CliError("wrong username or password")
    if result.session.must_change_password:
        raise CliError(f"{username} must change the password first: "
                       f"shopfloor user change-password {username}")
    return result.session


def cmd_user(ctx, args) -> int:
    from config.constants import Role

    if args.user_command == "add":
        role = Role(args.role)
        full_name = args.full_name or args.username
        if not ctx.auth.has_users() and not args.as_user:
            if role != Role.ADMIN:
                raise CliError("the first user must be an admin: use --role admin")
            password = _secret("SHOPFLOOR_PASSWORD", f"New password for {args.username}: ",
                               confirm=True)
            user = ctx.auth.create_first_admin(args.username, full_name, password)
            print(f"created first admin {user.username}")
            return EXIT_OK
        actor = _login_as(ctx, args.as_user)
        password = _secret("SHOPFLOOR_NEW_PASSWORD", f"Initial password for {args.username}: ",
                           confirm=True)
        user = ctx.auth.create_user(actor, args.username, full_name, role, password, args.reason)
        print(f"created {user.role} {user.username} (must change the password at first login)")
        return EXIT_OK
    if args.user_command == "change-password":
        old = _secret("SHOPFLOOR_PASSWORD", f"Current password for {args.username}: ")
        new = _secret("SHOPFLOOR_NEW_PASSWORD", f"New password for {args.username}: ", confirm=True)
        ctx.auth.change_password(args.username, old, new)
        print(f"password of {args.username} changed")
        return EXIT_OK
    actor = _login_as(ctx, args.as_user)
    if args.user_command == "list":
        for user in ctx.auth.list_users(actor):
            flags = [name for name, on in (("inactive", not user.active),
                                           ("must-change-password", user.must_change_password),
                                           ("locked", user.locked_until is not None
                                            and user.locked_until > ctx.clock.now())) if on]
            print(f"{user.username:<20} {user.role:<10} {user.full_name:<30} {' '.join(flags)}")
        return EXIT_OK
    if args.user_command == "reset-password":
        password = _secret("SHOPFLOOR_NEW_PASSWORD", f"New password for {args.username}: ",
                           confirm=True)
        ctx.auth.reset_password(actor, args.username, password, args.reason)
        print(f"password of {args.username} reset; it must be changed at next login")
    elif args.user_command == "unlock":
        ctx.auth.unlock(actor, args.username, args.reason)
        print(f"{args.username} unlocked")
    elif args.user_command == "deactivate":
        ctx.auth.deactivate(actor, args.username, args.reason)
        print(f"{args.username} deactivated (the name will never be reused)")
    return EXIT_OK


def cmd_import_legacy(ctx, args) -> int:
    from data.legacy_import import GAP_DESCRIPTIONS, LegacyFileError
    from utils.records_io import import_legacy_file

    session = _login_as(ctx, args.as_user)
    zone = args.timezone or ctx.timezone
    try:
        report = import_legacy_file(ctx.production, session, Path(args.file), zone)
    except LegacyFileError as exc:
        raise CliError(f"cannot import {args.file}: {exc}") from exc
    for warning in report.warnings:
        print(f"warning: {warning}")
    for rejected in report.rejected:
        print(f"rejected line {rejected.line}: {rejected.reason}")
    print(f"rows: {report.total_rows}, imported: {report.imported}, "
          f"imported with gaps: {report.imported_with_gaps}, "
          f"already present: {report.already_present}, rejected: {len(report.rejected)}")
    if report.gaps:
        print("gaps (rows): " + ", ".join(f"{GAP_DESCRIPTIONS.get(gap, gap)}: {count}"
                                          for gap, count in sorted(report.gaps.items())))
    return EXIT_OK


def cmd_import_legacy_users(ctx, args) -> int:
    """The old system's usuarios.csv: one account each, a one-time password each, shown once
    (stdout, or a 0600 sheet with --sheet); utils.legacy_users has the rules."""
    from data.legacy_csv import LegacyFileError
    from data.legacy_users import PASSWORDS_IN_FILE
    from utils.legacy_users import import_legacy_users, one_time_sheet, write_sheet
    from utils.permissions import PermissionDenied

    session = _login_as(ctx, args.as_user)
    sheet = Path(args.sheet) if args.sheet else None
    if sheet is not None:  # before any account exists, so a bad path costs nothing
        if sheet.exists():
            raise CliError(f"{sheet} already exists; a sheet of passwords is never overwritten. "
                           "Name a new file; nothing was imported")
        if not sheet.parent.is_dir():
            raise CliError(f"the folder {sheet.parent} does not exist; nothing was imported")
    try:
        report = import_legacy_users(ctx.auth, session, Path(args.file))
    except PermissionDenied:
        log.warning("import-legacy-users refused: %s is not allowed to manage users",
                    session.username)
        raise CliError(f"{session.username} may not manage users (admins only); nothing was "
                       "imported") from None
    except LegacyFileError as exc:
        raise CliError(f"cannot import {args.file}: {exc}") from exc
    for warning in report.warnings + ([PASSWORDS_IN_FILE] if report.had_passwords else []):
        print(f"warning: {warning}")
    for problem in report.problems:
        print(f"not imported, line {problem.line}: {problem.reason}")
    for account in report.existing:
        print(f"exists already, line {account.line}: {account.username} (not changed)")
    for username in report.full_name_from_login:
        print(f"note: {username} had no full name in the file; the login is used until changed")
    if report.created:
        from zoneinfo import ZoneInfo

        text = one_time_sheet(report, issued_by=session.username,
                              issued_at=ctx.clock.now().astimezone(ZoneInfo(ctx.timezone)))
        if sheet is None:
            print(text)
        else:
            try:
                write_sheet(sheet, text)
            except OSError as exc:
                raise CliError(
                    f"{len(report.created)} accounts were created, but the sheet could not be "
                    f"written ({exc.strerror or exc}), so their one-time passwords are lost. "
                    "Give each a new one: shopfloor user reset-password NAME --as "
                    f"{session.username}") from exc
            print(f"one-time passwords of {len(report.created)} account(s) written to {sheet} "
                  "(readable by you only): hand each person their slip, then destroy the sheet")
    print(f"rows: {report.total_rows}, created: {len(report.created)}, "
          f"existing (not changed): {len(report.existing)}, "
          f"not imported: {len(report.problems)}; every new account must change its password "
          "at first login")
    return EXIT_OK


def cmd_export(ctx, args) -> int:
    from data.records_repo import RecordFilter
    from utils.records_io import export_records, export_view_records
    from utils.site.view_report import catch_up, why_empty

    session = _login_as(ctx, args.as_user)
    zone = ctx.timezone
    record_filter = RecordFilter(start=_parse_time(args.start, zone), end=_parse_time(args.end, zone),
                                 station_id=args.station, lot=args.lot, operator=args.operator,
                                 defect=args.defect, include_voided=True)
    if args.site:
        # Every station, the Production tab's filters and rows: the site view, read up to
        # now first (on a production PC the first time this reads the whole site).
        catch_up(ctx)
        filters = {"site": True, "station": args.station, "lot": args.lot,
                   "operator": args.operator, "defect": args.defect, "from": args.start,
                   "to": args.end}
        count = export_view_records(ctx.site_view, ctx.changes, session, record_filter,
                                    args.format, Path(args.out), filters)
    else:
        if args.defect:
            raise CliError("--defect filters the site view: use it with --site")
        count = export_records(ctx.production, session, args.format, Path(args.out),
                               record_filter)
    print(f"exported {count} records to {args.out}")
    if count == 0:
        print(f"why none: {why_empty(ctx, record_filter, site=args.site)}")
    return EXIT_OK


def cmd_verify_audit(ctx, args) -> int:
    if args.site:
        from utils.site.view_report import catch_up

        _site_parts(ctx)
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
        for r in results:
            records = (f", {r.records_checked} record versions match the chain"
                       if r.records_checked else "")
            if r.ok:
                unsealed = (f" ({r.unsealed} more not yet sealed by the station)"
                            if r.unsealed else "")
                print(f"station {r.station}: intact, {r.events_checked} events checked"
                      f"{records}{unsealed}")
            elif r.cancelled:
                print(f"station {r.station}: cancelled; nothing is known about the rest")
            elif str(r.kind) == "not_a_member":
                print(f"station {r.station}: NOT a member of this site: {r.detail}; its journal "
                      f"is not read")
            elif r.record_id is not None and str(r.kind).startswith("record_"):
                print(f"station {r.station}: NOT intact: record {r.record_id} version "
                      f"{r.record_version} ({r.kind}): {r.detail}; {r.events_checked} events "
                      f"of the chain intact, {r.records_checked} record versions checked")
            else:
                print(f"station {r.station}: NOT intact: first bad event {r.first_bad_seq} "
                      f"({r.kind}): {r.detail}; {r.events_checked} events verified before it")
    return EXIT_OK if intact else EXIT_FAILED


def cmd_backup(ctx, args) -> int:
    """backup now | verify FILE | list | settings: this PC's backups (utils/backup)."""
    from utils.backup.files import backup_folder, list_backups, read_sidecar

    if args.backup_command == "verify":
        return _verify_backup(ctx, Path(args.file), args.json)
    if args.backup_command == "list":
        folder = backup_folder(ctx.settings, ctx.paths)
        backups = list_backups(folder, ctx.station_id)
        print(f"backups of station {ctx.station_id} in {folder}: {len(backups)} (newest last; "
              f"every {ctx.settings.backup_every_hours} h, {ctx.settings.backup_keep} kept)")
        for backup in backups:
            sidecar = read_sidecar(backup.path) or {}
            print(f"{backup.path.name}  {backup.path.stat().st_size:>12,} bytes  "
                  f"sha256 {str(sidecar.get('sha256', '?'))[:16]}…")
        return EXIT_OK
    session = _login_as(ctx, args.as_user)
    from utils.permissions import PermissionDenied

    try:
        if args.backup_command == "now":
            from utils.backup.snapshot import BackupFailed, backup_now

            try:
                made = backup_now(ctx, session)
            except BackupFailed as exc:
                raise CliError(str(exc)) from exc
            print(f"backup written: {made.file.path} ({made.bytes:,} bytes, sha256 "
                  f"{made.sha256})")
            if made.removed:
                print(f"older backups removed (keeping {ctx.settings.backup_keep}): "
                      f"{', '.join(made.removed)}")
            return EXIT_OK
        from utils.backup.settings_change import BackupSettingsError, change_backup_settings

        wanted = {name: value for name, value in (
            ("backup_folder", args.folder), ("backup_every_hours", args.every_hours),
            ("backup_keep", args.keep)) if value is not None}
        try:
            changed = change_backup_settings(ctx, session, **wanted)
        except BackupSettingsError as exc:
            raise CliError(str(exc)) from exc
    except PermissionDenied:
        raise CliError(f"{session.username} may not manage backups (admins only); nothing "
                       f"was done") from None
    for name, (before, after) in changed.items():
        print(f"{name}: {before} -> {after}")
    if not changed:
        print("nothing changed")
    print(f"backups go to {backup_folder(ctx.settings, ctx.paths)} every "
          f"{ctx.settings.backup_every_hours} h (0: never by schedule), "
          f"{ctx.settings.backup_keep} kept")
    return EXIT_OK


def _verify_backup(ctx, file: Path, as_json: bool) -> int:
    from utils.backup.proof import BackupUnreadable, verify_backup

    try:
        proof = verify_backup(ctx, file)
    except BackupUnreadable as exc:
        raise CliError(str(exc), EXIT_FAILED) from exc
    if as_json:
        print(json.dumps({"ok": proof.intact, "file": str(file), "sha256": proof.sha256,
                          "sidecar": proof.sidecar, "seconds": round(proof.seconds, 3),
                          "older_than_witnessed": proof.older_than_witnessed,
                          "behind": {k: list(v) for k, v in proof.behind.items()},
                          "forked": proof.forked,
                          "stations": [r.to_json() for r in proof.results]}, indent=2))
    else:
        print(f"{file}: restored into a temporary folder and verified in {proof.seconds:.1f} s "
              f"(sha256 {proof.sha256}; checksum beside it: {proof.sidecar})")
        for line in proof.summary():
            print(line)
        print("INTACT" if proof.intact else "NOT intact")
    return EXIT_OK if proof.intact else EXIT_FAILED


def cmd_restore(args) -> int:
    """Run without an open context: the database file itself is replaced."""
    from utils.backup.restore import RestoreRefused, restore_backup

    if not args.as_user:
        raise CliError("this command needs --as USERNAME (the admin doing it)")
    password = _secret("SHOPFLOOR_PASSWORD", f"Password for {args.as_user}: ")
    try:
        outcome = restore_backup(None, Path(args.file), username=args.as_user,
                                 password=password, override_reason=args.override_reason)
    except RestoreRefused as exc:
        log.warning("restore refused (%s): %s", exc.code, exc)
        raise CliError(f"restore refused: {exc}", EXIT_FAILED) from exc
    for line in outcome.proof.summary():
        print(line)
    print(f"restored {args.file}; the previous database is kept as {outcome.set_aside}")
    if outcome.override is not None:
        print(f"override signed by {outcome.override['signed_by']}: "
              f"{outcome.override['reason']}")
    return EXIT_OK


def cmd_archive(ctx, args) -> int:
    from utils.backup.archive import ArchiveError, make_archive
    from utils.permissions import PermissionDenied

    session = _login_as(ctx, args.as_user)
    zone = ctx.settings.timezone
    start, end = _parse_time(args.start, zone), _parse_time(args.end, zone)
    if start is None or end is None:
        raise CliError("an archive needs --from and --to")
    if ctx.trust is not None:
        from utils.site.view_report import catch_up

        _site_parts(ctx)
        catch_up(ctx)  # the members and keys as the directory says now
    try:
        manifest = make_archive(ctx, session, start, end, Path(args.out))
    except PermissionDenied:
        raise CliError(f"{session.username} may not make archives; nothing was written") from None
    except ArchiveError as exc:
        raise CliError(str(exc)) from exc
    stations = manifest["stations"]
    print(f"archive written: {args.out} ({len(stations)} station(s), "
          f"{sum(s['events'] for s in stations.values())} events, "
          f"{sum(s['records'] for s in stations.values())} record versions)")
    return EXIT_OK


def cmd_verify_archive(args) -> int:
    """Needs no home, no site and no key: everything is in the archive."""
    from utils.backup.archive_check import verify_archive

    report = verify_archive(Path(args.file))
    if args.json:
        print(json.dumps({"ok": report.ok, "sealed": report.sealed, "lines": report.lines,
                          "problems": report.problems, "stations": report.stations}, indent=2))
    else:
        for line in report.lines:
            print(line)
        for problem in report.problems:
            print(f"PROBLEM: {problem}")
        print("archive INTACT" if report.ok else "archive NOT intact")
    return EXIT_OK if report.ok else EXIT_FAILED


def cmd_site(ctx, args) -> int:
    from utils.site.membership import create_site_membership, join_site_membership

    kind = "office" if getattr(args, "office", False) else "production"
    if args.site_command == "create":
        from utils.timezones import pc_zone_name, valid_zone

        zone = args.timezone or pc_zone_name() or ctx.settings.timezone
        if not valid_zone(zone):
            raise CliError(f"{zone!r} is not a time zone name such as America/Sao_Paulo; "
                           "nothing was created")
        passphrase = _secret("SHOPFLOOR_PASSPHRASE", "New site passphrase: ", confirm=True)
        admin = args.admin
        first_admin = not ctx.auth.has_users()
        password = None
        if first_admin:
            if not admin:
                raise CliError("name the first admin with --admin USERNAME")
            password = _secret("SHOPFLOOR_PASSWORD", f"New password for {admin}: ", confirm=True)
            from utils.passwords import check_policy

            check_policy(password, username=admin)  # before anything is written
        else:
            if not admin:  # the site's root certifies them, and they this PC's other accounts
                raise CliError("this PC has accounts already: name one of its admins with "
                               "--admin USERNAME; nothing was created")
            password = _secret("SHOPFLOOR_PASSWORD", f"Password for {admin}: ")
            _require_admin(_login_as(ctx, admin, password))
        membership = create_site_membership(ctx.paths, ctx.settings, Path(args.folder), passphrase,
                                            station_id=args.station, kind=kind,
                                            name=args.name or "", clock=ctx.clock)
        from utils.context import AppContext
        from utils.first_run import name_site_zone

        # Reopen as the new member, so the first admin's audit event starts this station's
        # chain; the site's root (opened by the passphrase just typed) certifies that admin,
        # who then publishes the site's first catalog with its time zone.
        member_ctx = AppContext.open()
        try:
            if first_admin:
                member_ctx.auth.create_first_admin(admin, args.full_name or admin, password,
                                                   root=membership.root)
            else:
                from utils.trust.bootstrap import certify_existing_accounts

                certify_existing_accounts(member_ctx, admin, password, membership.root)
            name_site_zone(member_ctx, admin, password, zone)
        finally:
            member_ctx.close()
        print(f"site {membership.info.site_id} created in {args.folder}; this PC is "
              f"{kind} station {args.station}")
        print(f"the site's time zone: {zone} (an admin changes it in the admin panel's "
              "Settings)")
    elif args.site_command == "upgrade":
        from utils.trust.upgrade import upgrade_site

        passphrase = _secret("SHOPFLOOR_PASSPHRASE", "Site passphrase: ")
        password = _secret("SHOPFLOOR_PASSWORD", f"Password of {args.as_user}: ")
        report = upgrade_site(None, passphrase, args.as_user, password)  # --home is in the env
        print(f"site {report.site_id} moved to keys by role; {len(report.certified_accounts)} "
              "accounts certified")
        if report.without_keys:
            print("without a signing key until an admin resets their password: "
                  + ", ".join(report.without_keys))
        print("next: on every other PC of the site, join again with the passphrase "
              "(shopfloor site join --folder ... --station <its id>)")
        return EXIT_OK
    else:
        passphrase = _secret("SHOPFLOOR_PASSPHRASE", "Site passphrase: ")
        membership = join_site_membership(ctx.paths, ctx.settings, Path(args.folder), passphrase,
                                          station_id=args.station, kind=kind,
                                          takeover_reason=args.take_over, clock=ctx.clock)
        print(f"joined site {membership.info.site_id} as {kind} station {args.station}")
    print(f"this PC's key kept in: {membership.key_location}")
    if membership.folder_note:
        print(f"note: {membership.folder_note}; status and commands use a 500 ms rescan there")
    print(f"start syncing with: {_agent_command(args)}   (or the app)")
    return EXIT_OK


def _agent_command(args) -> str:
    """The command that syncs this PC, with the --home given to this one (else the hint
    would start an agent on another home)."""
    import shlex

    home = getattr(args, "home", None)
    return "shopfloor " + (f"--home {shlex.quote(str(home))} " if home else "") + "agent"


def _require_admin(session) -> None:
    from config.constants import Role

    if session.role != Role.ADMIN:
        raise CliError(f"{session.username} is not an admin")


def _site_parts(ctx):
    if not ctx.settings.site_id or not ctx.site_folder:
        raise CliError("this PC is not in a site yet: shopfloor site create … or site join …")
    if ctx.trust is None:
        raise CliError("this PC holds no certified membership of its site (its key is missing, "
                       "or the site still uses the old shared key): an admin upgrades the site "
                       "(shopfloor site upgrade), then this PC joins again (shopfloor site join)")
    return ctx.site_folder, ctx.trust


def cmd_agent(ctx, args) -> int:
    import signal
    import threading

    from utils.site.effects import HeadlessEffects
    from utils.site.station_sync import SyncService

    folder, key = _site_parts(ctx)
    effects = HeadlessEffects()
    service = SyncService(ctx, site_root=folder, effects=effects)
    stop = effects.stop_requested
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
    exporter = None
    if args.metrics_port or ctx.settings.metrics_port:
        from utils.site.metrics_endpoint import start_metrics_endpoint

        exporter = start_metrics_endpoint(service, args.metrics_port or ctx.settings.metrics_port)
    taker = None
    if args.take_over:
        taker = _login_as(ctx, args.as_user)  # before starting: the prompt needs the terminal
    from utils.backup.scheduler import BackupService

    backups = BackupService(ctx)  # the schedule; it also marks the database as in use
    service.start()
    backups.start()
    if taker is not None and service.refusal is not None:
        service.confirm_takeover(taker, args.take_over)
    if service.refusal is not None:
        print(f"not acting for station {ctx.station_id}: {service.refusal}", file=sys.stderr,
              flush=True)
    print(f"station {ctx.station_id} syncing with {folder} (Ctrl+C to stop)", flush=True)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        backups.stop()
        service.stop("restart" if effects.restart_requested else "clean exit")
        if exporter is not None:
            exporter.shutdown()
    print("stopped", flush=True)
    return EXIT_RESTART if effects.restart_requested else EXIT_OK


def cmd_status(ctx, args) -> int:
    from utils.site.fleet import FleetMonitor
    from utils.site.view_report import station_summaries

    folder, key = _site_parts(ctx)
    views = FleetMonitor(ctx, site_root=folder).poll()
    held = station_summaries(ctx) if ctx.paths.site_view_file.exists() else {}
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
    if args.json:
        print(json.dumps({"stations": rows}, indent=2))
        return EXIT_OK
    if not rows:
        print("no stations have reported yet")
    for row in rows:
        box = f"{row['box']}/{row['total_boxes']}" if row["lot"] else "-"
        print(f"{row['station']:<12} {row['state']:<8} {row['user'] or '-':<14} "
              f"{row['lot'] or '-':<14} {box:<9} cpu {row['cpu']}% mem {row['memory']}% "
              f"disk {row['disk']}%  seen {row['last_seen']}  {_view_text(row['site_view'])}")
        if row["problem"]:
            print(f"{'':<12} refused on the share: {row['problem']}")
    if not held:
        print("this PC's site view is empty: it is read when the admin panel opens, or with "
              "shopfloor export --site / verify-audit --site")
    return EXIT_OK


def _view_text(held: dict | None) -> str:
    """What this PC's site view holds of a station, in a few words."""
    if held is None:
        return "view: nothing read"
    if held["broken"]:
        return (f"view: BROKEN at event {held['broken']['seq']} ({held['broken']['kind']}), "
                f"{held['events']} events before it")
    return f"view: {held['events']} events, up to {held['data_up_to'] or '—'}"


def cmd_demo(args) -> int:
    """A demo plant of 14 stations in a home of its own, then the app on its office PC with
    the stations at work (utils/site/demo.py)."""
    from config.paths import demo_root
    from utils.site.demo import LivePlant, create_demo, demo_layout, demo_plan

    root = Path(args.folder).expanduser().resolve() if args.folder else demo_root()
    if not (root / "office").exists():
        password = _secret("SHOPFLOOR_PASSWORD",
                           f"Choose a password for the demo's admin {args.admin}: ", confirm=True)
        print(f"making the DEMO plant in {root}: 14 stations, {args.days} days of synthetic "
              f"production (a minute or two)…", flush=True)
        try:
            demo = create_demo(root, args.admin, "Demo admin", password, days=args.days)
        except FileExistsError as exc:
            raise CliError(f"{exc}; choose another with --folder") from exc
    else:
        demo = demo_layout(root, demo_plan(args.days, datetime.now(timezone.utc)))
    print(f"DEMO site (synthetic data, not a real plant): {root}")
    print(f"the office PC's home: {demo.office_home}; log in as {args.admin}")
    if args.no_gui:
        return EXIT_OK
    os.environ["SHOPFLOOR_HOME"] = str(demo.office_home)
    plant = LivePlant(demo)
    plant.start()
    try:
        from gui.app import run_gui

        return run_gui()
    finally:
        plant.stop()


def _parse_params(pairs: list[str]) -> dict:
    params: dict = {}
    for pair in pairs:
        if "=" not in pair:
            raise CliError(f"parameters are key=value, not {pair!r}")
        name, value = pair.split("=", 1)
        params[name] = value
    return params


def _typed_params(command_type, raw: dict) -> dict:
    from config.command_catalog import COMMAND_PARAMS

    specs = {spec.name: spec for spec in COMMAND_PARAMS[command_type]}
    typed: dict = {}
    for name, value in raw.items():
        spec = specs.get(name)
        if spec is None:
            raise CliError(f"{command_type} has no parameter {name!r}; it takes: "
                           f"{', '.join(specs) or 'none'}")
        if spec.kind == "int":
            try:
                typed[name] = int(value)
            except ValueError:
                raise CliError(f"{name} must be a whole number") from None
        elif spec.kind == "bool":
            if value.lower() not in ("true", "false", "yes", "no", "1", "0"):
                raise CliError(f"{name} must be true or false")
            typed[name] = value.lower() in ("true", "yes", "1")
        else:
            typed[name] = value
    return typed


def cmd_send(ctx, args) -> int:
    import threading
    from datetime import timedelta

    from config.constants import CommandType
    from utils.site.fleet import FleetMonitor

    folder, key = _site_parts(ctx)
    words = list(args.words)
    if args.all:
        if not words:
            raise CliError("give the command type")
        targets, rest = None, words
    else:
        types = [i for i, w in enumerate(words) if w in {str(c) for c in CommandType}]
        if not types or types[0] == 0:
            raise CliError("usage: shopfloor send STATION... TYPE [key=value ...] --as USERNAME")
        targets, rest = words[:types[0]], words[types[0]:]
    try:
        command_type = CommandType(rest[0])
    except ValueError:
        raise CliError(f"unknown command type {rest[0]!r}") from None
    params = _typed_params(command_type, _parse_params(rest[1:]))
    session = _login_as(ctx, args.as_user)
    fleet = FleetMonitor(ctx, site_root=folder)
    try:
        sent = fleet.send(session, command_type, targets, params,
                          ttl=timedelta(seconds=args.ttl))
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    ids = {document["id"]: document["target"] for document in sent}
    for document in sent:
        print(json.dumps({"sent": document["id"], "target": document["target"],
                          "type": document["type"]}), flush=True)
    if not args.wait:
        return EXIT_OK
    deadline = ctx.clock.monotonic() + args.wait
    results: dict = {}
    pause = threading.Event()
    while len(results) < len(ids) and ctx.clock.monotonic() < deadline:
        for row in fleet.track():
            if row["command_id"] in ids:
                results[row["command_id"]] = row
                print(json.dumps({"id": row["command_id"], "target": row["target"],
                                  "state": row["state"], "reason": row["reason"],
                                  "result": row["result"]}), flush=True)
        pause.wait(0.02)
    for command_id, target in ids.items():
        if command_id not in results:
            print(json.dumps({"id": command_id, "target": target, "state": "pending",
                              "reason": f"no ack within {args.wait} s"}), flush=True)
    done = all(row["state"] == "done" for row in results.values()) and len(results) == len(ids)
    return EXIT_OK if done else EXIT_FAILED


# -- parser ---------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="shopfloor", description="Shopfloor Collector")
    parser.add_argument("--version", action="version", version=f"shopfloor {__version__}")
    parser.add_argument("--home", metavar="DIR",
                        help="keep configuration, data and logs under DIR (portable/test use)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    user = commands.add_parser("user", help="manage user accounts")
    user_commands = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    reason = "changed with the shopfloor command line"
    add = user_commands.add_parser("add", help="create a user (the first one becomes the admin)")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=["operator", "analyst", "supervisor", "admin"])
    add.add_argument("--full-name")
    for name, text in (("list", "list users"), ("reset-password", "reset a password"),
                       ("unlock", "unlock a locked account"),
                       ("deactivate", "deactivate an account (never deleted)"),
                       ("change-password", "change your own password (needed after a reset)")):
        sub = user_commands.add_parser(name, help=text)
        if name != "list":
            sub.add_argument("username")
    for sub in user_commands.choices.values():
        sub.add_argument("--as", dest="as_user", metavar="USERNAME", help="the admin doing it")
        sub.add_argument("--reason", default=reason, help="why (kept in the audit trail)")

    imp = commands.add_parser("import-legacy", help="import the old system's dados_producao.csv")
    imp.add_argument("file")
    imp.add_argument("--as", dest="as_user", metavar="USERNAME", required=True)
    imp.add_argument("--timezone", metavar="AREA/CITY",
                     help="time zone of the file's local times (default: the site's)")

    imu = commands.add_parser("import-legacy-users",
                              help="create accounts from the old system's usuarios.csv")
    imu.add_argument("file")
    imu.add_argument("--as", dest="as_user", metavar="USERNAME", required=True,
                     help="the admin doing it (asked for their password)")
    imu.add_argument("--sheet", metavar="PATH",
                     help="write the one-time passwords to this new file (0600) instead of "
                          "printing them")

    exp = commands.add_parser("export", help="export records to CSV or XLSX (this PC's own, or "
                                             "with --site every station's)")
    exp.add_argument("--site", action="store_true",
                     help="every station's records from this PC's site view (read up to now "
                          "first), with the admin panel's Production filters")
    exp.add_argument("--format", required=True, choices=["csv", "xlsx"])
    exp.add_argument("--out", required=True, metavar="PATH")
    exp.add_argument("--from", dest="start", metavar="ISO")
    exp.add_argument("--to", dest="end", metavar="ISO")
    exp.add_argument("--station", metavar="ID")
    exp.add_argument("--lot")
    exp.add_argument("--operator", metavar="USERNAME")
    exp.add_argument("--defect", metavar="NAME", help="records with this rejection (--site)")
    exp.add_argument("--as", dest="as_user", metavar="USERNAME", required=True)

    ver = commands.add_parser("verify-audit", help="verify the audit trail; exit 1 if tampered")
    ver.add_argument("--json", action="store_true")
    ver.add_argument("--site", action="store_true",
                     help="also every station's journal on the share, against what this PC's "
                          "site view read before")

    backup = commands.add_parser("backup", help="this PC's backups: now, verify, list, "
                                                "settings")
    backup_commands = backup.add_subparsers(dest="backup_command", metavar="ACTION",
                                            required=True)
    now = backup_commands.add_parser("now", help="back up this PC's database now (admins)")
    now.add_argument("--as", dest="as_user", metavar="USERNAME", required=True)
    check = backup_commands.add_parser("verify", help="restore a backup into a temporary "
                                       "folder and verify it end to end; exit 1 if not intact")
    check.add_argument("file")
    check.add_argument("--json", action="store_true")
    backup_commands.add_parser("list", help="this station's backups in the backup folder")
    schedule = backup_commands.add_parser("settings", help="where, how often, how many (admins)")
    schedule.add_argument("--folder", metavar="PATH", help="the backup folder (a full path)")
    schedule.add_argument("--every-hours", type=int, metavar="N",
                          help="hours between scheduled backups (0: none by schedule)")
    schedule.add_argument("--keep", type=int, metavar="N", help="how many backups are kept")
    schedule.add_argument("--as", dest="as_user", metavar="USERNAME", required=True)

    restore = commands.add_parser("restore", help="put a verified backup in the database's "
                                  "place (admins; the app and agent closed)")
    restore.add_argument("file")
    restore.add_argument("--as", dest="as_user", metavar="USERNAME", required=True)
    restore.add_argument("--override-reason", metavar="TEXT",
                         help="restore a backup older than what this PC witnessed since, "
                              "losing the events after it: why (signed with your password)")

    archive = commands.add_parser("archive", help="a self-verifying archive of a period "
                                  "(journals, records, keys, manifest)")
    archive.add_argument("--from", dest="start", metavar="ISO", required=True)
    archive.add_argument("--to", dest="end", metavar="ISO", required=True)
    archive.add_argument("--out", required=True, metavar="FILE")
    archive.add_argument("--as", dest="as_user", metavar="USERNAME", required=True)

    varch = commands.add_parser("verify-archive", help="check an archive on any PC (no site "
                                "needed); exit 1 if not intact")
    varch.add_argument("file")
    varch.add_argument("--json", action="store_true")

    gui = commands.add_parser("gui", help="open the station window (the default)")
    gui.add_argument("--smoke", action="store_true",
                     help="start, wait for the login window, render it, exit 0 (checks)")
    gui.add_argument("--screenshot", metavar="PNG", help="with --smoke: save the window here")
    gui.add_argument("--lang", choices=["pt_BR", "en", "system"],
                     help="this run's language, over the PC's setting (which stays as it is)")

    site = commands.add_parser("site", help="create or join a site (the shared folder)")
    site_commands = site.add_subparsers(dest="site_command", metavar="ACTION", required=True)
    for name, text in (("create", "create a new site in a shared folder"),
                       ("join", "join an existing site")):
        sub = site_commands.add_parser(name, help=text)
        sub.add_argument("--folder", required=True, metavar="PATH")
        sub.add_argument("--station", required=True, metavar="ID",
                         help="this PC's station id (e.g. the machine number)")
        sub.add_argument("--office", action="store_true", help="an office PC (no production)")
    create = site_commands.choices["create"]
    create.add_argument("--admin", metavar="USERNAME", help="the first admin (empty database)")
    create.add_argument("--full-name", help="the first admin's full name")
    create.add_argument("--name", help="a name for the site, e.g. the plant")
    create.add_argument("--timezone", metavar="AREA/CITY",
                        help="the site's time zone (default: this PC's, e.g. America/Sao_Paulo)")
    upgrade = site_commands.add_parser(
        "upgrade", help="move this PC's site from the old shared key to keys by role (once, "
        "by an admin, with the site passphrase)")
    upgrade.add_argument("--as", dest="as_user", required=True, metavar="ADMIN")
    join = site_commands.choices["join"]
    join.add_argument("--take-over", metavar="REASON",
                      help="take the station id over from the PC that holds it (that PC must "
                           "be stopped; it no longer acts for the station), with the reason")

    agent = commands.add_parser("agent", help="run this station's sync headless until stopped")
    agent.add_argument("--metrics-port", type=int, metavar="N",
                       help="serve Prometheus metrics on 127.0.0.1:N")
    agent.add_argument("--take-over", metavar="REASON",
                       help="confirm that this PC takes its station over from a copy that ran "
                            "as it last (audited; needs --as)")
    agent.add_argument("--as", dest="as_user", metavar="USERNAME",
                       help="the person confirming a takeover")

    status = commands.add_parser("status", help="every station's state, as this PC sees it")
    status.add_argument("--json", action="store_true")

    demo = commands.add_parser("demo", help="a demo plant of 14 simulated stations, in a home "
                                            "of its own, opened in the app")
    demo.add_argument("--folder", metavar="DIR",
                      help="where the demo lives (default: a demo folder of its own)")
    demo.add_argument("--days", type=int, default=14, help="days of history (default 14)")
    demo.add_argument("--admin", default="demo", metavar="USERNAME",
                      help="the demo admin's username (its password is asked)")
    demo.add_argument("--no-gui", action="store_true", help="make the demo, do not open it")

    send = commands.add_parser("send", help="send a remote command: STATION... TYPE [key=value]")
    send.add_argument("words", nargs="+", metavar="STATION... TYPE [key=value]")
    send.add_argument("--all", action="store_true", help="to every station")
    send.add_argument("--as", dest="as_user", metavar="USERNAME", required=True)
    send.add_argument("--wait", type=float, default=0, metavar="SECONDS",
                      help="wait for the acks and print them")
    send.add_argument("--ttl", type=float, default=600, metavar="SECONDS",
                      help="how long the command stays valid (default 600)")
    return parser


COMMANDS: dict[str, Callable] = {
    "user": cmd_user,
    "import-legacy": cmd_import_legacy,
    "import-legacy-users": cmd_import_legacy_users,
    "export": cmd_export,
    "verify-audit": cmd_verify_audit,
    "backup": cmd_backup,
    "archive": cmd_archive,
    "site": cmd_site,
    "agent": cmd_agent,
    "status": cmd_status,
    "send": cmd_send,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.home:
        os.environ["SHOPFLOOR_HOME"] = str(Path(args.home).expanduser().resolve())
    if args.command is None:
        args.command, args.smoke, args.screenshot = "gui", False, None  # no command: the app
        args.lang = None
    from config.paths import resolve_paths

    paths = resolve_paths().ensure()
    try:
        from utils.logger import setup_logging

        setup_logging(paths.log_dir, console=False)
    except OSError as exc:
        print(f"warning: logging to {paths.log_dir} is not possible: {exc}", file=sys.stderr)
    ctx = None
    if args.command in ("demo", "restore", "verify-archive"):  # no context opened for them
        runner = {"demo": cmd_demo, "restore": cmd_restore,
                  "verify-archive": cmd_verify_archive}[args.command]
        try:
            return runner(args)
        except CliError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return exc.code
        except Exception as exc:  # one line for the person, the traceback for the log
            log.exception("command %s failed", args.command)
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_ERROR
    if args.command == "gui":
        from gui.app import run_gui

        return run_gui(smoke=args.smoke,
                       smoke_png=Path(args.screenshot) if args.screenshot else None,
                       language=args.lang)
    try:
        from utils.context import AppContext

        ctx = AppContext.open()
        return COMMANDS[args.command](ctx, args)
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("interrupted; nothing more was done", file=sys.stderr)
        return 130
    except Exception as exc:  # one line for the person, the traceback for the log
        from utils.refusals import is_refusal, log_refusal

        if is_refusal(exc):  # a wrong passphrase, a station in use...: not a crash
            log_refusal(log, exc, f"shopfloor {args.command}")
        else:
            log.exception("command %s failed", args.command)
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    finally:
        if ctx is not None:
            ctx.close()


def _restart() -> None:
    """Start the same command again in this process slot. In a frozen bundle sys.executable is
    the app itself, so sys.argv[0] must not be passed again as the first argument."""
    args = sys.argv[1:] if getattr(sys, "frozen", False) else sys.argv
    os.execv(sys.executable, [sys.executable, *args])


def run_cli() -> None:
    code = main()
    if code == EXIT_RESTART and os.name == "posix":
        _restart()  # restart_app on a headless agent
    sys.exit(code)


def run_gui() -> None:
    """The no-console entry (`shopfloor-gui [--home DIR] [gui] [--smoke] [--lang pt_BR|en]`):
    the station window; the word `gui` is optional."""
    args = sys.argv[1:]
    if "gui" not in args:
        at = 2 if args[:1] == ["--home"] else 0  # --home belongs before the command
        args = [*args[:at], "gui", *args[at:]]
    code = main(args)
    if code == EXIT_RESTART and os.name == "posix":
        _restart()
    sys.exit(code)


if __name__ == "__main__":
    run_cli()
