"""`shopfloor agent [--metrics-port N] [--take-over REASON --as USER]`: this station's sync and
backup schedule, headless, until SIGINT/SIGTERM; exit 75 (ExitCode.RESTART) when a remote
`restart_app` asked for it (main.py then starts the same command again on POSIX)."""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from config.exit_codes import ExitCode
from utils.backup.scheduler import BackupService
from utils.context import AppContext
from utils.site.effects import HeadlessEffects
from utils.site.metrics_endpoint import start_metrics_endpoint
from utils.site.station_sync import SyncService

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


def run(ctx: AppContext, args: argparse.Namespace) -> int:
    folder = site_folder(ctx)
    effects = HeadlessEffects()
    service = SyncService(ctx, effects=effects)
    stop = effects.stop_requested
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
    exporter = None
    port = args.metrics_port or ctx.settings.metrics_port
    if port:
        exporter = start_metrics_endpoint(service, port)
    taker = None
    if args.take_over:
        taker = login_as(ctx, args.as_user)  # before starting: the prompt needs the terminal
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
    return ExitCode.RESTART if effects.restart_requested else ExitCode.OK
