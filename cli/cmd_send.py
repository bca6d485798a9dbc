"""`shopfloor send STATION... TYPE [key=value ...] --as USER [--all] [--wait S] [--ttl S]`: a
signed remote command to stations (the allow-list in config/command_parameters.py), its
parameters typed as their specification says; with --wait the acks are printed as JSON lines and the
exit code is 0 only when every station answered `done`."""

from __future__ import annotations

import argparse
import json
import threading
from datetime import timedelta

from config.command_parameters import COMMAND_PARAMS, check_params
from config.constants import CommandType
from config.exit_codes import ExitCode
from utils.context import AppContext
from utils.site.commands import MAX_TTL
from utils.site.fleet import FleetMonitor

from cli.errors import CliError
from cli.prompts import login_as
from cli.site_access import site_folder
from cli.verbs import Needs

NEEDS = Needs.CONTEXT
TRUE_WORDS, FALSE_WORDS = ("true", "yes", "1"), ("false", "no", "0")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("words", nargs="+", metavar="STATION... TYPE [key=value]",
                        help="the stations, the command type, then its parameters (with "
                             "--all: the type and parameters only)")
    parser.add_argument("--all", action="store_true", help="to every station")
    parser.add_argument("--as", dest="as_user", metavar="USERNAME", required=True,
                        help="the person sending, signed with their key (their password is "
                             "asked)")
    parser.add_argument("--wait", type=float, default=0, metavar="SECONDS",
                        help="wait for the acks and print them (0, the default: do not wait)")
    parser.add_argument("--ttl", type=float, default=600, metavar="SECONDS",
                        help="how long the command stays valid: more than 0, at most "
                             f"{MAX_TTL.total_seconds():.0f} (default 600)")


def run(ctx: AppContext, args: argparse.Namespace) -> int:
    check_times(args.ttl, args.wait)  # before the login: nothing audited for a typo
    site_folder(ctx)  # a one-line refusal outside a site
    targets, command_type, params = parse_words(list(args.words), every_station=args.all)
    try:  # the shared folder away: said before the password is asked, and nothing is sent
        ctx.transport.check()
    except OSError as exc:
        raise CliError(f"the site's shared folder cannot be reached ({exc.strerror or exc}): "
                       f"nothing was sent; run send again when it is back (check the network "
                       f"and the share path: {ctx.transport.place})") from exc
    session = login_as(ctx, args.as_user)
    fleet = FleetMonitor(ctx, transport=ctx.transport)
    try:
        sent = fleet.send(session, command_type, targets, params,
                          ttl=timedelta(seconds=args.ttl))
    except ValueError as exc:  # refused before the first target's file was written
        said = str(exc)
        raise CliError(said if "nothing was sent" in said else f"{said}; nothing was sent"
                       ) from exc
    except OSError as exc:  # the folder went away midway: some stations may have it already
        raise CliError(f"the site's shared folder failed during the send "
                       f"({exc.strerror or exc}): the command may have reached some of the "
                       f"stations only; the admin panel's Commands tab lists what was sent: "
                       f"look there before sending again") from exc
    ids = {document["id"]: document["target"] for document in sent}
    for document in sent:
        print(json.dumps({"sent": document["id"], "target": document["target"],
                          "type": document["type"]}), flush=True)
    if not args.wait:
        return ExitCode.OK
    return _wait_for_acks(ctx, fleet, ids, args.wait)


def check_times(ttl_s: float, wait_s: float) -> None:
    """`--ttl` within what a station accepts: more than 0 (else it rejects the command as
    "validity window is not acceptable", after it was signed and audited here) and at most
    MAX_TTL (a longer one would be cut to it when signed, without a word); `--wait` not
    negative. Written with `not` so that NaN is refused too."""
    most = MAX_TTL.total_seconds()
    if not 0 < ttl_s <= most:
        raise CliError(f"--ttl must be more than 0 and at most {most:.0f} seconds, "
                       f"not {ttl_s:g}; nothing was sent")
    if not wait_s >= 0:
        raise CliError(f"--wait must be 0 seconds or more, not {wait_s:g}; nothing was sent")


def parse_words(words: list[str], *, every_station: bool
                ) -> tuple[list[str] | None, CommandType, dict]:
    """(the target stations, None for all; the command type; its typed parameters, checked
    against its specification). Refused before the login, saying that nothing was sent."""
    try:
        targets, command_type, params = _parsed_words(words, every_station=every_station)
        problem = check_params(command_type, params)  # a required one missing, out of range
        if problem is not None:
            raise CliError(problem)
    except CliError as exc:
        raise CliError(f"{exc}; nothing was sent") from None
    return targets, command_type, params


def _parsed_words(words: list[str], *, every_station: bool
                  ) -> tuple[list[str] | None, CommandType, dict]:
    if every_station:
        if not words:
            raise CliError("give the command type")
        targets, rest = None, words
    else:
        types = [i for i, w in enumerate(words) if w in {str(c) for c in CommandType}]
        # No known type: the last word before the parameters ("=") is where the type goes.
        # It may be a typo of a type or a station (the type forgotten): said either way.
        named = [w for w in words[1:] if "=" not in w]
        if not types and named:
            raise CliError(f"no known command type after the stations: {named[-1]!r} is not "
                           f"one; the types are: "
                           f"{', '.join(sorted(str(c) for c in CommandType))}")
        if not types or types[0] == 0:
            raise CliError("usage: shopfloor send STATION... TYPE [key=value ...] --as USERNAME")
        targets, rest = words[:types[0]], words[types[0]:]
    try:
        command_type = CommandType(rest[0])
    except ValueError:
        raise CliError(f"unknown command type {rest[0]!r}") from None
    return targets, command_type, typed_params(command_type, key_values(rest[1:]))


def key_values(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        if "=" not in pair:
            raise CliError(f"parameters are key=value, not {pair!r}")
        name, value = pair.split("=", 1)
        params[name] = value
    return params


def typed_params(command_type: CommandType, raw: dict[str, str]) -> dict:
    """The parameters as their specification types them; a wrong one is refused by name."""
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
            if value.lower() not in TRUE_WORDS + FALSE_WORDS:
                raise CliError(f"{name} must be true or false")
            typed[name] = value.lower() in TRUE_WORDS
        else:
            typed[name] = value
    return typed


def _wait_for_acks(ctx: AppContext, fleet: FleetMonitor, ids: dict[str, str],
                   wait_s: float) -> int:
    """Print each ack as it comes, until all came or `wait_s` passed; 0 when all are done."""
    deadline = ctx.clock.monotonic() + wait_s
    results: dict = {}
    pause = threading.Event()  # never set: a bounded pause between two looks at the acks
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
                              "reason": f"no ack within {wait_s} s"}), flush=True)
    done = all(row["state"] == "done" for row in results.values()) and len(results) == len(ids)
    return ExitCode.OK if done else ExitCode.FAILED
