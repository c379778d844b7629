"""Help and keyboard: the user guide (both languages, every page rendered whole, F1 on the
panel's page, the plans page naming what the Cash plan tab shows), the log folder, and the
shortcuts of File ▸ Import/Export, Run and Cancel, as a user presses them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import QTextBrowser

from iotfin_gui.core import logs
from iotfin_gui.package_data import data_file
from iotfin_gui.ui import help_browser, i18n
from iotfin_gui.ui.help_browser import PAGES, PANEL_PAGES, GuideWindow, page_text

pytestmark = pytest.mark.gui
LINK = re.compile(r"\]\(([^)]+)\)")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_page_exists_and_its_links_lead_to_pages(language: str) -> None:
    folder = data_file("guide", language)
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{page}.md" for page in PAGES)
    for page in PAGES:
        text = page_text(page, language)
        assert text.startswith("# ")
        for target in LINK.findall(text):
            assert target.removesuffix(".md") in PAGES, f"{language}/{page}.md links {target}"
    if language == "zh_CN":
        assert all(re.search(r"[\u4e00-\u9fff]", page_text(page, language)) for page in PAGES)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_page_renders_without_markdown_left_over(qapp, language: str) -> None:
    """Bold that Markdown cannot close (``**导入…**按钮``: a mark after punctuation and before a
    letter) shows its asterisks in the browser."""
    for page in PAGES:
        document = QTextDocument()
        document.setMarkdown(page_text(page, language))
        text = document.toPlainText()
        assert "**" not in text and "`" not in text, f"{language}/{page}.md"


@pytest.mark.parametrize(("language", "words"), [
    ("en", ("Replenishment plans", "Routes and visits", "Re-plan from today's cash",
            "Policy backtest", "Backtest the plan", "Fixed rule", "Export CSV…", "Cash now",
            "stale reading", "Lead time (days)", "Fill to")),
    ("zh_CN", ("加钞计划", "线路和上门", "按今日现金重新规划", "策略回测", "回测计划",
               "固定规则", "导出 CSV…", "当前现金", "读数过时", "提前期（天）", "加钞至"))])
def test_the_plans_page_names_what_the_cash_plan_tab_shows(qapp, qtbot, language, words) -> None:
    assert i18n.install_language(language) == language
    try:
        guide = GuideWindow()
        qtbot.addWidget(guide)
        guide.show_page("plans")
        shown = guide.browser.toPlainText()
        assert all(word in shown for word in words), [w for w in words if w not in shown]
    finally:
        i18n.install_language("en")


def test_every_panel_has_its_page() -> None:
    from iotfin_gui.ui.main_window import PANEL_KEYS

    assert set(PANEL_PAGES) <= set(PANEL_KEYS)
    assert set(PANEL_PAGES.values()) <= set(PAGES)
    assert {"import", "recipes", "models", "fleet", "forecast", "plans", "exports"} <= set(PAGES)


def test_f1_opens_the_guide_on_the_page_of_the_panel(window, qtbot) -> None:
    window.show_panel("forecast")
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window.window_actions.guide
    assert isinstance(guide, GuideWindow) and guide.isVisible()
    assert guide.page == "forecast"
    assert "Forecasting cash demand" in guide.browser.toPlainText()
    guide.contents.setCurrentRow(PAGES.index("plans"))
    assert "Re-plan from today's cash" in guide.browser.toPlainText()
    guide.browser.anchorClicked.emit(help_browser.QUrl("exports.md"))
    assert guide.page == "exports" and guide.contents.currentRow() == PAGES.index("exports")
    guide.close()


def test_the_guide_is_in_chinese_when_the_interface_is(qapp, qtbot) -> None:
    assert i18n.install_language("zh_CN") == "zh_CN"
    try:
        guide = GuideWindow()
        qtbot.addWidget(guide)
        guide.show_page("import")
        assert "导入数据" in guide.browser.toPlainText()
        assert guide.contents.item(0).text() == "入门"
        assert guide.windowTitle() != "IoTFin Workstation user guide"
    finally:
        i18n.install_language("en")


def test_help_opens_the_log_folder(window, monkeypatch, tmp_path: Path) -> None:
    opened = []
    monkeypatch.setenv(logs.LOG_DIR_VARIABLE, str(tmp_path / "logs"))
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window.window_actions.log_folder_action.trigger()
    assert [Path(url.toLocalFile()) for url in opened] == [tmp_path / "logs"]
    assert (tmp_path / "logs").is_dir()


def test_shortcuts_are_listed_in_the_menus(window) -> None:
    actions = window.window_actions
    shown = {action.shortcut().toString() for action in (
        actions.import_action, actions.export_action, actions.run_action, actions.cancel_action,
        actions.guide_action)}
    assert shown == {"Ctrl+O", "Ctrl+E", "Ctrl+R", "Esc", "F1"}
    menus = {menu.title(): [a.text() for a in menu.actions()]
             for menu in (a.menu() for a in window.menuBar().actions()) if menu}
    assert "&Import…" in menus["&File"] and "&Export…" in menus["&File"]
    assert "&User guide" in menus["&Help"] and "Open &log folder" in menus["&Help"]
    assert "&Run the current panel's job" in menus["&Run"]


def test_ctrl_o_imports_on_the_data_panel(window, qtbot, monkeypatch) -> None:
    asked = []
    monkeypatch.setattr(window.data_panel, "open_import_dialog", lambda: asked.append(True))
    window.show_panel("fleet")
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert asked == [True] and window.current_panel_key() == "data"


def test_ctrl_e_exports_what_the_panel_shows(window, qtbot, monkeypatch) -> None:
    exported = []
    monkeypatch.setattr(window.data_panel, "open_export_dialog", lambda: exported.append(1) or 1)
    window.show_panel("data")
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert exported == [1]
    window.show_panel("models")
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.current_panel_key() == "reports"


def test_ctrl_r_runs_the_panel_job_and_esc_cancels_it(window, qtbot) -> None:
    window.show_panel("forecast")
    panel = window.panels["forecast"]
    qtbot.waitUntil(panel.run_button.isEnabled, timeout=60_000)
    with qtbot.waitSignal(window.runner.started, timeout=60_000):
        qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(window.runner.busy_changed, timeout=60_000,
                          check_params_cb=lambda busy: not busy):
        qtbot.keyClick(window, Qt.Key.Key_Escape)
    window.show_panel("data")
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert "Nothing to run" in window.statusBar().currentMessage()


def test_the_guide_renders_markdown_not_source(qapp, qtbot) -> None:
    guide = GuideWindow()
    qtbot.addWidget(guide)
    assert isinstance(guide.browser, QTextBrowser)
    text = guide.browser.toPlainText()
    assert "Keyboard shortcuts" in text and "# " not in text and "|---|" not in text
