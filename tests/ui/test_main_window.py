"""The main window driven like a user: navigation, Data panel, demo banner, settings, About."""

from __future__ import annotations

import pandas as pd
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from iotfin_gui.core.demo import DEMO_DATASETS
from iotfin_gui.ui.dialogs import about_text
from iotfin_gui.ui.main_window import PANEL_KEYS, MainWindow

pytestmark = pytest.mark.gui


def click_navigation(qtbot, window: MainWindow, row: int) -> None:
    item = window.navigation.item(row)
    rect = window.navigation.visualItemRect(item)
    qtbot.mouseClick(window.navigation.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())


def click_dataset(qtbot, window: MainWindow, name: str) -> None:
    panel = window.data_panel
    row = panel.datasets_model.frame["name"].tolist().index(name)
    index = panel.datasets_model.index(row, 0)
    rect = panel.datasets_view.visualRect(index)
    qtbot.mouseClick(panel.datasets_view.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())


def test_every_panel_is_reachable_by_clicking(qtbot, window: MainWindow) -> None:
    for row, key in enumerate(PANEL_KEYS):
        click_navigation(qtbot, window, row)
        panel = window.panels[key]
        assert window.stack.currentWidget() is panel and panel.isVisible()
        assert window.navigation.item(row).text() == panel.title()
    click_navigation(qtbot, window, 1)
    assert window.current_panel_key() == "data"


def test_data_panel_lists_datasets_and_shows_an_overview(qtbot, window: MainWindow) -> None:
    panel = window.data_panel
    assert sorted(panel.datasets_model.frame["name"]) == sorted(DEMO_DATASETS)
    assert panel.selected_dataset() == "demo_withdrawals"
    with qtbot.waitSignal(panel.overview_ready, timeout=30_000) as blocker:
        click_dataset(qtbot, window, "demo_telemetry")
    overview = blocker.args[0]
    assert overview.name == "demo_telemetry"
    assert panel.columns_model.rowCount() == 6
    assert 0 < panel.rows_model.rowCount() <= 200
    curve = panel.plot.getPlotItem().listDataItems()[0]
    assert len(curve.getOriginalDataset()[0]) == len(overview.daily) > 0
    assert panel.tabs.isTabEnabled(0)
    with qtbot.waitSignal(panel.overview_ready, timeout=30_000):
        click_dataset(qtbot, window, "demo_atm_registry")
    assert not panel.tabs.isTabEnabled(0) and panel.tabs.currentIndex() == 1


def test_an_overview_seen_once_comes_back_without_a_job(qtbot, window: MainWindow,
                                                       runner) -> None:
    panel = window.data_panel
    with qtbot.waitSignal(panel.overview_ready, timeout=30_000) as first:
        click_dataset(qtbot, window, "demo_telemetry")
    qtbot.waitUntil(lambda: not runner.busy, timeout=30_000)
    with qtbot.waitSignal(panel.overview_ready, timeout=30_000):
        click_dataset(qtbot, window, "demo_atm_registry")
    qtbot.waitUntil(lambda: not runner.busy, timeout=30_000)
    started: list[str] = []
    runner.started.connect(lambda _job, title: started.append(title))
    shown: list[object] = []
    panel.overview_ready.connect(shown.append)
    click_dataset(qtbot, window, "demo_telemetry")
    assert len(shown) == 1 and started == [] and not runner.busy
    pd.testing.assert_frame_equal(shown[0].daily, first.args[0].daily)
    pd.testing.assert_frame_equal(shown[0].columns, first.args[0].columns)
    curve = panel.plot.getPlotItem().listDataItems()[0]
    assert len(curve.getOriginalDataset()[0]) == len(first.args[0].daily)
    assert panel.columns_model.rowCount() == 6


def test_demo_banner_removes_and_the_empty_state_reloads(qtbot, window: MainWindow) -> None:
    assert window.banner.isVisible()
    qtbot.mouseClick(window.banner.remove_button, Qt.MouseButton.LeftButton)
    assert window.store.datasets() == []
    assert not window.banner.isVisible()
    assert window.data_panel.pages.currentIndex() == 0
    with qtbot.waitSignal(window.runner.succeeded, timeout=60_000):
        qtbot.mouseClick(window.data_panel.load_demo_button, Qt.MouseButton.LeftButton)
    assert len(window.store.datasets()) == len(DEMO_DATASETS)
    assert window.banner.isVisible() and window.data_panel.pages.currentIndex() == 1


def test_delete_dataset_asks_then_deletes(qtbot, window: MainWindow, monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    click_dataset(qtbot, window, "demo_credit_applications")
    qtbot.mouseClick(window.data_panel.delete_button, Qt.MouseButton.LeftButton)
    assert not window.store.has_dataset("demo_credit_applications")
    assert "demo_credit_applications" not in window.data_panel.datasets_model.frame["name"].tolist()


def test_window_state_and_panel_are_remembered(qtbot, demo_store, runner,
                                               settings: QSettings) -> None:
    first = MainWindow(demo_store, runner, settings=settings)
    qtbot.addWidget(first)
    first.show()
    first.show_panel("forecast")
    hint = first.minimumSizeHint()
    first.resize(hint.width() + 37, hint.height() + 41)
    saved = (first.size().width(), first.size().height())
    first.close()
    runner.cancel_all()
    second = MainWindow(demo_store, runner, settings=settings)
    qtbot.addWidget(second)
    assert second.current_panel_key() == "forecast"
    assert (second.size().width(), second.size().height()) == saved
    assert saved != (second.minimumSizeHint().width(), second.minimumSizeHint().height())
    second.close()


def test_about_lists_library_versions() -> None:
    import pandas

    text = about_text()
    assert pandas.__version__ in text and "scikit-learn" in text


def test_panels_off_screen_load_only_when_first_shown(qtbot, window: MainWindow) -> None:
    fleet = window.panels["fleet"]
    assert window.current_panel_key() == "data"
    assert fleet.window is None, "the Fleet panel loaded its data before anyone opened it"
    window.show_panel("fleet")
    qtbot.waitUntil(lambda: fleet.window is not None, timeout=30_000)
    window.store.write_dataset("late", pd.DataFrame({"x": [1]}), "table", source="test")
    window.refresh_all()
    assert "late" not in window.data_panel.datasets_model.frame["name"].tolist()
    window.show_panel("data")
    assert "late" in window.data_panel.datasets_model.frame["name"].tolist()
