"""The packaging files agree with each other (cheap checks, in the normal suite): the desktop
entry is valid and starts the GUI executable the spec builds; the Inno Setup script installs
the executables the spec builds, with the app's version and the app's autostart value name;
the icons render into a PNG and an ICO that Qt reads back."""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from config.version import APP_VERSION
from utils.autostart import GUI_EXECUTABLE, RUN_VALUE

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "shopfloor.spec"
DESKTOP = PACKAGING / "linux" / "shopfloor-collector.desktop"
ISS = PACKAGING / "windows" / "shopfloor.iss"


def load(name: str):
    """A packaging/ script as a module (packaging/ is not a package: the name would clash with
    the `packaging` library)."""
    spec = importlib.util.spec_from_file_location(f"shopfloor_packaging_{name}",
                                                  PACKAGING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def spec_facts() -> dict[str, str]:
    """GUI_NAME, CLI_NAME and the COLLECT folder name, read from the spec without running it."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    facts = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id in ("GUI_NAME", "CLI_NAME"):
                    facts[target.id] = node.value.value
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == "COLLECT"):
            facts["bundle"] = next(k.value.value for k in node.keywords if k.arg == "name")
    return facts


def desktop_keys() -> dict[str, str]:
    lines = DESKTOP.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if "=" in line)


def iss_defines() -> dict[str, str]:
    text = ISS.read_text(encoding="utf-8")
    return dict(re.findall(r'^\s*#define\s+(\w+)\s+"([^"]*)"', text, re.MULTILINE))


def test_spec_and_build_script_name_the_same_executables():
    facts = spec_facts()
    assert facts == {"GUI_NAME": "shopfloor-gui", "CLI_NAME": "shopfloor", "bundle": "shopfloor"}
    build = load("build")
    bundle = build.bundle_dir(Path("dist"))
    assert bundle.name == facts["bundle"]
    assert build.gui_exe(bundle).name.removesuffix(".exe") == facts["GUI_NAME"]
    assert build.cli_exe(bundle).name.removesuffix(".exe") == facts["CLI_NAME"]
    # Autostart from a frozen app starts the window executable by this name.
    assert GUI_EXECUTABLE == facts["GUI_NAME"]


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate is not installed (apt-get install "
                           "desktop-file-utils)")
def test_desktop_entry_is_valid():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_desktop_entry_starts_the_gui_with_our_icon():
    keys = desktop_keys()
    gui = spec_facts()["GUI_NAME"]
    assert keys["Exec"] == gui and keys["TryExec"] == gui
    assert keys["Terminal"] == "false" and keys["Type"] == "Application"
    assert (PACKAGING / "linux" / f"{keys['Icon']}.svg").is_file()


def test_inno_setup_script_installs_what_the_spec_builds():
    defines, facts = iss_defines(), spec_facts()
    assert defines["GuiExe"] == f"{facts['GUI_NAME']}.exe"
    assert defines["CliExe"] == f"{facts['CLI_NAME']}.exe"
    assert defines["AppVersion"] == APP_VERSION
    # Its default folders are where build.py puts the bundle and the icons by default.
    build = load("build")

    def from_iss(relative: str) -> Path:
        return (ISS.parent / relative.replace("\\", "/")).resolve()

    assert from_iss(defines["BundleDir"]) == build.bundle_dir(build.DEFAULT_DIST)
    assert from_iss(defines["AssetsDir"]) == build.DEFAULT_WORK / build.ASSETS_SUBDIR
    # The autostart task and the app's own autostart setting write the same Run value.
    assert defines["RunValueName"] == RUN_VALUE
    text = ISS.read_text(encoding="utf-8")
    for needed in ("PrivilegesRequired=admin", r"DefaultDirName={autopf}\{#AppName}",
                   r'Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#GuiExe}"',
                   'Name: "autostart"', r"Software\Microsoft\Windows\CurrentVersion\Run",
                   "Tasks: autostart; Flags: uninsdeletevalue"):
        assert needed in text, needed


def test_icons_render_to_png_and_a_multi_size_ico(qapp, tmp_path):
    from PySide6.QtGui import QImage, QImageReader

    written = load("icons").write_icons(tmp_path)
    png = QImage(str(written["png"]))
    assert (png.width(), png.height()) == (256, 256)
    assert png.pixelColor(128, 128).alpha() == 255 and png.pixelColor(0, 0).alpha() == 0

    data = written["ico"].read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, 7)
    sizes = []
    for index in range(count):
        width, _, _, _, _, bpp, length, offset = struct.unpack_from("<BBBBHHII", data,
                                                                    6 + 16 * index)
        assert bpp == 32 and offset + length <= len(data)
        blob = data[offset:offset + length]
        size = width or 256
        if size == 256:
            assert blob.startswith(b"\x89PNG\r\n\x1a\n")
        else:
            assert struct.unpack_from("<Iii", blob) == (40, size, size * 2)
        sizes.append(size)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]
    # Qt's own ICO reader (what Windows tools also do) finds every image at its size.
    reader = QImageReader(str(written["ico"]), b"ico")
    assert reader.imageCount() == 7
    read_sizes = []
    for index in range(reader.imageCount()):
        assert reader.jumpToImage(index)
        image = reader.read()
        assert not image.isNull(), reader.errorString()
        read_sizes.append(image.width())
    assert sorted(read_sizes) == sizes
