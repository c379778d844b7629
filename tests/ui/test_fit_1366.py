"""Everything fits a 1366x768 laptop: every panel and every dialog, their main actions visible.

A widget counts as visible when it is shown and every ancestor up to the window (scroll area
viewports, splitters, tabs) contains its whole rectangle, so a button below a scroll area's fold
or past a window's right edge fails. The status bar (with the job's Cancel) and the Messages pane
must stay on screen too.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QDialog, QWidget

from iotfin_gui.core.forecast import forecast_dataset, store_forecast
from iotfin_gui.ui import i18n
from iotfin_gui.ui.export_dialog import ExportDialog
from iotfin_gui.ui.import_dialog import ImportDialog
from iotfin_gui.ui.main_window import PANEL_KEYS, MainWindow
from iotfin_gui.ui.restore_dialog import RestoreDialog
from iotfin_gui.ui.trash_dialog import TrashDialog

pytestmark = pytest.mark.gui

WIDTH, HEIGHT = 1366, 768
#: Per panel, the attributes of its main actions.
PRIMARY = {
    "today": ("fleet_button", "forecast_button"),
    "data": ("import_button", "export_button"),
    "preprocess": ("run_button", "save_button"),
    "models": ("train_button",),
    "fleet": ("latest_button", "source_bar"),
    "forecast": ("run_button", "dataset_box"),
    "reports": ("build_button",),
}


def hidden_part(widget: QWidget, top: QWidget) -> str | None:
    """Why ``widget`` is not wholly visible inside ``top`` (None when it is)."""
    if not widget.isVisibleTo(top):
        return "not shown"
    rect = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
    ancestor: QWidget | None = widget.parentWidget()
    while ancestor is not None:
        origin = QPoint(0, 0) if ancestor is top else ancestor.mapTo(top, QPoint(0, 0))
        if not QRect(origin, ancestor.size()).contains(rect):
            return (f"{rect.getRect()} leaves {type(ancestor).__name__} "
                    f"{ancestor.objectName()!r} at {QRect(origin, ancestor.size()).getRect()}")
        if ancestor is top:
            return None
        ancestor = ancestor.parentWidget()
    return "not inside the window"


@pytest.fixture(params=["en", "zh_CN"])
def laptop_window(request, qtbot, demo_store, runner, settings) -> MainWindow:
    """The window at 1366x768, in English and in Chinese (longer labels, wider glyphs), on the
    small demo with one forecast run (so Reports lists it)."""
    assert i18n.install_language(request.param) == request.param
    result = forecast_dataset(demo_store, "demo_withdrawals", horizon=7, model="weekday_profile")
    store_forecast(demo_store, result, demo_store.dataset("demo_withdrawals"))
    window = MainWindow(demo_store, runner, settings=settings)
    qtbot.addWidget(window)
    window.resize(WIDTH, HEIGHT)
    window.show()
    qtbot.waitUntil(lambda: not runner.busy, timeout=60_000)
    yield window
    runner.cancel_all()
    window.log_pane.detach()
    i18n.install_language("en")


def test_every_panel_fits_with_its_main_actions_visible(qtbot, laptop_window, runner) -> None:
    window = laptop_window
    assert window.width() <= WIDTH and window.height() <= HEIGHT, "minimum size too large"
    problems = []
    for key in PANEL_KEYS:
        window.show_panel(key)
        qtbot.waitUntil(lambda: not runner.busy, timeout=60_000)
        qtbot.wait(50)
        panel = window.panels[key]
        for name in PRIMARY[key]:
            why = hidden_part(getattr(panel, name), window)
            if why:
                problems.append(f"{key}.{name}: {why}")
        for name, part in (("status bar", window.statusBar()), ("messages", window.log_pane)):
            why = hidden_part(part, window)
            if why:
                problems.append(f"{key}: {name}: {why}")
    assert window.width() <= WIDTH and window.height() <= HEIGHT
    assert not problems, "\n".join(problems)


def test_fleet_table_columns_show_whole_numbers(qtbot, laptop_window, runner) -> None:
    fleet = laptop_window.panels["fleet"]
    laptop_window.show_panel("fleet")
    qtbot.waitUntil(lambda: fleet.status is not None and not runner.busy, timeout=60_000)
    view, model = fleet.table, fleet.model
    metrics = view.fontMetrics()
    cut = []
    for column in range(model.columnCount() - 1):
        for row in range(model.rowCount()):
            text = model.data(model.index(row, column))
            if isinstance(text, str) and metrics.horizontalAdvance(text) > view.columnWidth(column):
                cut.append((model.frame.columns[column], text, view.columnWidth(column)))
    assert not cut


def _import_dialog(window: MainWindow, tmp_path: Path) -> tuple[QDialog, tuple[str, ...]]:
    """A compressed file with a long name: the case that ran past the right edge."""
    path = tmp_path / "PdM_telemetry_subset_m001-020_2015-01-01_2015-03-31_long_name.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write("datetime,machineID,volt\n")
        out.writelines(f"2015-01-01 {h:02d}:00:00,{m},{170 + h}\n"
                       for h in range(24) for m in (1, 2))
    return ImportDialog(window.store, window.runner, path, window), ("import_button",
                                                                     "close_button")


def _export_dialog(window: MainWindow, tmp_path: Path) -> tuple[QDialog, tuple[str, ...]]:
    return ExportDialog(window.store, window.runner, "dataset", window,
                        dataset="demo_withdrawals", what="demo_withdrawals"), (
        "export_button", "close_button")


def _restore_dialog(window: MainWindow, tmp_path: Path) -> tuple[QDialog, tuple[str, ...]]:
    return RestoreDialog(window.store, window.runner, window), ("restore_button",)


def _trash_dialog(window: MainWindow, tmp_path: Path) -> tuple[QDialog, tuple[str, ...]]:
    return TrashDialog(window.store, window), ("restore_button", "empty_button")


DIALOGS: dict[str, Callable[[MainWindow, Path], tuple[QDialog, tuple[str, ...]]]] = {
    "import": _import_dialog, "export": _export_dialog, "restore": _restore_dialog,
    "trash": _trash_dialog,
}


def test_every_dialog_fits_with_its_main_actions_visible(qtbot, laptop_window, runner,
                                                         tmp_path: Path) -> None:
    problems = []
    for name, make in DIALOGS.items():
        dialog, primary = make(laptop_window, tmp_path)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: not runner.busy, timeout=60_000)
        qtbot.wait(50)
        if dialog.width() > WIDTH or dialog.height() > HEIGHT:
            problems.append(f"{name}: {dialog.width()}x{dialog.height()} exceeds the screen")
        problems += [f"{name}.{attr}: {why}" for attr in primary
                     if (why := hidden_part(getattr(dialog, attr), dialog))]
        dialog.close()
    assert not problems, "\n".join(problems)
