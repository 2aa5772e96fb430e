"""Draw the program's icon (a water drop over a four-square grid, 四水四定) into resources/icons/.

Run once when the design changes: ``QT_QPA_PLATFORM=offscreen .venv/bin/python tools/make_icon.py``.
Writes sisiding.png (256 px, for Qt) and sisiding.ico (16–256 px, PNG-compressed entries, for the Windows build).
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
BLUE = QColor("#1565c0")
LIGHT = QColor("#e3f2fd")


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(LIGHT)
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 40, 40)
    grid = QPen(QColor("#90caf9"), 10)
    p.setPen(grid)
    p.drawLine(QPointF(128, 32), QPointF(128, 224))
    p.drawLine(QPointF(32, 128), QPointF(224, 128))
    drop = QPainterPath()
    drop.moveTo(128, 40)
    drop.cubicTo(150, 90, 196, 128, 196, 160)
    drop.cubicTo(196, 200, 166, 224, 128, 224)
    drop.cubicTo(90, 224, 60, 200, 60, 160)
    drop.cubicTo(60, 128, 106, 90, 128, 40)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(BLUE)
    p.drawPath(drop)
    p.setBrush(QColor(255, 255, 255, 170))
    p.drawEllipse(QRectF(88, 150, 22, 38))
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def ico_bytes(images: list[bytes], sizes: tuple[int, ...]) -> bytes:
    """An ICO file whose entries are PNG images (understood by Windows Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, payload = b"", b""
    for size, data in zip(sizes, images, strict=True):
        dim = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset + len(payload))
        payload += data
    return header + entries + payload


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    pngs = [png_bytes(draw(size)) for size in SIZES]
    (OUT / "sisiding.png").write_bytes(pngs[-1])
    (OUT / "sisiding.ico").write_bytes(ico_bytes(pngs, SIZES))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
