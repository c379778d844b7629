"""The Models panel with several multiclass runs selected: per-class one-vs-rest ROC and PR
curves overlaid for every run, the class selector (every class, macro average, one class),
legends that name run and class; and the Search tab of a nested search trained from the
panel."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from iotfin_gui.core.models import evaluation, train
from iotfin_gui.ui.main_window import MainWindow
from iotfin_gui.ui.model_plots import STYLES
from iotfin_gui.ui.models.evaluation_plots import EVERY_CLASS, MACRO
from iotfin_gui.ui.panels.models import ModelsPanel
from tests.core.models_fixtures import classification_frame, fault_type_frame

pytestmark = pytest.mark.gui

CLASSES = ["none", "overheat", "power"]


def click_rows(panel: ModelsPanel, run_ids: list[int]) -> None:
    """Click the leaderboard rows of ``run_ids`` (Ctrl+click after the first)."""
    view = panel.board.view
    ids = panel.board.model.frame["run_id"].tolist()
    for number, run_id in enumerate(run_ids):
        rect = view.visualRect(panel.board.model.index(ids.index(run_id), 1))
        modifier = (Qt.KeyboardModifier.ControlModifier if number
                    else Qt.KeyboardModifier.NoModifier)
        QtBot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def choose_class(panel: ModelsPanel, data: str) -> None:
    panel.plots.class_box.setCurrentIndex(panel.plots.class_box.findData(data))


def x_values(plot) -> list[np.ndarray]:
    """The x data of every curve but the guide line (drawn first)."""
    return [curve.getData()[0] for curve in plot.curves()[1:]]


@pytest.fixture
def two_multiclass_runs(window: MainWindow) -> tuple[ModelsPanel, int, int]:
    window.store.write_dataset("fault_types", fault_type_frame(), "table",
                               roles={"fault_type": "label"}, source="test")
    _, logistic, bayes = train(window.store, "fault_types", target="fault_type",
                               task="classification", models=["logistic", "naive_bayes"],
                               cv="stratified", folds=3)
    window.show_panel("models")
    panel = window.panels["models"]
    panel.refresh()
    return panel, logistic.run_id, bayes.run_id


def test_two_multiclass_runs_overlay_every_class(qtbot, window: MainWindow,
                                                 two_multiclass_runs) -> None:
    panel, logistic, bayes = two_multiclass_runs
    model = panel.board.model
    headers = {model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())}
    assert "F1 (CV)" in headers and "F1 at threshold (CV)" not in headers  # no threshold
    click_rows(panel, [logistic, bayes])
    assert sorted(panel.selected_runs()) == sorted([logistic, bayes])
    first, second = panel.selected_runs()
    assert panel.plots.class_bar.isVisible() and panel.plots.class_box.currentData() == EVERY_CLASS
    assert [panel.plots.class_box.itemData(i) for i in range(panel.plots.class_box.count())] == \
        [EVERY_CLASS, MACRO, *CLASSES]
    assert len(panel.plots.roc_plot.curves()) == 1 + 2 * 3  # the diagonal, 3 classes of 2 runs
    assert len(panel.plots.pr_plot.curves()) == 2 * 3
    labels = panel.plots.roc_plot.legend_labels()
    assert len(labels) == 6
    for run in (first, second):
        for name in CLASSES:
            assert sum(label.startswith(f"#{run} ") and label.endswith(f"— {name}")
                       for label in labels) == 1
    pens = [curve.opts["pen"] for curve in panel.plots.roc_plot.curves()[1:]]
    assert [p.style() for p in pens] == [STYLES[0]] * 3 + [STYLES[1]] * 3  # one style a run
    assert pens[0].color() == pens[3].color() != pens[1].color()  # one colour a class
    stored = evaluation(window.store, first)
    assert np.allclose(x_values(panel.plots.roc_plot)[1],
                       stored["roc_per_class"]["overheat"]["fpr"])
    assert np.allclose(x_values(panel.plots.pr_plot)[2][:5],
                       stored["pr_per_class"]["power"]["recall"][:5])


def test_class_selector_draws_one_curve_per_run(qtbot, window: MainWindow,
                                                two_multiclass_runs) -> None:
    panel, logistic, bayes = two_multiclass_runs
    click_rows(panel, [logistic, bayes])
    first, second = panel.selected_runs()

    choose_class(panel, "power")
    assert len(panel.plots.roc_plot.curves()) == 1 + 2
    assert len(panel.plots.pr_plot.curves()) == 1 + 2  # the class's prevalence, then the runs
    assert all(label.endswith("— power") for label in panel.plots.roc_plot.legend_labels())
    assert [label.split()[0] for label in panel.plots.pr_plot.legend_labels()] == \
        [f"#{first}", f"#{second}"]
    prevalence = panel.plots.pr_plot.curves()[0].getData()[1]
    assert prevalence == pytest.approx([np.mean(fault_type_frame()["fault_type"] == "power")] * 2)
    for run, xs in zip((first, second), x_values(panel.plots.roc_plot), strict=True):
        assert np.allclose(xs, evaluation(window.store, run)["roc_per_class"]["power"]["fpr"])

    choose_class(panel, MACRO)
    assert len(panel.plots.roc_plot.curves()) == 1 + 2
    assert len(panel.plots.pr_plot.curves()) == 1 + 2
    assert all("macro average" in label for label in panel.plots.roc_plot.legend_labels())
    macro = evaluation(window.store, first)["roc_macro"]
    assert np.allclose(panel.plots.roc_plot.curves()[1].getData()[1], macro["tpr"])

    choose_class(panel, "overheat")
    click_rows(panel, [bayes])  # the choice stays when the selection changes
    assert panel.plots.class_box.currentData() == "overheat"
    assert len(panel.plots.roc_plot.curves()) == 1 + 1
    assert f"#{bayes}" in panel.plots.roc_plot.getPlotItem().titleLabel.text


def test_nested_search_from_the_panel_shows_each_folds_choice(qtbot, window: MainWindow) -> None:
    window.store.write_dataset("apps", classification_frame(), "table",
                               roles={"bad": "label"}, source="test")
    window.show_panel("models")
    panel = window.panels["models"]
    panel.refresh()
    panel.setup.dataset_box.setCurrentText("apps")
    assert not panel.setup.inner_folds_box.isEnabled()
    panel.setup.search_box.setCurrentIndex(panel.setup.search_box.findData("grid"))
    assert panel.setup.inner_folds_box.isEnabled() and panel.setup.inner_folds_box.value() == 3
    panel.setup.inner_folds_box.setValue(2)
    panel.setup.set_models(["knn"])
    panel.setup.folds_box.setValue(3)
    panel.setup.model_list.setCurrentRow(next(i for i in range(panel.setup.model_list.count())
                                        if panel.setup.model_list.item(i).data(
                                            Qt.ItemDataRole.UserRole) == "knn"))
    editor = panel.setup.open_grid_editor()
    editor.json_button.click()
    editor.editor.setPlainText('{"n_neighbors": [5, 25]}')
    editor.accept()
    assert panel.setup.train_options()["inner_folds"] == 2
    with qtbot.waitSignal(panel.trained, timeout=120_000) as blocker:
        qtbot.mouseClick(panel.setup.train_button, Qt.MouseButton.LeftButton)
    knn = next(r["run_id"] for r in blocker.args[0] if r["model"] == "knn")
    board = panel.board.model.frame.set_index("run_id")
    assert board.loc[knn, "search_label"] == "grid, nested (inner stratified 2)"
    click_rows(panel, [knn])
    assert "nested grid search" in panel.search.label.text()
    assert "stratified 2" in panel.search.label.text()
    folds = panel.search.folds_model.frame
    assert list(folds["fold"]) == [1, 2, 3]
    assert all(text in ("n_neighbors=5", "n_neighbors=25") for text in folds["params"])
    assert len(panel.search.candidates_model.frame) == 2
