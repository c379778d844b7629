"""The Preprocess panel driven like a user: build a recipe in the editor, watch the inline
validation and the background preview, save versions, run with save-as, import and export."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator

from iotfin_gui.core.recipes import (
    RecipeError,
    list_recipes,
    load_recipe,
    make_recipe,
    save_recipe,
)
from iotfin_gui.ui import file_dialogs
from iotfin_gui.ui.main_window import MainWindow
from iotfin_gui.ui.panels.preprocess import PreprocessPanel

pytestmark = pytest.mark.gui

PREVIEW_TIMEOUT = 30_000


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def open_panel(qtbot, window: MainWindow) -> PreprocessPanel:
    panel = window.panels["preprocess"]
    window.show_panel("preprocess")
    panel.dataset_box.setCurrentText("demo_withdrawals")
    click(qtbot, panel.new_button)
    return panel


def add_step(panel: PreprocessPanel, kind: str):
    """Add a step from the Add step menu; returns the generated form's widgets."""
    panel.editor.add_actions[kind].trigger()
    assert panel.editor.form is not None and panel.editor.form.step_type.name == kind
    return panel.editor.form.widgets


def choose(box, data) -> None:
    index = box.findData(data)
    assert index >= 0, f"{data!r} is not offered"
    box.setCurrentIndex(index)


