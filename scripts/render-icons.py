"""Render the app icon (iotfin_gui/icons/iotfin.svg) to the PNG sizes desktops ask for and to
a Windows .ico (for the frozen app's executable and the installer). Run after changing the SVG:
``QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/render-icons.py``."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "iotfin_gui" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO = Path(__file__).resolve().parents[1] / "resources" / "packaging" / "iotfin.ico"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "iotfin.svg"))
    if not renderer.isValid():
        print(f"error: {ICONS / 'iotfin.svg'} is not a valid SVG", file=sys.stderr)
        return 1
    for size in SIZES:
        out = ICONS / f"iotfin-{size}.png"
        if not render(renderer, size).save(str(out)):
            print(f"error: could not write {out}", file=sys.stderr)
            return 1
    ICO.parent.mkdir(parents=True, exist_ok=True)
    if not render(renderer, 256).save(str(ICO), "ICO"):
        print(f"error: could not write {ICO} (Qt's ico image plugin missing?)", file=sys.stderr)
        return 1
    print(f"wrote {len(SIZES)} PNGs to {ICONS} and {ICO}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
