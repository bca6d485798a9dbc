"""`shopfloor agent [--metrics-port N] [--take-over REASON --as USER]`: this station's sync and
backup schedule, headless, until SIGINT/SIGTERM; exit 75 (ExitCode.RESTART) when a remote
`restart_app` asked for it (main.py then starts the same command again on POSIX), 130 after
Ctrl+C (SIGINT), 0 after SIGTERM (a service manager's stop)."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from config.exit_codes import ExitCode
from config.settings import SettingsError
from utils.backup.database_users import DatabaseInUse, sole_user
from utils.backup.scheduler import BackupService
from utils.context import AppContext
from utils.site.effects import HeadlessEffects
from utils.site.metrics_endpoint import MetricsEndpoint, start_metrics_endpoint
from utils.site.station_sync import SyncService

from cli.errors import CliError
from cli.prompts import login_as
from cli.site_access import site_folder
from cli.verbs import Needs

NEEDS = Needs.CONTEXT


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--metrics-port", type=int, metavar="N",
                        help="serve Prometheus metrics on 127.0.0.1:N")
    parser.add_argument("--take-over", metavar="REASON",
                        help="confirm that this PC takes its station over from a copy that ran "
                             "as it last (audited; needs --as)")
    parser.add_argument("--as", dest="as_user", metavar="USERNAME",
                        help="the person confirming a takeover")


def say_standing(station_id: str, folder: Path, refusal: str | None) -> None:
    """Whether the agent acts for its station: syncing on stdout, or why not on stderr."""
    if refusal is None:
        print(f"station {station_id} syncing with {folder} (Ctrl+C to stop)", flush=True)
    else:
        print(f"not acting for station {station_id}: {refusal}; waiting, and syncing with "
              f"{folder} once that clears (to take the station over: shopfloor agent "
              f"--take-over REASON --as USER; Ctrl+C to stop)", file=sys.stderr, flush=True)


def run(ctx: AppContext, args: argparse.Namespace) -> int:
    folder = site_folder(ctx)
    port = metrics_port(ctx, args.metrics_port)
    backups = one_per_home(ctx)  # before anything starts: the app or an agent may run already
    effects = HeadlessEffects()
    service = SyncService(ctx, effects=effects)
    exporter = None
    started = False
    with stop_on_signals(effects.stop_requested) as received:
        try:
            if port:
                exporter = serve_metrics(service, port)
            taker = None
            if args.take_over:
                taker = login_as(ctx, args.as_user)  # before starting: it needs the terminal
            service.start()
            started = True
            if service.refusal is not None and taker is not None:
                service.confirm_takeover(taker, args.take_over)
            # It keeps running and checking while it may not act: this PC's own run cut short
            # by a crash leaves a status that turns stale within seconds, and the agent then
            # acts by itself. Each change of whether it acts is said once.
            said: object = object()
            while True:
                refusal = service.refusal
                if refusal != said:
                    say_standing(ctx.station_id, folder, refusal)
                    said = refusal
                if effects.stop_requested.wait(0.5):
                    break
        finally:
            backups.stop()
            if started:
                service.stop("restart" if effects.restart_requested else "clean exit")
            if exporter is not None:
                exporter.shutdown()
    if effects.restart_requested:
        print("stopped", flush=True)
        return ExitCode.RESTART
    if signal.SIGINT in received:  # Ctrl+C: 130, as every verb says an interruption
        print("stopped (interrupted)", flush=True)
        return ExitCode.INTERRUPTED
    print("stopped", flush=True)  # SIGTERM: a service manager's normal stop
    return ExitCode.OK


@contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[list[int]]:
    """SIGINT and SIGTERM set `stop` for the block (the main thread only can handle them),
    and the block gets the list of the signals received (SIGINT, Ctrl+C, exits 130); the
    handlers before are put back after it (the command may run inside another program)."""
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return

    def handler(signum: int, _frame: object) -> None:
        received.append(signum)
        stop.set()

    signums = (signal.SIGINT, signal.SIGTERM)
    before = {signum: signal.signal(signum, handler) for signum in signums}
    try:
        yield received
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)


def metrics_port(ctx: AppContext, asked: int | None) -> int | None:
    """The port to serve metrics on (None: off). One asked for is checked by the same rule
    as the PC's setting, before anything starts."""
    if asked is None:
        return ctx.settings.metrics_port
    try:
        ctx.settings.with_changes(metrics_port=asked)
    except SettingsError as exc:
        raise CliError(f"--metrics-port {asked} cannot be used: {exc}; nothing was started: "
                       f"give a free port in that range, or leave --metrics-port out") from None
    return asked


def serve_metrics(service: SyncService, port: int) -> MetricsEndpoint:
    """The Prometheus endpoint, or a refusal naming the port (in use, or not allowed)."""
    try:
        return start_metrics_endpoint(service, port)
    except OSError as exc:
        raise CliError(f"the metrics port {port} cannot be opened on 127.0.0.1 "
                       f"({exc.strerror or exc}); nothing was started: give --metrics-port a "
                       f"free port (or stop what uses {port})") from None


def one_per_home(ctx: AppContext) -> BackupService:
    """The backup schedule started, which takes this home's in-use lock: the app and every
    agent hold it while they run, so a second one of the same home is refused here, before it
    does anything (two would sync the same station twice)."""
    backups = BackupService(ctx)
    if backups.start():
        return backups
    raise CliError(f"an agent or the app already runs with this home (its data: "
                   f"{ctx.paths.data_dir}); nothing was started: stop it first, or leave it "
                   f"running (one per home is enough){holder(ctx)}")


def holder(ctx: AppContext) -> str:
    """Which process has this home's database open, as a restore's check names it (every
    process that opens it registers: utils/backup/database_users.py); empty when none is
    found now."""
    try:
        with sole_user(ctx.paths.database_users_dir, own=ctx.database_user):
            return ""
    except DatabaseInUse as exc:
        return f". Found: {exc}"
