"""Build the one-folder bundle: `.venv/bin/python packaging/build.py [--dist DIR]`.

Steps: compile the translations (pyside6-lrelease, through gui.i18n) and render the icons
into the work folder; run PyInstaller with packaging/shopfloor.spec; on Linux add `share/`
(desktop entry and icons) to the bundle; print the bundle's size. `--measure N` then starts
the frozen `shopfloor-gui --smoke` N times in a fresh home and prints the median wall-clock
start-up time. Exit 0 only when the bundle was built (and, if asked, every smoke run passed).

The result is DIST/shopfloor/ with `shopfloor-gui` (no console), `shopfloor` (console) and
`_internal/`. Build on the platform you ship to: PyInstaller does not cross-compile.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "shopfloor.spec"
DEFAULT_DIST = ROOT / "dist"  # windows/shopfloor.iss looks for the bundle and assets here
DEFAULT_WORK = ROOT / "build"
ASSETS_SUBDIR = "assets"
BUNDLE_NAME = "shopfloor"
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
BUILD_TIMEOUT_S = 1800


def bundle_dir(dist: Path) -> Path:
    return dist / BUNDLE_NAME


def gui_exe(bundle: Path) -> Path:
    return bundle / f"shopfloor-gui{EXE_SUFFIX}"


def cli_exe(bundle: Path) -> Path:
    return bundle / f"shopfloor{EXE_SUFFIX}"


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*")
               if path.is_file() and not path.is_symlink())


def prepare_assets(assets: Path) -> None:
    """Compiled translations and icons, where the spec reads them (SHOPFLOOR_ASSETS)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # rendering needs no display
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(HERE))
    from PySide6.QtGui import QGuiApplication

    from gui.i18n import SOURCE_DIR, compile_translations
    from icons import write_icons

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    out = assets / "translations"
    if out.exists():
        shutil.rmtree(out)
    sources = sorted(SOURCE_DIR.glob("shopfloor_*.ts"))
    compiled = compile_translations(out)
    if len(compiled) != len(sources):
        raise SystemExit(f"only {len(compiled)} of {len(sources)} translations compiled: is "
                         "pyside6-lrelease installed (PySide6) in this environment?")
    for qm in compiled:  # up-to-date .qm files next to the sources are taken as they are
        if qm.parent != out:
            shutil.copy2(qm, out / qm.name)
    write_icons(assets)
    del app


def run_pyinstaller(dist: Path, work: Path, assets: Path, clean: bool) -> None:
    command = [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm",
               "--distpath", str(dist), "--workpath", str(work / "pyinstaller"),
               "--log-level", "WARN"]
    if clean:
        command.append("--clean")
    env = dict(os.environ, SHOPFLOOR_ASSETS=str(assets))
    print("running:", " ".join(command), flush=True)
    subprocess.run(command, check=True, cwd=ROOT, env=env, timeout=BUILD_TIMEOUT_S)


def add_linux_share(bundle: Path, assets: Path) -> None:
    """The desktop entry and icons, laid out as under /usr/share, for the install steps."""
    share = bundle / "share"
    targets = {
        HERE / "linux" / "shopfloor-collector.desktop":
            share / "applications" / "shopfloor-collector.desktop",
        assets / "shopfloor-collector.svg":
            share / "icons" / "hicolor" / "scalable" / "apps" / "shopfloor-collector.svg",
        assets / "shopfloor-collector.png":
            share / "icons" / "hicolor" / "256x256" / "apps" / "shopfloor-collector.png",
    }
    for source, target in targets.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def measure_startup(bundle: Path, runs: int) -> list[float]:
    """Wall-clock seconds of `shopfloor-gui --smoke` runs, each in the same fresh home (the
    first run creates the database; later runs open it, as a station does every morning)."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    times = []
    with tempfile.TemporaryDirectory(prefix="shopfloor-measure-") as home:
        env["SHOPFLOOR_HOME"] = home
        for _ in range(runs):
            started = time.perf_counter()
            result = subprocess.run([str(gui_exe(bundle)), "gui", "--smoke"], env=env,
                                    capture_output=True, text=True, timeout=120)
            times.append(time.perf_counter() - started)
            shown = any(line.startswith("smoke: ") and line.endswith(" shown")
                        and "NOT shown" not in line for line in result.stdout.splitlines())
            if result.returncode != 0 or not shown:
                raise SystemExit(f"smoke run failed (exit {result.returncode}):\n"
                                 f"{result.stdout}{result.stderr}")
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=DEFAULT_DIST,
                        help="where the bundle folder goes (default: dist/)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK,
                        help="PyInstaller's work folder and the prepared assets (default: build/)")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--measure", type=int, default=0, metavar="N",
                        help="then time N frozen `shopfloor-gui --smoke` runs (median)")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    assets = work / ASSETS_SUBDIR
    started = time.perf_counter()
    prepare_assets(assets)
    run_pyinstaller(dist, work, assets, args.clean)
    bundle = bundle_dir(dist)
    for exe in (gui_exe(bundle), cli_exe(bundle)):
        if not exe.is_file():
            raise SystemExit(f"PyInstaller did not produce {exe}")
    if sys.platform != "win32":
        add_linux_share(bundle, assets)
    size = folder_size(bundle)
    print(f"bundle: {bundle}")
    print(f"bundle size: {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB), built in "
          f"{time.perf_counter() - started:.0f} s")
    if args.measure:
        times = measure_startup(bundle, args.measure)
        print("start-up (shopfloor-gui --smoke, wall clock): "
              + ", ".join(f"{t:.2f}" for t in times)
              + f" s; median {statistics.median(times):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
