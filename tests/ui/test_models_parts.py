"""The Models panel's parts driven alone: the grid editor (table and JSON in sync, bad values
named), the set-up form's positive class, and the leaderboard and evaluation plots of a tiny
trained store (scores named by metric, one threshold everywhere, legends outside the data,
every importance bar labelled, plots for the report)."""

from __future__ import annotations

import json
import re

import pyqtgraph as pg
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from iotfin_gui.core.models import train
from iotfin_gui.ui.model_plots import ImportancePlot, RocPlot
from iotfin_gui.ui.models.evaluation_plots import EvaluationPlots
from iotfin_gui.ui.models.grid_editor import GridEditor, parse_value, split_values, value_text
from iotfin_gui.ui.models.leaderboard import Leaderboard
from iotfin_gui.ui.models.setup_form import SetupForm
from iotfin_gui.ui.panels.models import ModelsPanel
from tests.core.models_fixtures import classification_frame, fault_type_frame

pytestmark = pytest.mark.gui

VALUES = st.one_of(st.integers(-1000, 1000), st.floats(-1e6, 1e6, allow_nan=False),
                   st.sampled_from(["sqrt", "log2", "scale", "uniform", "a b"]), st.none(),
                   st.booleans(), st.lists(st.integers(1, 256), min_size=1, max_size=3))


@given(st.lists(VALUES, min_size=1, max_size=6))
def test_a_values_cell_reads_back_what_it_shows(values):
    text = ", ".join(value_text(v) for v in values)
    assert [parse_value(part) for part in split_values(text)] == values


@given(st.text(max_size=40))
def test_any_typed_cell_splits_and_reads_or_is_refused(text):
    parts = split_values(text)
    assert re.sub(r"\s", "", ",".join(parts)) == re.sub(r"\s", "", text)
    for part in parts:
        try:
            parse_value(part)
        except json.JSONDecodeError:
            assert part[:1] in "[{\""  # only JSON-looking text is refused; the rest is text


def cell(editor: GridEditor, row: int, column: int) -> str:
    return editor.table.item(row, column).text()


def test_grid_editor_table_and_json_stay_in_sync_and_name_the_bad_parameter(qtbot):
    editor = GridEditor("classification", "random_forest",
                        {"max_features": ["sqrt", 0.5], "min_samples_leaf": [1, 3, 10]})
    qtbot.addWidget(editor)
    editor.show()
    assert [cell(editor, r, 0) for r in range(2)] == ["max_features", "min_samples_leaf"]
    assert cell(editor, 0, 1) == "sqrt, 0.5" and cell(editor, 1, 1) == "1, 3, 10"
    ok = editor.buttons.button(QDialogButtonBox.StandardButton.Ok)

    editor.table.item(0, 1).setText("sqrt, most")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert editor.isVisible()
    assert "'max_features'" in editor.message.text() and "'most'" in editor.message.text()

    editor.table.item(0, 1).setText("sqrt, 0.3")
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    editor.table.item(2, 0).setText("criterion")
    editor.table.item(2, 1).setText("gini, entropy")
    qtbot.mouseClick(editor.json_button, Qt.MouseButton.LeftButton)
    assert editor.views.currentWidget() is editor.editor
    assert json.loads(editor.editor.toPlainText()) == {
        "max_features": ["sqrt", 0.3], "min_samples_leaf": [1, 3, 10],
        "criterion": ["gini", "entropy"]}

    editor.editor.setPlainText(json.dumps({"n_estimators": [50, 100]}))
    qtbot.mouseClick(editor.json_button, Qt.MouseButton.LeftButton)
    assert editor.views.currentIndex() == 0
    assert editor.table.rowCount() == 1 and cell(editor, 0, 1) == "50, 100"

    editor.table.item(0, 1).setText("50,, 100")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert "n_estimators: a value is missing" in editor.message.text()
    editor.table.item(0, 1).setText("50, [1")
    qtbot.mouseClick(editor.json_button, Qt.MouseButton.LeftButton)
    assert editor.views.currentIndex() == 0  # an unreadable table stays in view
    assert "n_estimators: cannot read the value [1" in editor.message.text()
    editor.table.item(0, 1).setText("50, 100")
    with qtbot.waitSignal(editor.accepted):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert editor.grid == {"n_estimators": [50, 100]}


def test_setup_form_offers_the_positive_class_and_passes_the_choice(qtbot, store):
    frame = classification_frame().assign(bad=lambda f: f["bad"].map({0: "good", 1: "bad"}))
    store.write_dataset("apps", frame, "table", roles={"bad": "label"}, source="test")
    store.write_dataset("faults", fault_type_frame(), "table", roles={"fault_type": "label"},
                        source="test")
    form = SetupForm(store)
    qtbot.addWidget(form)
    form.refresh()
    form.dataset_box.setCurrentText("apps")
    assert form.target_box.currentText() == "bad"
    assert form.positive_box.isEnabled() and form.positive_box.count() == 2
    assert form.positive_box.currentData() == "bad"
    assert "the class named like the event" in form.positive_hint.text()
    assert form.train_options()["positive"] == "bad"

    form.positive_box.setCurrentIndex(form.positive_box.findData("good"))
    assert form.train_options()["positive"] == "good"
    assert "about class good" in form.positive_hint.text()

    form.target_box.setCurrentText("segment")  # three classes: no positive class
    assert not form.positive_box.isEnabled() and form.train_options()["positive"] is None
    assert "3 classes" in form.positive_box.currentText()
    form.target_box.setCurrentText("x1")  # a number column: far too many classes
    assert "more than 50 classes" in form.positive_box.currentText()
    form.dataset_box.setCurrentText("faults")
    assert not form.positive_box.isEnabled()
    form.task_box.setCurrentIndex(form.task_box.findData("regression"))
    assert "positive" not in form.train_options()


