#!/usr/bin/env python3
"""The rate of a cold catch-up, million by million (a script, not a pytest module): an office
PC's home copied from a site's maker home, pointed at the site's share (which may be mounted
read-only: nothing here writes into it), its view emptied, then `ViewFollower.catch_up_now()`
until `--events` events are in the view (or every journal is read).

    python tests/benchmarks/catchup_curve.py --maker SITE/maker --share SHARE \
        --home /tmp/home --events 2000000 [--profile out.prof] [--json out.json]

Prints, every `--every` events: events in the view, seconds, the rate of that step and
overall, the step's events per second of this process's CPU time (what the load of a shared
machine changes least), the process's read and written bytes (/proc/self/io), the view's
file sizes and the load average.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

os.environ["SHOPFLOOR_KEYRING"] = "off"


def _io() -> dict[str, int]:
    fields = {}
    for line in Path("/proc/self/io").read_text().splitlines():
        name, _, value = line.partition(":")
        fields[name] = int(value)
    return fields


def _size(path: Path) -> int:
    return sum(Path(f"{path}{suffix}").stat().st_size for suffix in ("", "-wal")
               if Path(f"{path}{suffix}").exists())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--maker", type=Path, required=True)
    parser.add_argument("--share", type=Path, required=True)
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--every", type=int, default=1_000_000)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    shutil.rmtree(args.home, ignore_errors=True)
    shutil.copytree(args.maker, args.home)
    settings_file = args.home / "config" / "settings.json"
    settings = json.loads(settings_file.read_text())
    settings["site_folder"] = str(args.share)
    settings_file.write_text(json.dumps(settings, indent=2))

    import utils
    from utils.context import AppContext

    print(f"code from {Path(utils.__file__).parent.parent}", flush=True)

    ctx = AppContext.open(args.home)
    follower = ctx.view_follower
    view = ctx.site_view
    steps: list[dict] = []
    state = {"events": 0, "next": args.every}
    started = time.perf_counter()
    last = [started, 0, _io(), time.process_time()]

    def on_change(change) -> None:
        state["events"] += change.events
        if state["events"] >= state["next"]:
            state["next"] += args.every
            now, io, cpu = time.perf_counter(), _io(), time.process_time()
            step = {"events": state["events"], "s": round(now - started, 1),
                    "step_rate": round((state["events"] - last[1]) / (now - last[0])),
                    # events per second of this process's CPU time: what the load on a
                    # shared machine changes least
                    "step_cpu_rate": round((state["events"] - last[1]) / (cpu - last[3])),
                    "rate": round(state["events"] / (now - started)),
                    "read_mb": round((io["read_bytes"] - last[2]["read_bytes"]) / 2**20),
                    "written_mb": round((io["write_bytes"] - last[2]["write_bytes"]) / 2**20),
                    "view_mb": round(_size(ctx.paths.site_view_file) / 2**20),
                    "load": Path("/proc/loadavg").read_text().split()[0]}
            steps.append(step)
            print(json.dumps(step), flush=True)
            last[:] = [now, state["events"], io, cpu]
        if state["events"] >= args.events:
            follower._stop.set()  # noqa: SLF001 (a harness: end the catch-up here)

    view.add_listener(on_change)
    profiler = cProfile.Profile() if args.profile else None
    try:
        if profiler:
            profiler.enable()
        follower.catch_up_now()
        if profiler:
            profiler.disable()
            profiler.dump_stats(args.profile)
        seconds = time.perf_counter() - started
        print(json.dumps({"total_events": state["events"], "seconds": round(seconds, 1),
                          "rate": round(state["events"] / seconds),
                          "cpu_rate": round(state["events"] / time.process_time()),
                          "view_mb": round(_size(ctx.paths.site_view_file) / 2**20)}),
              flush=True)
    finally:
        ctx.close()
    if args.json:
        args.json.write_text(json.dumps({"steps": steps}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
