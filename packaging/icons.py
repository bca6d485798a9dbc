"""The app icon in the formats the bundle needs, rendered from the hand-drawn SVG.

packaging/linux/shopfloor-collector.svg is the only source. The build renders it to a
256 x 256 PNG (Linux menus that do not take SVG) and to a Windows .ico holding 16 to 256 px
images: the small ones as 32-bit bitmaps, the 256 px one PNG-compressed, which is the layout
Windows, PyInstaller and Inno Setup all read.

Qt renders (QtSvg + QPainter on a QImage); the caller must have a QGuiApplication (the build
uses the offscreen platform).
"""

from __future__ import annotations

import struct
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SVG = Path(__file__).resolve().parent / "linux" / "shopfloor-collector.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(svg: Path, size: int) -> QImage:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError("PNG encoding failed")
    buffer.close()
    return bytes(data.data())


def _dib_bytes(image: QImage) -> bytes:
    """An ICO bitmap entry: BITMAPINFOHEADER (height doubled for the mask), BGRA rows bottom
    up, then the 1-bit AND mask (all zero: the alpha channel decides)."""
    size = image.width()
    rows = []
    for y in range(size - 1, -1, -1):
        # pixel() is 0xAARRGGBB (not premultiplied); packed little-endian it is B, G, R, A.
        rows.append(b"".join(struct.pack("<I", image.pixel(x, y)) for x in range(size)))
    mask_row = b"\0" * (((size + 31) // 32) * 4)
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0,
                         size * size * 4 + len(mask_row) * size, 0, 0, 0, 0)
    return header + b"".join(rows) + mask_row * size


def ico_bytes(svg: Path, sizes: tuple[int, ...] = ICO_SIZES) -> bytes:
    images = []
    for size in sizes:
        image = render(svg, size)
        images.append((size, png_bytes(image) if size >= 256 else _dib_bytes(image)))
    directory = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = [], []
    for size, blob in images:
        edge = 0 if size >= 256 else size  # 0 means 256 in an ICO directory
        entries.append(struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return directory + b"".join(entries) + b"".join(blobs)


def write_icons(out_dir: Path, svg: Path = SVG) -> dict[str, Path]:
    """Write shopfloor-collector.{svg,png,ico} into out_dir; returns them by suffix."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {"svg": out_dir / "shopfloor-collector.svg",
               "png": out_dir / "shopfloor-collector.png",
               "ico": out_dir / "shopfloor-collector.ico"}
    written["svg"].write_bytes(svg.read_bytes())
    written["png"].write_bytes(png_bytes(render(svg, 256)))
    written["ico"].write_bytes(ico_bytes(svg))
    return written