def type_into(qtbot, edit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def set_name(qtbot, panel: PreprocessPanel, name: str) -> None:
    type_into(qtbot, panel.name_edit, name)


def build_daily_recipe(qtbot, panel: PreprocessPanel) -> None:
    """resample (daily) / lags (1, 7) / calendar / split (time, last 14 days) / scale, all
    through the add-step menu and the generated form widgets; waits for the preview."""
    set_name(qtbot, panel, "atm_daily")
    form = add_step(panel, "resample")
    choose(form["frequency"], "daily")
    choose(form["aggregations"].boxes["amount"], "sum")
    form = add_step(panel, "lags")
    form["columns"].set_checked(["amount"])
    type_into(qtbot, form["lags"], "1, 7")
    add_step(panel, "calendar")
    form = add_step(panel, "split")
    choose(form["method"], "time")
    form["last_days"].setValue(14)
    form = add_step(panel, "scale")
    assert "amount_lag1" in [form["columns"].item(i).text() for i in range(
        form["columns"].count())], "column pickers list the columns earlier steps produce"
    with qtbot.waitSignal(panel.preview_ready, timeout=PREVIEW_TIMEOUT,
                          check_params_cb=lambda _: panel.preview_is_current()):
        form["columns"].set_checked(["amount", "amount_lag1"])
    assert panel.message_is_error is False


def test_building_a_recipe_previews_it_and_saves_versions(qtbot, window: MainWindow) -> None:
    panel = open_panel(qtbot, window)
    build_daily_recipe(qtbot, panel)
    assert [kind for kind, _ in panel.editor.steps()] == [
        "resample", "lags", "calendar", "split", "scale"]
    preview = panel.preview
    assert preview.before.rows == 960 and preview.after.rows == 960
    assert {"amount_lag1", "amount_lag7", "day_of_week"} <= set(preview.added)
    assert "960 rows" in panel.preview_status.text()
    assert "amount_lag7" in panel.sample_model.frame.columns
    assert panel.missing_model.rowCount() >= preview.after.columns
    amount = panel.histograms.plots["amount"]  # scaled: a before and an after histogram
    assert len(amount.listDataItems()) == 2
    assert len(panel.histograms.plots["amount_lag1"].listDataItems()) == 1  # new column

    assert panel.save_button.isEnabled() and not panel.run_button.isEnabled()
    click(qtbot, panel.save_button)
    assert panel.version_box.currentData() == 1 and not panel.is_dirty()
    assert panel.run_button.isEnabled() and panel.export_button.isEnabled()
    assert not panel.save_button.isEnabled()
    assert panel.save_as_edit.text() == "demo_withdrawals_atm_daily_v1"

    panel.editor.select(1)
    type_into(qtbot, panel.editor.form.widgets["lags"], "1, 7, 28")
    assert panel.is_dirty() and panel.save_button.isEnabled()
    click(qtbot, panel.save_button)
    assert panel.version_box.currentData() == 2 and panel.version_box.count() == 2
    assert load_recipe(window.store, "atm_daily", 2).steps[1].params["lags"] == [1, 7, 28]

    choose(panel.version_box, 1)
    assert panel.is_read_only() and not panel.save_button.isEnabled()
    assert not panel.editor.add_button.isEnabled() and panel.edit_copy_button.isVisible()
    assert panel.editor.steps()[1] == ("lags", {"columns": ["amount"], "lags": [1, 7]})
    assert load_recipe(window.store, "atm_daily", 1).steps[1].params["lags"] == [1, 7]
    assert "read-only" in panel.message.text()
    choose(panel.version_box, 2)
    assert not panel.is_read_only() and panel.editor.add_button.isEnabled()


def test_bad_parameters_show_the_step_and_column_inline(qtbot, window: MainWindow) -> None:
    panel = open_panel(qtbot, window)
    set_name(qtbot, panel, "bad_lags")
    form = add_step(panel, "lags")
    assert "Step 1 (lags)" in panel.message.text()  # columns are required
    form["columns"].set_checked(["device_id"])
    type_into(qtbot, form["lags"], "1")
    text = panel.message.text()
    assert "Step 1 (lags)" in text and "'device_id'" in text and "text" in text
    assert panel.message_is_error is True
    assert not panel.save_button.isEnabled() and not panel.run_button.isEnabled()

    type_into(qtbot, form["lags"], "1, x")
    assert "Step 1 (lags), parameter 'lags'" in panel.message.text()
    form["columns"].set_checked(["count"])
    type_into(qtbot, form["lags"], "1")
    assert panel.message_is_error is False and panel.save_button.isEnabled()

    # A resample moved in front of the lags drops the 'count' column the lags read.
    form = add_step(panel, "resample")
    choose(form["frequency"], "daily")
    choose(form["aggregations"].boxes["amount"], "sum")
    assert panel.editor.selected() == 1 and panel.editor.up_button.isEnabled()
    click(qtbot, panel.editor.up_button)
    assert [kind for kind, _ in panel.editor.steps()] == ["resample", "lags"]
    text = panel.message.text()
    assert "Step 2 (lags)" in text and "'count'" in text and "does not exist" in text
    assert not panel.save_button.isEnabled() and not panel.run_button.isEnabled()
    panel.editor.select(1)
    assert "count (missing)" in [panel.editor.form.widgets["columns"].item(i).text()
                                 for i in range(panel.editor.form.widgets["columns"].count())]

    # Learned steps cannot move above the split; the split is offered once.
    add_step(panel, "split")
    add_step(panel, "scale")
    assert not panel.editor.up_button.isEnabled()
    assert not panel.editor.add_actions["split"].isEnabled()
    assert list_recipes(window.store) == []


def test_run_with_save_as_creates_a_derived_dataset(qtbot, window: MainWindow) -> None:
    store = window.store
    save_recipe(store, make_recipe("weekly_cash", [
        ("resample", {"frequency": "weekly", "aggregations": {"amount": "sum"}}),
        ("lags", {"columns": ["amount"], "lags": [1]}),
        ("split", {"method": "time", "last_days": 28}),
    ], note="weekly totals"))
    panel = window.panels["preprocess"]
    panel.refresh()
    window.show_panel("preprocess")
    panel.dataset_box.setCurrentText("demo_withdrawals")
    choose(panel.recipe_box, "weekly_cash")
    assert panel.note_edit.text() == "weekly totals" and panel.version_box.currentData() == 1
    assert panel.save_as_edit.text() == "demo_withdrawals_weekly_cash_v1"
    type_into(qtbot, panel.save_as_edit, "weekly_features")
    assert panel.run_button.isEnabled()
    with qtbot.waitSignal(panel.run_finished, timeout=60_000) as blocker:
        click(qtbot, panel.run_button)
        assert panel.cancel_button.isEnabled() and not panel.run_button.isEnabled()
    summary = blocker.args[0]
    assert summary["saved_as"] == "weekly_features" and summary["test_rows"] > 0
    derived = store.dataset("weekly_features")
    assert derived.parent_id == store.dataset("demo_withdrawals").id
    assert derived.recipe_id is not None and derived.row_count == summary["rows_out"]
    window.show_panel("data")
    assert "weekly_features" in window.data_panel.datasets_model.frame["name"].tolist()
    window.show_panel("preprocess")
    assert "train" in panel.run_summary.text() and "weekly_features" in panel.run_summary.text()
    assert not panel.cancel_button.isEnabled() and not panel.run_button.isEnabled()
    assert "already exists" in panel.run_button.toolTip()


def test_cancelling_a_run_saves_nothing(qtbot, window: MainWindow) -> None:
    store = window.store
    save_recipe(store, make_recipe("daily_lags", [("lags", {"columns": ["amount"],
                                                             "lags": [1]})]))
    panel = window.panels["preprocess"]
    panel.refresh()
    window.show_panel("preprocess")
    panel.dataset_box.setCurrentText("demo_withdrawals")
    choose(panel.recipe_box, "daily_lags")
    name = panel.save_as_edit.text()
    assert name == "demo_withdrawals_daily_lags_v1"
    with qtbot.waitSignal(panel.run_failed, timeout=30_000) as blocker:
        click(qtbot, panel.run_button)
        assert panel.progress.isVisible()
        click(qtbot, panel.cancel_button)  # before the job reaches its first cancel point
    assert blocker.args == [""]
    assert "cancelled" in panel.run_summary.text() and not panel.progress.isVisible()
    assert not store.has_dataset(name) and panel.run_button.isEnabled()


def test_import_rejects_bad_files_and_export_round_trips(qtbot, window: MainWindow, tmp_path,
                                                         monkeypatch) -> None:
    panel = open_panel(qtbot, window)
    chosen: dict[str, str] = {}
    monkeypatch.setattr(file_dialogs, "open_file_name",
                        lambda *a, **k: (chosen["open"], "Recipes (*.json)"))
    monkeypatch.setattr(file_dialogs, "save_file_name",
                        lambda *a, **k: (chosen["save"], "Recipes (*.json)"))

    broken = tmp_path / "broken.json"
    broken.write_text('{"name": "x", "steps": [', encoding="utf-8")
    chosen["open"] = str(broken)
    click(qtbot, panel.import_button)
    assert "not valid JSON" in panel.message.text() and panel.message_is_error
    unknown = tmp_path / "unknown.json"
    unknown.write_text(json.dumps({"name": "x", "steps": [{"type": "teleport"}]}), "utf-8")
    chosen["open"] = str(unknown)
    click(qtbot, panel.import_button)
    assert "Step 1" in panel.message.text() and "teleport" in panel.message.text()
    assert list_recipes(window.store) == []

    build_daily_recipe(qtbot, panel)
    click(qtbot, panel.save_button)
    exported = tmp_path / "atm_daily.json"
    chosen["save"] = str(exported)
    click(qtbot, panel.export_button)
    assert "Exported" in panel.message.text()
    document = json.loads(exported.read_text("utf-8"))
    assert document["name"] == "atm_daily" and document["version"] == 1
    assert [s["type"] for s in document["steps"]] == [
        "resample", "lags", "calendar", "split", "scale"]

    document["name"] = "atm_daily_copy"
    copy = tmp_path / "copy.json"
    copy.write_text(json.dumps(document), "utf-8")
    chosen["open"] = str(copy)
    click(qtbot, panel.import_button)
    assert panel.recipe_box.currentData() == "atm_daily_copy"
    assert panel.version_box.currentData() == 1 and not panel.is_dirty()
    assert (load_recipe(window.store, "atm_daily_copy").content()
            == load_recipe(window.store, "atm_daily").content())
    assert panel.editor.steps() == [(s["type"], s["params"]) for s in document["steps"]]


def test_screenshot_of_the_preprocess_panel(qtbot, window: MainWindow, tmp_path) -> None:
    panel = open_panel(qtbot, window)
    panel.author_edit.setText("A. Analyst")
    type_into(qtbot, panel.note_edit, "daily cash features for the cash-out model")
    build_daily_recipe(qtbot, panel)
    click(qtbot, panel.save_button)
    panel.editor.select(1)
    window.resize(1360, 860)
    qtbot.waitExposed(window)
    out_dir = Path(os.environ.get("IOTFIN_SCREENSHOT_DIR", tmp_path))
    out = out_dir / "preprocess-panel.png"
    image = window.grab()
    assert image.save(str(out)) and image.width() >= 1000 and out.stat().st_size > 20_000


#: A few core texts in Chinese, enough to see a core error reach the panel translated.
CORE_CHINESE = {
    "Step {step} ({type})": "第 {step} 步（{type}）",
    "parameter {param!r}": "参数 {param!r}",
    "this parameter is required": "必须填写此参数",
    "Lags": "滞后",
    "at {path}": "位于 {path}",
}


def core_translator(tmp_path: Path) -> QTranslator:
    """A translator for :data:`CORE_CHINESE` (context "Core"), built with Qt's lrelease."""
    messages = "".join(f"<message><source>{escape(source)}</source>"
                       f"<translation>{escape(text)}</translation></message>"
                       for source, text in CORE_CHINESE.items())
    ts = tmp_path / "core_zh.ts"
    ts.write_text('<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" '
                  f'language="zh_CN"><context><name>Core</name>{messages}</context></TS>',
                  encoding="utf-8")
    qm = tmp_path / "core_zh.qm"
    subprocess.run([str(Path(sys.executable).parent / "pyside6-lrelease"), "-silent", str(ts),
                    "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    return translator


def test_a_core_recipe_error_reaches_the_panel_translated(qtbot, window: MainWindow,
                                                          tmp_path) -> None:
    """The RecipeError the core raises keeps its Message: the panel shows it in the interface
    language, "step N (type), parameter 'x': " place included, while its str stays English."""
    panel = open_panel(qtbot, window)
    set_name(qtbot, panel, "chinese")
    translator = core_translator(tmp_path)
    QCoreApplication.installTranslator(translator)
    try:
        add_step(panel, "lags")
        assert panel.message_is_error is True
        assert panel.message.text() == (
            "第 1 步（lags）, 参数 'columns', 位于 steps[0].params.columns: 必须填写此参数")
        assert panel.editor.step_list.item(0).text() == "1. 滞后"
        with pytest.raises(RecipeError) as raised:
            panel.current_recipe()
        assert str(raised.value) == (
            "Step 1 (lags), parameter 'columns', at steps[0].params.columns: this parameter "
            "is required")
    finally:
        QCoreApplication.removeTranslator(translator)
