"""Windows open on the screen the person works on, inside its free area, and come back where
they were left on this PC: real windows on Qt's offscreen platform given a 1600 x 1000 screen
and a 1366 x 768 one beside it (as a config file), each run in its own process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCREENS = {"screens": [
    {"name": "big", "x": 0, "y": 0, "width": 1600, "height": 1000, "logicalDpi": 96,
     "logicalBaseDpi": 96, "dpr": 1},
    {"name": "laptop", "x": 1600, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96,
     "logicalBaseDpi": 96, "dpr": 1}]}


def probe(tmp_path: Path, home: Path, cursor: tuple[int, int], mode: str = "open") -> dict:
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(SCREENS), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOPFLOOR_")}
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "gui" / "placement_probe.py"),
                             str(home), str(cursor[0]), str(cursor[1]), mode],
                            capture_output=True, text=True, env=env, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def inside(rect: list[int], area: list[int]) -> bool:
    x, y, w, h = rect
    ax, ay, aw, ah = area
    return ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah


def test_windows_open_inside_the_screen_under_the_mouse(tmp_path):
    home = tmp_path / "home"
    big = probe(tmp_path, home, (800, 500))
    for name in ("station", "admin", "wizard"):
        assert inside(big[name], big["screens"][0]), (name, big[name])
    laptop = probe(tmp_path, tmp_path / "other", (2000, 400))
    for name in ("station", "admin", "wizard"):
        assert inside(laptop[name], laptop["screens"][1]), (name, laptop[name])


def test_the_station_window_comes_back_where_it_was_left(tmp_path):
    home = tmp_path / "home"
    first = probe(tmp_path, home, (800, 500), "move")
    again = probe(tmp_path, home, (2000, 400))  # the mouse elsewhere: the PC remembers
    assert again["station"] == first["moved"]
    assert (home / "config" / "window-state.ini").is_file()