@pytest.fixture
def trained(store):
    """A store with a baseline and a logistic regression trained on 160 rows."""
    store.write_dataset("apps", classification_frame(), "table", roles={"bad": "label"},
                        source="test")
    results = train(store, "apps", target="bad", task="classification",
                    models=["logistic"], folds=3, cv="stratified")
    return store, results[1].run_id


def test_leaderboard_names_every_score_and_shows_the_applied_threshold(qtbot, trained):
    store, run = trained
    board = Leaderboard()
    qtbot.addWidget(board)
    assert board.reload(store, "classification", "Classification") == 2
    model = board.model
    headers = {model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())}
    assert {"ROC AUC (CV)", "F1 at threshold (CV)", "Threshold applied", "Model"} <= headers
    assert "CV: mean ± standard deviation" in board.title.text()
    frame = model.frame.set_index("run_id")
    assert frame.loc[run, "label"] == "Logistic regression"
    assert frame.loc[run, "threshold"] == pytest.approx(store.run(run)["params"]["threshold"])
    assert board.selected_runs() == [board.run_ids()[0]]  # the best run is selected


def test_every_plot_of_a_run_shows_the_one_threshold_and_keeps_legends_off_the_data(
        qtbot, trained):
    from iotfin_gui.core.models import evaluation

    store, run = trained
    threshold = store.run(run)["params"]["threshold"]
    plots = EvaluationPlots()
    qtbot.addWidget(plots)
    plots.show_classification([(f"#{run} Logistic regression", evaluation(store, run))],
                              threshold)
    shown = f"{threshold:.2f}"
    title = plots.confusion_plot.getPlotItem().titleLabel.text
    assert f"threshold {shown}" in title and "F1" in title
    assert plots.cost_plot.threshold_line.value() == pytest.approx(threshold)
    assert shown in plots.cost_plot.threshold_line.label.toPlainText()
    roc = plots.roc_plot.getPlotItem()
    assert roc.legend is plots.roc_plot.legend
    assert plots.roc_plot.legend.parentItem() is roc  # beside the view box, not inside it
    assert plots.roc_plot.legend_labels() == [f"#{run} Logistic regression"]
    axis = plots.importance_plot.getAxis("bottom").labelText
    assert "ROC AUC" in axis


def test_every_importance_bar_is_labelled_even_long_names(qtbot):
    plot = ImportancePlot()
    qtbot.addWidget(plot)
    rows = [{"feature": f"feature_{i}" + ("_with_a_very_long_name" * 4 if i == 0 else ""),
             "mean": 0.3 - i / 100, "std": 0.01} for i in range(20)]
    plot.show_bars(rows, "rmse")
    plot.resize(700, 420)
    plot.show()
    qtbot.wait(20)
    assert len(plot.tick_labels) == 15 and plot.features[0].startswith("feature_0")
    ticks = plot.getAxis("left")._tickLevels[0]
    assert [label for _, label in ticks] == plot.tick_labels
    assert "…" in plot.tick_labels[-1]  # the most important, on top, elided in the middle
    assert plot.getAxis("left").style["hideOverlappingLabels"] is False
    view = plot.getPlotItem().vb.viewRange()[1]
    assert view[0] < 0 and view[1] > 14  # the top bar's row is inside the view
    assert "Rise in RMSE" in plot.getAxis("bottom").labelText


def test_roc_legend_is_outside_the_plot_area(qtbot):
    plot = RocPlot()
    qtbot.addWidget(plot)
    plot.show_runs([("#1 a", {"fpr": [0, 1], "tpr": [0, 1]}),
                    ("#2 b", {"fpr": [0, 0.5, 1], "tpr": [0, 0.8, 1]})])
    plot.resize(600, 360)
    plot.show()
    qtbot.wait(20)
    legend = plot.legend.sceneBoundingRect()
    view = plot.getPlotItem().vb.sceneBoundingRect()
    assert legend.left() >= view.right() - 1  # right of the data, not over it
    assert isinstance(plot.legend, pg.LegendItem)


def test_the_models_panel_gives_the_selected_runs_plots_to_its_report(qtbot, trained, runner):
    store, run = trained
    panel = ModelsPanel(store, runner)
    qtbot.addWidget(panel)
    panel.refresh()
    panel.board.select_runs([run])
    names = panel.plot_images(run, render=False)
    assert set(names) == {f"run{run}_{k}" for k in ("roc", "pr", "confusion", "cost",
                                                      "importance")}
    images = panel.plot_images(run)
    assert all(png.startswith(b"\x89PNG") for png in images.values())
    assert panel.plot_images(run + 99, render=False) == {}


def test_the_default_task_follows_a_numeric_target(qtbot, store):
    """A store whose first dataset's target is a measure: the default set-up is a regression
    (classification could only fail); a two-class target brings classification back."""
    frame = classification_frame()
    store.write_dataset("amounts", frame.drop(columns=["bad"]), "table", roles={"x1": "label"},
                        source="test")
    store.write_dataset("apps", frame, "table", roles={"bad": "label"}, source="test")
    form = SetupForm(store)
    qtbot.addWidget(form)
    with qtbot.waitSignal(form.task_changed, timeout=10_000) as changed:
        form.refresh()
        form.dataset_box.setCurrentText("amounts")
    assert changed.args == ["regression"] and form.target_box.currentText() == "x1"
    assert form.train_options()["task"] == "regression"
    assert "positive" not in form.train_options()
    form.dataset_box.setCurrentText("apps")
    assert form.task() == "classification" and form.target_box.currentText() == "bad"
    assert form.positive_box.isEnabled()
