"""Starting the application: the screenshot smoke test and a refused store."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from argparse import Namespace
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox

from iotfin_gui.ui.app import install_error_hook, run_gui

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.gui


def test_first_launch_loads_the_demo_and_saves_a_screenshot(tmp_path: Path) -> None:
    out = tmp_path / "window.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "s.sqlite"),
         "--screenshot", str(out)],
        capture_output=True, text=True, timeout=180, env=env, check=False,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert image.width() >= 1000 and image.height() >= 700


def test_the_gui_refuses_a_bad_store_with_a_dialog(qapp, tmp_path: Path, monkeypatch) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_text("not a database")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    args = Namespace(db=str(bad), screenshot=None, no_demo=False, panel=None)
    assert run_gui(args) == 2
    assert shown and "not an SQLite database" in shown[0]
    assert bad.read_text() == "not a database"


def test_an_exception_in_a_gui_slot_becomes_a_message(window, monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setenv("IOTFIN_LOG_DIR", str(tmp_path / "logs"))
    install_error_hook(window)
    try:
        raise ZeroDivisionError("division by zero in a slot")
    except ZeroDivisionError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    boxes = [b for b in window.findChildren(QMessageBox) if b.objectName() == "error_box"]
    assert boxes and "ZeroDivisionError" in boxes[-1].text()
    assert "Traceback" in boxes[-1].detailedText()
    reports = list((tmp_path / "logs").glob("crash-*.txt"))
    assert len(reports) == 1 and str(reports[0]) in boxes[-1].text()
    boxes[-1].close()


def test_no_display_is_explained_not_aborted(monkeypatch, capsys) -> None:
    from iotfin_gui.ui import app

    monkeypatch.setattr(app.sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    args = Namespace(db=None, screenshot=None, no_demo=False, panel=None)
    assert run_gui(args) == 2
    assert "No display found" in capsys.readouterr().err
    monkeypatch.setenv("DISPLAY", ":99")
    assert app.display_problem() is None


def test_plots_follow_a_dark_palette(qapp, qtbot) -> None:
    import pyqtgraph as pg
    from PySide6.QtGui import QColor, QPalette

    from iotfin_gui.ui.app import follow_palette_in_plots
    from iotfin_gui.ui.plots import TimeSeriesPlot

    saved = {name: pg.getConfigOption(name) for name in ("background", "foreground")}
    light = qapp.palette()
    dark = QPalette(light)
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e0e0e0"))
    qapp.setPalette(dark)
    try:
        follow_palette_in_plots(qapp)
        plot = TimeSeriesPlot()
        qtbot.addWidget(plot)
        assert plot.backgroundBrush().color().name() == "#1e1e1e"
    finally:
        qapp.setPalette(light)
        pg.setConfigOptions(**saved)
