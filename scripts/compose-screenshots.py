"""Put several screenshots into one picture, two per row, scaled to half size (for the README).

    python scripts/compose-screenshots.py OUT.png A.png B.png [C.png ...]
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter

GAP = 8


def compose(out: str, paths: list[str], columns: int = 2, scale: float = 0.5) -> None:
    images = [QImage(path) for path in paths]
    if any(image.isNull() for image in images):
        raise SystemExit(f"cannot read one of {paths}")
    width = int(max(image.width() for image in images) * scale)
    height = int(max(image.height() for image in images) * scale)
    rows = -(-len(images) // columns)
    sheet = QImage(columns * width + (columns + 1) * GAP, rows * height + (rows + 1) * GAP,
                   QImage.Format.Format_RGB32)
    sheet.fill(QColor("white"))
    painter = QPainter(sheet)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    for index, image in enumerate(images):
        row, column = divmod(index, columns)
        scaled = image.scaled(width, height, Qt.AspectRatioMode.KeepAspectRatio,
                              Qt.TransformationMode.SmoothTransformation)
        painter.drawImage(GAP + column * (width + GAP), GAP + row * (height + GAP), scaled)
    painter.end()
    if not sheet.save(out):
        raise SystemExit(f"cannot write {out}")


if __name__ == "__main__":
    app = QGuiApplication(sys.argv[:1])
    compose(sys.argv[1], sys.argv[2:])
