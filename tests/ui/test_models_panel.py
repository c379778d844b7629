"""The Models panel driven like a user: set up, train, read the leaderboard and the plots,
compare two runs, predict, cancel. Training stays tiny: a 300-row credit table, 3 folds, fast
models."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from iotfin_gui.core.demo.credit import simulate_credit_applications
from iotfin_gui.ui.main_window import MainWindow
from iotfin_gui.ui.panels.models import ModelsPanel

pytestmark = pytest.mark.gui

CREDIT = "credit_300"


@pytest.fixture
def panel(window: MainWindow) -> ModelsPanel:
    """The Models panel on the demo window with a 300-row credit table added."""
    frame = simulate_credit_applications(300, np.random.default_rng(7))
    window.store.write_dataset(CREDIT, frame, "table", roles={"defaulted": "label"},
                               source="test")
    window.refresh_all()
    window.show_panel("models")
    models = window.panels["models"]
    models.setup.dataset_box.setCurrentText(CREDIT)
    return models


def set_task(panel: ModelsPanel, task: str) -> None:
    panel.setup.task_box.setCurrentIndex(panel.setup.task_box.findData(task))


def train(qtbot, panel: ModelsPanel, models: list[str], *, folds: int = 3) -> list[dict]:
    panel.setup.set_models(models)
    panel.setup.folds_box.setValue(folds)
    with qtbot.waitSignal(panel.trained, timeout=60_000) as blocker:
        qtbot.mouseClick(panel.setup.train_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def select_rows(panel: ModelsPanel, run_ids: list[int]) -> None:
    """Click the leaderboard rows of ``run_ids`` (Ctrl+click after the first)."""
    view = panel.board.view
    ids = panel.board.model.frame["run_id"].tolist()
    for number, run_id in enumerate(run_ids):
        rect = view.visualRect(panel.board.model.index(ids.index(run_id), 1))
        modifier = Qt.KeyboardModifier.ControlModifier if number else \
            Qt.KeyboardModifier.NoModifier
        from pytestqt.qtbot import QtBot

        QtBot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def test_classification_training_fills_the_leaderboard_plots_and_diff(
        qtbot, window: MainWindow, panel: ModelsPanel, tmp_path: Path) -> None:
    assert panel.setup.target_box.currentText() == "defaulted"
    assert panel.setup.cv_box.currentData() == "stratified"
    baseline = panel.setup.model_list.item(0)
    assert baseline.data(Qt.ItemDataRole.UserRole) == "baseline"
    assert not baseline.flags() & Qt.ItemFlag.ItemIsUserCheckable
    panel.setup.cost_fn_box.setValue(4.0)
    results = train(qtbot, panel, ["logistic", "naive_bayes"])
    assert [r["model"] for r in results] == ["baseline", "logistic", "naive_bayes"]
    assert not panel.setup.progress.isVisible() and panel.setup.train_button.isEnabled()

    board = panel.board.model.frame
    assert len(board) == 3 and {"roc_auc", "expected_cost", "roc_auc_std"} <= set(board.columns)
    auc_column = list(board.columns).index("roc_auc")
    assert "±" in panel.board.model.index(0, auc_column).data()
    assert panel.board.view.isColumnHidden(list(board.columns).index("roc_auc_std"))
    assert board["cv"].iloc[0] == "stratified 3"

    logistic = next(r["run_id"] for r in results if r["model"] == "logistic")
    bayes = next(r["run_id"] for r in results if r["model"] == "naive_bayes")
    select_rows(panel, [logistic])
    assert panel.selected_runs() == [logistic]
    assert len(panel.plots.roc_plot.curves()) == 2  # the diagonal and the run's curve
    assert len(panel.plots.pr_plot.curves()) == 2
    assert panel.plots.confusion_plot.matrix is not None
    assert panel.plots.confusion_plot.matrix.sum() == 300
    threshold = window.store.run(logistic)["params"]["threshold"]
    assert panel.plots.cost_plot.threshold_line is not None
    assert panel.plots.cost_plot.threshold_line.value() == pytest.approx(threshold)
    assert panel.plots.importance_plot.features

    select_rows(panel, [logistic, bayes])
    assert sorted(panel.selected_runs()) == sorted([logistic, bayes])
    assert len(panel.plots.roc_plot.curves()) == 3  # two runs overlaid
    keys = set(panel.compare.params_model.frame["key"])
    assert "model" in keys and "label" not in keys  # the model key, not its display text
    models = panel.compare.params_model.frame.set_index("key").loc["model"]
    assert set(models[["a", "b"]]) == {"Logistic regression", "Gaussian naive Bayes"}
    assert "ROC AUC" in set(panel.compare.metrics_model.frame["name"])
    assert "Threshold" not in set(panel.compare.metrics_model.frame["name"])  # one threshold
    assert "(2)" in panel.plots.tabs.tabText(panel.plots.tabs.indexOf(panel.plots.pages["compare"]))

    # The leaderboard is kept across sessions: a fresh panel on the same store lists it.
    other = ModelsPanel(window.store, window.runner)
    qtbot.addWidget(other)
    other.refresh()
    assert len(other.board.model.frame) == 3

    select_rows(panel, [logistic])
    panel.plots.tabs.setCurrentWidget(panel.plots.roc_plot)
    window.resize(1360, 860)
    qtbot.wait(50)
    folder = Path(os.environ.get("IOTFIN_SCREENSHOT_DIR", tmp_path))
    out = folder / "models-panel.png"
    assert window.grab().save(str(out))
    assert out.stat().st_size > 10_000


def test_predict_saves_a_dataset_and_a_tampered_model_is_refused(
        qtbot, window: MainWindow, panel: ModelsPanel) -> None:
    results = train(qtbot, panel, ["logistic"])
    run = results[1]["run_id"]
    select_rows(panel, [run])

    with qtbot.waitSignal(panel.learning_curve_ready, timeout=60_000) as blocker:
        qtbot.mouseClick(panel.board.curve_button, Qt.MouseButton.LeftButton)
    assert set(blocker.args[0]["share"]) >= {0.5, 1.0}
    assert len(panel.plots.learning_plot.curves()) == 2

    dialog = panel.open_predict_dialog()
    assert dialog.dataset_box.currentText() == CREDIT
    dialog.save_box.setChecked(True)
    dialog.name_edit.setText("credit_scored")
    with qtbot.waitSignal(panel.predicted, timeout=60_000) as blocker:
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)
    assert blocker.args[0]["dataset"] == "credit_scored"
    assert window.store.has_dataset("credit_scored")
    assert {"prediction", "probability"} <= set(panel.predictions.model.frame.columns)
    assert len(panel.predictions.model.frame) == 300
    assert panel.setup.dataset_box.findText("credit_scored") >= 0  # the store change reached us

    model_file = Path(window.store.path).parent / window.store.run(run)["model_path"]
    data = bytearray(model_file.read_bytes())
    data[len(data) // 2] ^= 0xFF
    model_file.write_bytes(bytes(data))
    dialog = panel.open_predict_dialog()
    with qtbot.waitSignal(window.runner.failed, timeout=60_000):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)
    assert "changed or replaced" in panel.setup.status_label.text()
    assert "refusing to load" in panel.predictions.label.text()
    assert panel.board.predict_button.isEnabled()


def test_regression_draws_predicted_vs_actual(qtbot, panel: ModelsPanel) -> None:
    set_task(panel, "regression")
    assert panel.setup.cv_box.findData("stratified") == -1
    assert not panel.setup.cost_fp_box.isEnabled()
    panel.setup.target_box.setCurrentText("loan_amount")
    results = train(qtbot, panel, ["ridge"])
    assert [r["model"] for r in results] == ["baseline", "ridge"]
    assert "rmse" in panel.board.model.frame.columns
    points = panel.plots.pred_actual_plot.curves()[-1].getData()[0]
    assert len(points) == 300
    assert panel.plots.residual_plot.curves()
    assert not panel.plots.tabs.isTabVisible(panel.plots.tabs.indexOf(panel.plots.roc_plot))
    assert panel.plots.tabs.isTabVisible(panel.plots.tabs.indexOf(panel.plots.pred_actual_plot))


def test_clustering_with_an_edited_grid_draws_the_sweep_and_scatter(
        qtbot, panel: ModelsPanel) -> None:
    set_task(panel, "clustering")
    assert not panel.setup.target_box.isEnabled()
    panel.setup.model_list.setCurrentRow(1)
    editor = panel.setup.open_grid_editor()
    ok = editor.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(editor.json_button, Qt.MouseButton.LeftButton)
    editor.editor.setPlainText("{not json")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert editor.isVisible() and "Not valid JSON" in editor.message.text()
    editor.editor.setPlainText(json.dumps({"clusterer__k": [2, 3]}))
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert editor.isVisible() and "no parameter 'clusterer__k'" in editor.message.text()
    editor.editor.setPlainText(json.dumps({"clusterer__n_clusters": [2, 3, 4]}))
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    assert "[grid edited]" in panel.setup.model_list.item(1).text()
    assert panel.setup.train_options()["grids"] == {"kmeans": {"clusterer__n_clusters": [2, 3, 4]}}

    results = train(qtbot, panel, ["kmeans"])
    kmeans = results[1]["run_id"]
    select_rows(panel, [kmeans])
    inertia = panel.plots.sweep_plot.inertia_plot.listDataItems()[0].getData()
    assert list(inertia[0]) == [2.0, 3.0, 4.0]
    assert panel.plots.sweep_plot.silhouette_plot.listDataItems()
    scatter_points = sum(len(c.getData()[0]) for c in panel.plots.cluster_plot.curves())
    assert scatter_points == 300
    assert "size" in panel.plots.profiles_model.frame.columns
    assert not panel.board.curve_button.isEnabled()


def test_cancelling_a_grid_search_leaves_no_run(qtbot, window: MainWindow,
                                                panel: ModelsPanel) -> None:
    panel.setup.search_box.setCurrentIndex(panel.setup.search_box.findData("grid"))
    panel.setup.set_models(["random_forest"])
    panel.setup.folds_box.setValue(3)
    before = len(panel.board.model.frame)
    qtbot.mouseClick(panel.setup.train_button, Qt.MouseButton.LeftButton)
    assert panel.setup.cancel_button.isEnabled() and not panel.setup.train_button.isEnabled()
    qtbot.waitUntil(lambda: "candidate" in panel.setup.status_label.text(), timeout=60_000)
    with qtbot.waitSignal(window.runner.cancelled, timeout=30_000):
        qtbot.mouseClick(panel.setup.cancel_button, Qt.MouseButton.LeftButton)
    assert "cancelled" in panel.setup.status_label.text()
    assert panel.setup.train_button.isEnabled() and not panel.setup.cancel_button.isEnabled()
    assert len(panel.board.model.frame) == before
    count = window.store.conn.execute(
        "SELECT count(*) FROM runs WHERE kind = 'train'").fetchone()[0]
    assert count == 0


def test_multiclass_run_draws_an_n_by_n_matrix_and_hides_two_class_tabs(
        qtbot, window: MainWindow, panel: ModelsPanel) -> None:
    from tests.core.models_fixtures import fault_type_frame

    window.store.write_dataset("fault_types", fault_type_frame(), "table",
                               roles={"fault_type": "label"}, source="test")
    window.refresh_all()
    panel.setup.dataset_box.setCurrentText("fault_types")
    panel.setup.target_box.setCurrentText("fault_type")
    results = train(qtbot, panel, ["logistic"])
    assert "not used" in panel.setup.status_label.text()
    select_rows(panel, [results[1]["run_id"]])
    assert panel.plots.confusion_plot.matrix.shape == (3, 3)
    assert panel.plots.confusion_plot.matrix.sum() == 240
    assert panel.plots.confusion_plot.labels == ["none", "overheat", "power"]
    assert len(panel.plots.roc_plot.curves()) == 4  # the diagonal and one curve per class
    assert panel.plots.roc_plot.legend_labels() == ["none", "overheat", "power"]
    assert len(panel.plots.pr_plot.curves()) == 3  # one per class, no prevalence line
    assert panel.plots.class_bar.isVisible()
    for key in ("calibration", "cost"):
        assert not panel.plots.tabs.isTabVisible(panel.plots.tabs.indexOf(panel.plots.pages[key]))
    assert panel.plots.tabs.isTabVisible(panel.plots.tabs.indexOf(panel.plots.pages["pr"]))
    assert panel.plots.tabs.isTabVisible(panel.plots.tabs.indexOf(panel.plots.confusion_plot))
    assert panel.plots.importance_plot.features

    panel.setup.dataset_box.setCurrentText(CREDIT)
    panel.setup.target_box.setCurrentText("defaulted")
    binary = train(qtbot, panel, ["naive_bayes"])
    select_rows(panel, [binary[1]["run_id"]])
    assert panel.plots.confusion_plot.matrix.shape == (2, 2)
    assert panel.plots.tabs.isTabVisible(panel.plots.tabs.indexOf(panel.plots.pages["cost"]))
    assert not panel.plots.class_bar.isVisible()
