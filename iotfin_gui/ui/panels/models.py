"""The Models panel: train, compare, evaluate and apply classification, regression and
clustering models.

Left, the set-up: dataset, target, task, optional recipe version, the models to train (the
baseline always), the CV scheme, the hyperparameter search with a JSON grid editor per model,
the cost matrix and class weights, the seed; Train runs :func:`train_job` in the background
with progress per model and candidate, and Cancel. Right, the leaderboard of every training
run of the task (kept in the store), the evaluation plots of the selected run(s), the
parameter and metric diff of two selected runs, a learning curve on demand and predictions of
the selected run on any dataset.

ROC and PR curves of several selected runs are overlaid. For multiclass runs a class selector
above the plots shows every class's one-vs-rest curve (colour = class, line style = run), the
macro average (one curve per run), or one class (one curve per run). The Search tab says how
the first selected run was tuned: nested or not, the inner CV, the candidates of the final
search and the parameters chosen in each outer fold.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any

import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from iotfin_gui.core import parallel
from iotfin_gui.core.errors import UserFacingError, user_message
from iotfin_gui.core.jobs import JobSpec, clock
from iotfin_gui.core.models import (
    CLASSIFICATION_METRICS,
    CLUSTERING_METRICS,
    CV_LABELS,
    CV_SCHEMES,
    INNER_FOLDS,
    METRIC_LABELS,
    REGRESSION_METRICS,
    SEARCH_LABELS,
    describe_models,
    diff_runs,
    evaluation,
    leaderboard,
    learning_curve_job,
    model_spec,
    predict_job,
    train_job,
)
from iotfin_gui.core.models.cv import describe_cv
from iotfin_gui.core.models.search import check_grid
from iotfin_gui.core.models.specs import default_models, estimate_seconds
from iotfin_gui.core.recipes import list_recipes, recipe_versions
from iotfin_gui.ui.dialogs import error_box
from iotfin_gui.ui.i18n import number, translated
from iotfin_gui.ui.model_plots import (
    CalibrationPlot,
    ClusterScatter,
    ConfusionPlot,
    CostPlot,
    Curve,
    ImportancePlot,
    LearningCurvePlot,
    PredictedActualPlot,
    PrPlot,
    ResidualPlot,
    RocPlot,
    SweepPlot,
)
from iotfin_gui.ui.panels.base import EmptyState, Panel
from iotfin_gui.ui.table_model import DataFrameModel, table_view

if TYPE_CHECKING:
    from iotfin_gui.core.store import Store
    from iotfin_gui.ui.jobs import JobRunner

#: Leaderboard metric columns per task, the ones analysts rank by first.
TASK_METRICS = {
    "classification": ("roc_auc", "pr_auc", "expected_cost", "threshold",
                       *(m for m in CLASSIFICATION_METRICS if m not in (
                           "roc_auc", "pr_auc", "expected_cost", "threshold"))),
    "regression": ("rmse", "mae", "r2", *(m for m in REGRESSION_METRICS
                                          if m not in ("rmse", "mae", "r2"))),
    "clustering": CLUSTERING_METRICS,
}
#: Models ticked when a task is chosen (besides the baseline, which is always trained).
DEFAULT_MODELS = {"classification": ("logistic", "random_forest"),
                  "regression": ("ridge", "random_forest"), "clustering": ("kmeans",)}
#: The evaluation tabs each task shows (keys of ``ModelsPanel.tab_pages``).
TASK_TABS = {
    "classification": ("roc", "pr", "confusion", "calibration", "cost", "importance",
                       "learning", "search", "compare", "predictions"),
    "regression": ("pred_actual", "residuals", "importance", "learning", "search", "compare",
                   "predictions"),
    "clustering": ("sweep", "scatter", "profiles", "compare", "predictions"),
}
#: The most runs whose ROC and PR curves are overlaid.
MAX_OVERLAID = 6
#: Class selector entries that are not a class: every class's curve, or the macro average.
EVERY_CLASS, MACRO = "\x00every", "\x00macro"


def _params_text(params: dict[str, Any] | None) -> str:
    """Estimator parameters as ``name=value, ...`` (names and values are data)."""
    return ", ".join(f"{name}={json.dumps(value)}" for name, value in (params or {}).items())


class LeaderboardModel(DataFrameModel):
    """The leaderboard: metric means shown as ``mean ± std`` (sorted by the mean); the
    ``<metric>_std`` columns stay in the frame (hidden by the view)."""

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return super().data(index, role)
        frame = self.frame
        name = str(frame.columns[index.column()])
        value = frame.iat[index.row(), index.column()]
        if isinstance(value, float) and math.isfinite(value) and name not in ("run_id", "seed"):
            decimals = 0 if abs(value) >= 1e4 else 3
            text = number(value, decimals)
            spread_column = f"{name}_std"
            if spread_column in frame.columns:
                spread = frame.at[index.row(), spread_column]
                if isinstance(spread, float) and math.isfinite(spread):
                    text += " ± " + number(spread, decimals)
            return text
        return super().data(index, role)


class GridEditor(QDialog):
    """Edit one model's search grid as JSON (``{"parameter": [values...]}``), checked against
    the model's parameters before it is accepted."""

    def __init__(self, task: str, model: str, grid: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = model_spec(task, model)
        self.grid: dict[str, Any] = dict(grid)
        self.setWindowTitle(self.tr("Search grid: %1").replace("%1",
                                                               translated(self.spec.label)))
        self.editor = QPlainTextEdit(json.dumps(grid, indent=2), self)
        self.editor.setMinimumSize(420, 220)
        self.message = QLabel(self.tr(
            "Each parameter with a list of values to try, e.g. {\"C\": [0.1, 1, 10]}."), self)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            self.restore_default)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def restore_default(self) -> None:
        self.editor.setPlainText(json.dumps({k: list(v) for k, v in self.spec.grid.items()},
                                            indent=2))

    def validate(self) -> dict[str, Any] | None:
        """The grid in the editor, or None with the problem shown under it."""
        try:
            grid = json.loads(self.editor.toPlainText() or "{}")
            if not isinstance(grid, dict):
                raise UserFacingError(self.tr("The grid must be a JSON object of parameter "
                                              "names and lists of values."))
            check_grid(self.spec, grid)
        except json.JSONDecodeError as error:
            self.message.setText(self.tr("Not valid JSON (line %1, column %2): %3")
                                 .replace("%1", number(error.lineno))
                                 .replace("%2", number(error.colno)).replace("%3", error.msg))
            return None
        except UserFacingError as error:
            self.message.setText(translated(user_message(error)))
            return None
        return {k: v if isinstance(v, list) else [v] for k, v in grid.items()}

    def accept(self) -> None:
        grid = self.validate()
        if grid is None:
            self.message.setStyleSheet("color: #b00020;")
            return
        self.grid = grid
        super().accept()


class PredictDialog(QDialog):
    """Which dataset to apply a run's model to, and whether to save the predictions."""

    def __init__(self, run_id: int, datasets: list[str], default: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run_id = run_id
        self.setWindowTitle(self.tr("Predict with run #%1").replace("%1", str(run_id)))
        self.dataset_box = QComboBox(self)
        self.dataset_box.addItems(datasets)
        if default in datasets:
            self.dataset_box.setCurrentText(default)
        self.save_box = QCheckBox(self.tr("Save the predictions as a dataset"), self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setEnabled(False)
        self.save_box.toggled.connect(self.name_edit.setEnabled)
        self.dataset_box.currentTextChanged.connect(self._suggest_name)
        self._suggest_name()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Predict"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Dataset"), self.dataset_box)
        form.addRow(self.save_box)
        form.addRow(self.tr("New dataset name"), self.name_edit)
        form.addRow(self.buttons)

    def _suggest_name(self, *args: object) -> None:
        self.name_edit.setText(f"{self.dataset_box.currentText()}_scored_run{self.run_id}")

    def save_as(self) -> str | None:
        name = self.name_edit.text().strip()
        return name if self.save_box.isChecked() and name else None


class ModelsPanel(Panel):
    """Trains models as background jobs and compares, evaluates and applies them."""

    #: The run summaries of a finished training (after the leaderboard was reloaded).
    trained = Signal(object)
    #: The predict job's result (``frame``, ``dataset``, ``predict_run_id``).
    predicted = Signal(object)
    #: A learning curve was drawn (its DataFrame).
    learning_curve_ready = Signal(object)

    def __init__(self, store: Store, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(store, runner, parent)
        self.grids: dict[tuple[str, str], dict[str, Any]] = {}
        self.train_job_id: int | None = None
        self._evaluations: dict[int, dict[str, Any]] = {}
        self.grid_editor: GridEditor | None = None
        self.predict_dialog: PredictDialog | None = None
        self._build_setup()
        self._build_results()
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.setup_scroll)
        splitter.addWidget(self.results_stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([400, 880])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.runner.progressed.connect(self._on_progress)
        self._task_changed()

    # --- building --------------------------------------------------------------------------

    def _build_setup(self) -> None:
        box = QGroupBox(self.tr("Set-up"), self)
        self.dataset_box = QComboBox(box)
        self.dataset_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.dataset_box.setMinimumContentsLength(14)
        self.dataset_box.currentTextChanged.connect(self._dataset_changed)
        self.task_box = QComboBox(box)
        for task, label in (("classification", self.tr("Classification")),
                            ("regression", self.tr("Regression")),
                            ("clustering", self.tr("Clustering"))):
            self.task_box.addItem(label, task)
        self.task_box.currentIndexChanged.connect(self._task_changed)
        self.target_box = QComboBox(box)
        self.recipe_box = QComboBox(box)
        self.model_list = QListWidget(box)
        self.model_list.setFixedHeight(150)
        self.model_list.currentItemChanged.connect(self._update_grid_button)
        self.edit_grid_button = QPushButton(self.tr("Edit grid…"), box)
        self.edit_grid_button.setToolTip(self.tr("Edit the search grid of the highlighted model"))
        self.edit_grid_button.clicked.connect(lambda: self.open_grid_editor())
        self.cv_box = QComboBox(box)
        self.folds_box = QSpinBox(box)
        self.folds_box.setRange(2, 20)
        self.folds_box.setValue(5)
        self.repeats_box = QSpinBox(box)
        self.repeats_box.setRange(1, 10)
        self.search_box = QComboBox(box)
        self.search_box.addItem(self.tr("none (defaults)"), "")
        for value, label in SEARCH_LABELS.items():
            self.search_box.addItem(translated(label), value)
        self.search_box.setToolTip(self.tr("A tuned model is scored by nested cross-validation: "
                                           "in every fold the search sees only that fold's "
                                           "training rows"))
        self.search_box.currentIndexChanged.connect(self._update_enabled)
        self.n_iter_box = QSpinBox(box)
        self.n_iter_box.setRange(2, 100)
        self.n_iter_box.setValue(8)
        self.inner_folds_box = QSpinBox(box)
        self.inner_folds_box.setRange(2, 10)
        self.inner_folds_box.setValue(INNER_FOLDS)
        self.inner_folds_box.setToolTip(self.tr("Folds of the search inside each training fold "
                                                "(nested CV); each candidate is fitted this "
                                                "many times per fold"))
        self.cost_fp_box = QDoubleSpinBox(box)
        self.cost_fn_box = QDoubleSpinBox(box)
        for spin, value in ((self.cost_fp_box, 1.0), (self.cost_fn_box, 5.0)):
            spin.setRange(0.0, 99_999.0)
            spin.setDecimals(2)
            spin.setValue(value)
        self.cost_fp_box.setToolTip(self.tr("Cost of flagging a good case (false positive)"))
        self.cost_fn_box.setToolTip(self.tr("Cost of missing a bad case (false negative)"))
        self.class_weight_box = QComboBox(box)
        self.class_weight_box.addItem(self.tr("none"), None)
        self.class_weight_box.addItem(self.tr("balanced"), "balanced")
        self.seed_box = QSpinBox(box)
        self.seed_box.setRange(0, 999_999)
        self.train_button = QPushButton(self.tr("Train"), box)
        self.train_button.setDefault(True)
        self.train_button.clicked.connect(self.start_training)
        self.cancel_button = QPushButton(self.tr("Cancel"), box)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_training)
        self.progress = QProgressBar(box)
        self.progress.setRange(0, 1000)
        self.progress.setVisible(False)
        self.status_label = QLabel(box)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout(box)
        form.addRow(self.tr("Dataset"), self.dataset_box)
        form.addRow(self.tr("Task"), self.task_box)
        form.addRow(self.tr("Target"), self.target_box)
        form.addRow(self.tr("Recipe"), self.recipe_box)
        form.addRow(QLabel(self.tr("Models (the baseline is always trained)"), box))
        form.addRow(self.model_list)
        self.estimate_label = QLabel(box)
        self.estimate_label.setWordWrap(True)
        self.estimate_label.setToolTip(self.tr("Estimated from each model's measured cost on "
                                               "data of this size; models that would take long "
                                               "are not ticked by default"))
        form.addRow(self.estimate_label)
        for signal in (self.model_list.itemChanged, self.folds_box.valueChanged,
                       self.search_box.currentIndexChanged):
            signal.connect(self._update_estimate)
        form.addRow(self.edit_grid_button)
        form.addRow(self.tr("Cross-validation"), self.cv_box)
        folds = QHBoxLayout()
        folds.addWidget(self.folds_box)
        folds.addWidget(QLabel(self.tr("repeats"), box))
        folds.addWidget(self.repeats_box)
        form.addRow(self.tr("Folds"), folds)
        form.addRow(self.tr("Search"), self.search_box)
        form.addRow(self.tr("Random candidates"), self.n_iter_box)
        form.addRow(self.tr("Inner folds"), self.inner_folds_box)
        self.cost_label = QLabel(self.tr("Cost: false pos."), box)
        self.cost_fn_label = QLabel(self.tr("false neg."), box)
        costs = QHBoxLayout()
        costs.addWidget(self.cost_fp_box)
        costs.addWidget(self.cost_fn_label)
        costs.addWidget(self.cost_fn_box)
        form.addRow(self.cost_label, costs)
        self.class_weight_label = QLabel(self.tr("Class weights"), box)
        form.addRow(self.class_weight_label, self.class_weight_box)
        form.addRow(self.tr("Seed"), self.seed_box)
        for combo in box.findChildren(QComboBox):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        holder = QWidget(scroll)
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(box)
        holder_layout.addStretch(1)
        scroll.setWidget(holder)
        buttons = QHBoxLayout()
        buttons.addWidget(self.train_button, 1)
        buttons.addWidget(self.cancel_button)
        self.setup_scroll = QWidget(self)
        self.setup_scroll.setMinimumWidth(250)
        column = QVBoxLayout(self.setup_scroll)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(scroll, 1)
        column.addLayout(buttons)
        column.addWidget(self.progress)
        column.addWidget(self.status_label)

    def _build_results(self) -> None:
        results = QWidget(self)
        self.board_title = QLabel(results)
        self.predict_button = QPushButton(self.tr("Predict on dataset…"), results)
        self.predict_button.clicked.connect(lambda: self.open_predict_dialog())
        self.curve_button = QPushButton(self.tr("Learning curve"), results)
        self.curve_button.setToolTip(self.tr("Retrain the selected run's model on growing "
                                             "shares of the training rows (background job)"))
        self.curve_button.clicked.connect(self.start_learning_curve)
        header = QHBoxLayout()
        header.addWidget(self.board_title, 1)
        header.addWidget(self.curve_button)
        header.addWidget(self.predict_button)
        self.board_model = LeaderboardModel(parent=self)
        self.board_view = table_view(self.board_model, results)
        self.board_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.board_view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.board_view.setToolTip(self.tr("Select a run to see its evaluation; select two "
                                           "(Ctrl+click) to compare them"))
        board = QWidget(results)
        board_layout = QVBoxLayout(board)
        board_layout.setContentsMargins(0, 0, 0, 0)
        board_layout.addLayout(header)
        board_layout.addWidget(self.board_view, 1)

        self.roc_plot = RocPlot(self)
        self.pr_plot = PrPlot(self)
        self.confusion_plot = ConfusionPlot(self)
        self.calibration_plot = CalibrationPlot(self)
        self.cost_plot = CostPlot(self)
        self.importance_plot = ImportancePlot(self)
        self.learning_plot = LearningCurvePlot(self)
        self.learning_plot.show_note(self.tr("Select a run and click Learning curve."))
        self.pred_actual_plot = PredictedActualPlot(self)
        self.residual_plot = ResidualPlot(self)
        self.sweep_plot = SweepPlot(self)
        self.cluster_plot = ClusterScatter(self)
        self.profiles_model = DataFrameModel(parent=self)
        self.search_model = DataFrameModel(parent=self)
        self.fold_params_model = DataFrameModel(parent=self)
        self.search_label = QLabel(self)
        self.search_label.setWordWrap(True)
        search = QWidget(self)
        search_layout = QVBoxLayout(search)
        search_layout.addWidget(self.search_label)
        search_split = QSplitter(Qt.Orientation.Horizontal, search)
        self.search_view = table_view(self.search_model, search_split)
        self.fold_params_view = table_view(self.fold_params_model, search_split)
        search_split.addWidget(self.search_view)
        search_split.addWidget(self.fold_params_view)
        search_layout.addWidget(search_split, 1)
        self.predictions_model = DataFrameModel(parent=self)
        self.diff_params_model = DataFrameModel(parent=self)
        self.diff_metrics_model = LeaderboardModel(parent=self)
        self.compare_label = QLabel(self.tr("Select two runs (Ctrl+click) to compare their "
                                            "parameters and metrics."), self)
        self.compare_label.setWordWrap(True)
        compare = QWidget(self)
        compare_layout = QVBoxLayout(compare)
        compare_layout.addWidget(self.compare_label)
        compare_split = QSplitter(Qt.Orientation.Horizontal, compare)
        self.diff_params_view = table_view(self.diff_params_model, compare_split)
        self.diff_metrics_view = table_view(self.diff_metrics_model, compare_split)
        compare_split.addWidget(self.diff_params_view)
        compare_split.addWidget(self.diff_metrics_view)
        compare_layout.addWidget(compare_split, 1)
        self.predictions_label = QLabel(self.tr("No predictions yet: select a run and click "
                                                "Predict on dataset…"), self)
        self.predictions_label.setTextFormat(Qt.TextFormat.PlainText)
        self.predictions_label.setWordWrap(True)
        predictions = QWidget(self)
        predictions_layout = QVBoxLayout(predictions)
        predictions_layout.addWidget(self.predictions_label)
        predictions_layout.addWidget(table_view(self.predictions_model, predictions), 1)

        self.tabs = QTabWidget(self)
        self.tab_pages: dict[str, QWidget] = {}
        for key, widget, title in (
                ("roc", self.roc_plot, self.tr("ROC")), ("pr", self.pr_plot, self.tr("PR")),
                ("confusion", self.confusion_plot, self.tr("Confusion matrix")),
                ("calibration", self.calibration_plot, self.tr("Calibration")),
                ("cost", self.cost_plot, self.tr("Cost vs threshold")),
                ("pred_actual", self.pred_actual_plot, self.tr("Predicted vs actual")),
                ("residuals", self.residual_plot, self.tr("Residuals")),
                ("sweep", self.sweep_plot, self.tr("Elbow / silhouette")),
                ("scatter", self.cluster_plot, self.tr("Clusters (PCA)")),
                ("profiles", table_view(self.profiles_model, self), self.tr("Cluster profiles")),
                ("importance", self.importance_plot, self.tr("Feature importance")),
                ("learning", self.learning_plot, self.tr("Learning curve")),
                ("search", search, self.tr("Search")),
                ("compare", compare, self.tr("Compare")),
                ("predictions", predictions, self.tr("Predictions"))):
            self.tab_pages[key] = widget
            self.tabs.addTab(widget, title)
        self.class_box = QComboBox(self)
        self.class_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.class_box.setToolTip(self.tr("Which one-vs-rest curves of the multiclass runs the "
                                          "ROC and PR tabs draw"))
        self.class_box.currentIndexChanged.connect(self._class_changed)
        self.class_bar = QWidget(self)
        class_layout = QHBoxLayout(self.class_bar)
        class_layout.setContentsMargins(0, 0, 0, 0)
        class_layout.addWidget(QLabel(self.tr("Classes in ROC and PR:"), self.class_bar))
        class_layout.addWidget(self.class_box)
        class_layout.addStretch(1)
        self.class_bar.setVisible(False)
        plots = QWidget(results)
        plots_layout = QVBoxLayout(plots)
        plots_layout.setContentsMargins(0, 0, 0, 0)
        plots_layout.addWidget(self.class_bar)
        plots_layout.addWidget(self.tabs, 1)

        split = QSplitter(Qt.Orientation.Vertical, results)
        split.addWidget(board)
        split.addWidget(plots)
        split.setSizes([230, 470])
        results_layout = QVBoxLayout(results)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(split)
        self.empty_state = EmptyState(self.tr(
            "<h2>Models</h2><p>Choose a dataset, a target and the models on the left, and "
            "click Train. Every model is cross-validated against a baseline that learns "
            "nothing; the runs stay in the leaderboard, where you can compare them, look at "
            "their ROC curves, costs, errors or clusters, and apply one to new data.</p>"),
            self)
        self.results_stack = QStackedWidget(self)
        self.results_stack.addWidget(self.empty_state)
        self.results_stack.addWidget(results)

    def title(self) -> str:
        return self.tr("Models")

    # --- set-up ----------------------------------------------------------------------------

    def task(self) -> str:
        return str(self.task_box.currentData())

    def refresh(self) -> None:
        current = self.dataset_box.currentText()
        datasets = [d for d in self.store.datasets() if d.row_count > 0]
        names = [d.name for d in sorted(datasets, key=lambda d: d.column_for("label") is None)]
        self.dataset_box.blockSignals(True)
        self.dataset_box.clear()
        self.dataset_box.addItems(names)
        if current in names:
            self.dataset_box.setCurrentText(current)
        self.dataset_box.blockSignals(False)
        self._dataset_changed(keep_target=current == self.dataset_box.currentText())
        recipe = self.recipe_box.currentData()
        self.recipe_box.clear()
        self.recipe_box.addItem(self.tr("(none)"), None)
        for summary in list_recipes(self.store):
            for version, _created in reversed(recipe_versions(self.store, summary.name)):
                self.recipe_box.addItem(f"{summary.name} v{version}",
                                        f"{summary.name}@{version}")
        index = self.recipe_box.findData(recipe)
        self.recipe_box.setCurrentIndex(max(index, 0))
        self.reload_leaderboard()

    def _dataset_changed(self, *args: object, keep_target: bool = False) -> None:
        name = self.dataset_box.currentText()
        previous = self.target_box.currentText()
        self.target_box.clear()
        if not name or not self.store.has_dataset(name):
            self._update_enabled()
            return
        info = self.store.dataset(name)
        self.target_box.addItems(info.column_names)
        label = info.column_for("label")
        if keep_target and previous in info.column_names:
            self.target_box.setCurrentText(previous)
        elif label:
            self.target_box.setCurrentText(label)
        if not keep_target:
            quick = self._affordable(self.task())
            self.set_models([n for n in self.checked_models() if n in quick])
        self._update_enabled()
        self._update_estimate()

    def _task_changed(self, *args: object) -> None:
        task = self.task()
        self.model_list.clear()
        for model in describe_models(task):
            item = QListWidgetItem(self._model_text(task, model["name"]))
            item.setData(Qt.ItemDataRole.UserRole, model["name"])
            checked = model["baseline"] or (model["name"] in DEFAULT_MODELS[task]
                                            and model["name"] in self._affordable(task))
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            if model["baseline"]:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
                item.setToolTip(self.tr("Always trained, so every model can be compared "
                                        "with one that learns nothing"))
            self.model_list.addItem(item)
        self.model_list.setCurrentRow(1)
        self.cv_box.clear()
        for scheme in CV_SCHEMES:
            if scheme == "stratified" and task != "classification":
                continue
            self.cv_box.addItem(translated(CV_LABELS[scheme]), scheme)
        self.cv_box.setCurrentIndex(self.cv_box.findData(
            "stratified" if task == "classification" else "kfold"))
        for key in {k for keys in TASK_TABS.values() for k in keys}:
            self.tabs.setTabVisible(self.tabs.indexOf(self.tab_pages[key]),
                                    key in TASK_TABS[task])
        self._update_enabled()
        self._update_estimate()
        self.reload_leaderboard()

    def _data_size(self) -> tuple[int, int] | None:
        """Rows and columns of the chosen dataset (None when there is none)."""
        name = self.dataset_box.currentText()
        if not name or not self.store.has_dataset(name):
            return None
        info = self.store.dataset(name)
        return info.row_count, max(1, len(info.column_names) - 1)

    def _affordable(self, task: str) -> list[str]:
        """The models quick enough on the chosen dataset to be ticked by default."""
        size = self._data_size()
        if size is None:
            return default_models(task)
        return default_models(task, size[0], size[1], folds=self.folds_box.value())

    def _update_estimate(self, *args: object) -> None:
        """Say what Train will run and roughly how long it will take."""
        size, models = self._data_size(), self.checked_models()
        if size is None or not models:
            self.estimate_label.clear()
            return
        task = self.task()
        search = self.search_box.currentData()
        candidates = self.n_iter_box.value() if search else 1
        seconds = estimate_seconds(task, models, size[0], size[1],
                                   folds=self.folds_box.value() if task != "clustering" else 1,
                                   repeats=self.repeats_box.value(), candidates=candidates,
                                   cores=parallel.cores())
        self.estimate_label.setText(self.tr("Train runs %n model(s), about %1 on %2 core(s).",
                                            "", len(models))
                                    .replace("%1", clock(seconds))
                                    .replace("%2", str(parallel.cores())))

    def _model_text(self, task: str, name: str) -> str:
        label = translated(model_spec(task, name).label)
        if (task, name) in self.grids:
            return self.tr("%1  [grid edited]").replace("%1", label)
        return label

    def _update_enabled(self, *args: object) -> None:
        task = self.task()
        supervised = task != "clustering"
        classification = task == "classification"
        training = self.train_job_id is not None
        self.target_box.setEnabled(supervised)
        for widget in (self.cv_box, self.folds_box, self.repeats_box):
            widget.setEnabled(supervised)
        self.search_box.setEnabled(supervised)
        self.n_iter_box.setEnabled(supervised and self.search_box.currentData() == "random")
        self.inner_folds_box.setEnabled(supervised and bool(self.search_box.currentData()))
        for widget in (self.cost_fp_box, self.cost_fn_box, self.class_weight_box,
                       self.cost_label, self.cost_fn_label, self.class_weight_label):
            widget.setEnabled(classification)
        self.train_button.setEnabled(bool(self.dataset_box.currentText()) and not training)
        self.cancel_button.setEnabled(training)
        self._update_grid_button()

    def _update_grid_button(self, *args: object) -> None:
        item = self.model_list.currentItem()
        name = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.edit_grid_button.setEnabled(
            name is not None and bool(model_spec(self.task(), name).grid))

    def set_models(self, names: list[str]) -> None:
        """Tick exactly ``names`` (and the baseline)."""
        for row in range(self.model_list.count()):
            item = self.model_list.item(row)
            name = item.data(Qt.ItemDataRole.UserRole)
            on = name == "baseline" or name in names
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def checked_models(self) -> list[str]:
        return [self.model_list.item(row).data(Qt.ItemDataRole.UserRole)
                for row in range(self.model_list.count())
                if self.model_list.item(row).checkState() == Qt.CheckState.Checked]

    def open_grid_editor(self, model: str | None = None) -> GridEditor | None:
        """The JSON grid editor of ``model`` (default: the highlighted one)."""
        task = self.task()
        if model is None:
            item = self.model_list.currentItem()
            if item is None:
                return None
            model = str(item.data(Qt.ItemDataRole.UserRole))
        spec = model_spec(task, model)
        grid = self.grids.get((task, model), {k: list(v) for k, v in spec.grid.items()})
        dialog = GridEditor(task, model, grid, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._grid_accepted(task, model, dialog.grid))
        dialog.show()
        self.grid_editor = dialog
        return dialog

    def _grid_accepted(self, task: str, model: str, grid: dict[str, Any]) -> None:
        default = {k: list(v) for k, v in model_spec(task, model).grid.items()}
        if grid == default:
            self.grids.pop((task, model), None)
        else:
            self.grids[(task, model)] = grid
        if task == self.task():
            for row in range(self.model_list.count()):
                item = self.model_list.item(row)
                if item.data(Qt.ItemDataRole.UserRole) == model:
                    item.setText(self._model_text(task, model))

    def train_options(self) -> dict[str, Any]:
        """The keyword arguments of :func:`train_job` the set-up describes."""
        task = self.task()
        models = self.checked_models()
        options: dict[str, Any] = {
            "dataset": self.dataset_box.currentText(), "task": task, "models": models,
            "recipe": self.recipe_box.currentData(), "seed": self.seed_box.value(),
            "grids": {name: grid for (t, name), grid in self.grids.items()
                      if t == task and name in models} or None}
        if task == "clustering":
            return options
        options |= {"target": self.target_box.currentText() or None,
                    "cv": self.cv_box.currentData(), "folds": self.folds_box.value(),
                    "repeats": self.repeats_box.value(),
                    "search": self.search_box.currentData() or None,
                    "n_iter": self.n_iter_box.value(),
                    "inner_folds": self.inner_folds_box.value()}
        if task == "classification":
            options |= {"cost_fp": self.cost_fp_box.value(), "cost_fn": self.cost_fn_box.value(),
                        "class_weight": self.class_weight_box.currentData()}
        return options

    # --- training --------------------------------------------------------------------------

    def start_training(self) -> None:
        options = self.train_options()
        if not options["dataset"] or self.train_job_id is not None:
            return
        self.status_label.setText(self.tr("Training %n model(s)…", "", len(options["models"])))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.train_job_id = self.runner.submit(
            JobSpec.of(self.tr("Training models on %1").replace("%1", options["dataset"]),
                       train_job, db_path=str(self.store.path), **options),
            key="models.train", on_done=self._trained, on_error=self._train_failed,
            on_cancel=self._train_cancelled)
        self._update_enabled()

    def cancel_training(self) -> None:
        if self.train_job_id is not None:
            self.status_label.setText(self.tr("Cancelling…"))
            self.runner.cancel(self.train_job_id)

    def _on_progress(self, job_id: int, fraction: float | None, message: str) -> None:
        if job_id != self.train_job_id:
            return
        if fraction is not None:
            self.progress.setValue(round(1000 * fraction))
        if message:
            self.status_label.setText(message)

    def _training_ended(self, text: str) -> None:
        self.train_job_id = None
        self.progress.setVisible(False)
        self.status_label.setText(text)
        self._update_enabled()

    def _trained(self, results: list[dict[str, Any]]) -> None:
        note = next((r["note"] for r in results if r.get("note")), "")
        text = self.tr("Trained %n model(s): runs %1.", "", len(results)).replace(
            "%1", ", ".join(f"#{r['run_id']}" for r in results))
        if note:
            text = self.tr("%1 %2").replace("%1", text).replace("%2", translated(note))
        self._training_ended(text)
        self.reload_leaderboard()
        best = next((r["run_id"] for r in self.board_model.frame.to_dict("records")
                     if r["run_id"] in {x["run_id"] for x in results}), None)
        if best is not None:
            self.select_runs([best])
        self.store_changed.emit()
        self.trained.emit(results)

    def _train_failed(self, message: str, details: str) -> None:
        self._training_ended(self.tr("Training failed: %1").replace("%1", message))
        error_box(self, self.tr("Training failed"), message, details)

    def _train_cancelled(self) -> None:
        before = set(self.board_model.frame["run_id"]) if "run_id" in \
            self.board_model.frame.columns else set()
        self.reload_leaderboard()
        after = set(self.board_model.frame.get("run_id", []))
        if after - before:
            self._training_ended(self.tr("Training cancelled; the %n model(s) that had "
                                         "finished were kept, marked partial.", "",
                                         len(after - before)))
            self.store_changed.emit()
        else:
            self._training_ended(self.tr("Training cancelled; no run was saved."))

    # --- leaderboard -----------------------------------------------------------------------

    def reload_leaderboard(self) -> None:
        task = self.task()
        kept = self.selected_runs()
        frame = leaderboard(self.store, task=task)
        metrics = [m for m in TASK_METRICS[task] if m in frame.columns]
        tests = [c for c in frame.columns if c.startswith("test_") and not c.endswith("_std")]
        setup = ["target", "recipe", "cv", "search_label"] if task != "clustering" \
            else ["recipe"]
        columns = ["run_id", "label", "dataset", *setup, *metrics, *tests, "fit_seconds",
                   "predict_seconds"]
        spreads = [f"{m}_std" for m in metrics if f"{m}_std" in frame.columns]
        shown = frame[[c for c in columns if c in frame.columns] + spreads].copy()
        for column in ("label", "cv", "search_label"):
            if column in shown.columns:
                shown[column] = pd.Series([None if v is None or v != v else translated(v)
                                           for v in frame[column]], dtype=object)
        if "partial" in frame.columns and "label" in shown.columns:
            shown["label"] = [self.tr("%1 (partial run)").replace("%1", str(label))
                              if partial else label
                              for label, partial in zip(shown["label"], frame["partial"],
                                                        strict=True)]
        headers = {k: translated(v) for k, v in METRIC_LABELS.items()}
        headers |= {f"test_{k}": self.tr("Test %1").replace("%1", v) for k, v in headers.items()}
        headers |= {"run_id": self.tr("Run"), "label": self.tr("Model"),
                   "dataset": self.tr("Dataset"), "target": self.tr("Target"),
                   "recipe": self.tr("Recipe"), "cv": self.tr("CV"),
                   "search_label": self.tr("Search")}
        self.board_model.set_frame(shown, headers)
        for position, name in enumerate(shown.columns):
            self.board_view.setColumnHidden(position, str(name).endswith("_std"))
        self.board_view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.board_view.resizeColumnsToContents()
        self.board_title.setText(self.tr("<b>Leaderboard</b> — %1 %2 runs, best first")
                                 .replace("%1", number(len(shown)))
                                 .replace("%2", self.task_box.currentText().lower()))
        self.results_stack.setCurrentIndex(1 if len(shown) else 0)
        self._evaluations = {k: v for k, v in self._evaluations.items()
                             if k in set(shown["run_id"])}
        # The runs selected before, else the best one, so the plots are never empty for nothing.
        self.select_runs([r for r in kept if r in set(shown["run_id"])]
                         or [int(r) for r in shown["run_id"][:1]])
        self._selection_changed()

    def select_runs(self, run_ids: list[int]) -> None:
        """Select the leaderboard rows of ``run_ids``."""
        selection = self.board_view.selectionModel()
        selection.clearSelection()
        ids = self.board_model.frame["run_id"].tolist() if len(self.board_model.frame) else []
        for run_id in run_ids:
            if run_id in ids:
                index = self.board_model.index(ids.index(run_id), 0)
                selection.select(index, selection.SelectionFlag.Select
                                 | selection.SelectionFlag.Rows)

    def selected_runs(self) -> list[int]:
        """The selected runs' ids, top row first."""
        if not len(self.board_model.frame):
            return []
        rows = sorted(i.row() for i in self.board_view.selectionModel().selectedRows())
        return [int(self.board_model.frame.iloc[r]["run_id"]) for r in rows]

    def _run_label(self, run_id: int) -> str:
        """``#id model`` as the leaderboard shows it (the label already translated)."""
        frame = self.board_model.frame
        label = frame.loc[frame["run_id"] == run_id, "label"]
        return f"#{run_id} {label.iloc[0] if len(label) else ''}".strip()

    # --- evaluation ------------------------------------------------------------------------

    def _evaluation(self, run_id: int) -> dict[str, Any]:
        if run_id not in self._evaluations:
            self._evaluations[run_id] = evaluation(self.store, run_id)
        return self._evaluations[run_id]

    def _selection_changed(self, *args: object) -> None:
        runs = self.selected_runs()
        task = self.task()
        self.predict_button.setEnabled(len(runs) >= 1)
        self.curve_button.setEnabled(len(runs) >= 1 and task != "clustering")
        self._show_compare(runs)
        if not runs:
            self.class_bar.setVisible(False)
            return
        try:
            documents = [(run, self._evaluation(run)) for run in runs[:MAX_OVERLAID]]
        except UserFacingError as error:
            self.status_label.setText(translated(user_message(error)))
            self.class_bar.setVisible(False)
            for plot in (self.roc_plot, self.pr_plot, self.pred_actual_plot, self.cluster_plot):
                plot.show_note(self.tr("The evaluation data cannot be read."))
            return
        run, first = documents[0]
        params = self.store.run(run)["params"]
        self._show_search(run, params)
        if task == "classification":
            self._show_classification(documents, params.get("threshold"))
        elif task == "regression":
            self.pred_actual_plot.show_points(first.get("actual", []), first.get("predicted", []))
            self.residual_plot.show_points(first.get("predicted", []),
                                           first.get("residual", []))
            self.importance_plot.show_bars(first.get("importance", []))
        else:
            self.sweep_plot.show_sweep(first.get("sweep", []), params.get("estimator_params")
                                       or {})
            self.cluster_plot.show_points(first.get("scatter", {}))
            self.profiles_model.set_frame(pd.DataFrame(first.get("profiles", [])))

    def _show_search(self, run: int, params: dict[str, Any]) -> None:
        """How ``run`` was tuned: the final search's candidates and, for a nested search, the
        inner CV and the parameters each outer fold chose."""
        results = params.get("search_results") or {}
        candidates = results.get("candidates") or []
        self.search_model.set_frame(pd.DataFrame(
            [{"params": _params_text(c.get("params")),
              **{k: v for k, v in c.items() if k != "params"}} for c in candidates]),
            {"score": self.tr("Inner CV score"), "params": self.tr("Parameters")})
        folds = params.get("fold_params") or []
        self.fold_params_model.set_frame(pd.DataFrame(
            [{"repeat": f["repeat"] + 1, "fold": f["fold"] + 1,
              "params": _params_text(f["params"]), "inner_score": f.get("inner_score")}
             for f in folds]),
            {"repeat": self.tr("Repeat"), "fold": self.tr("Outer fold"),
             "params": self.tr("Chosen parameters"), "inner_score": self.tr("Inner CV score")})
        self.search_view.resizeColumnsToContents()
        self.fold_params_view.resizeColumnsToContents()
        if self.task() == "clustering" or not candidates:
            text = self.tr("%1 was not tuned: it was trained with its default parameters.")
        elif params.get("nested"):
            text = self.tr(
                "%1: nested %2 search. Its leaderboard scores come from the outer folds; in each "
                "outer fold the search saw only that fold's training rows (inner CV %3; right: "
                "the parameters each outer fold chose). The saved model was tuned on all rows "
                "(left: its candidates, scored by the inner CV, so the best score is optimistic) "
                "and refitted on all rows.")
        else:
            text = self.tr("%1: %2 search, not nested (trained before nested searches): its "
                           "scores come from the folds the search chose on, so they are "
                           "optimistic.")
        search = SEARCH_LABELS.get(str(params.get("search")))
        inner = params.get("inner_cv") or {}
        inner_label = (translated(describe_cv(str(inner["scheme"]), int(inner["folds"]), 1))
                       if inner else "")
        self.search_label.setText(text.replace("%1", self._run_label(run))
                                  .replace("%2", translated(search) if search else "")
                                  .replace("%3", inner_label))

    def _class_changed(self, *args: object) -> None:
        if self.class_bar.isVisible():
            self._selection_changed()

    def _show_classification(self, documents: list[tuple[int, dict[str, Any]]],
                             chosen: float | None) -> None:
        """ROC and PR of every selected run; the rest for the first. The confusion matrix is
        out of fold, each fold at its own threshold; the cost curve marks the threshold the
        run's model applies (chosen on all rows). A multiclass first run shows its n x n
        confusion matrix and the one-vs-rest ROC and PR curves of the selected multiclass runs
        (see :meth:`_show_multiclass_curves`); the two-class tabs (calibration, cost) are
        hidden."""
        first = documents[0][1]
        multiclass = bool(first.get("multiclass"))
        for key in ("calibration", "cost"):
            self.tabs.setTabVisible(self.tabs.indexOf(self.tab_pages[key]), not multiclass)
        self.class_bar.setVisible(multiclass)
        if multiclass:
            self._show_multiclass_curves([(r, d) for r, d in documents if d.get("multiclass")])
            self.confusion_plot.show_matrix(first["confusion"], None)
            self.importance_plot.show_bars(first.get("importance", []))
            return
        with_roc = [(self._run_label(run), doc) for run, doc in documents if doc.get("roc")]
        self.roc_plot.show_runs([(label, doc["roc"]) for label, doc in with_roc])
        self.pr_plot.show_runs([(label, doc["pr"]) for label, doc in with_roc if doc.get("pr")])
        threshold = first.get("threshold")
        self.confusion_plot.show_matrix(first["confusion"], threshold)
        if first.get("calibration"):
            self.calibration_plot.show_curve(first["calibration"])
        else:
            self.calibration_plot.show_note(self.tr("Only one class in the data."))
        self.cost_plot.show_curve(first["cost_curve"], threshold if chosen is None else chosen)
        self.importance_plot.show_bars(first.get("importance", []))

    def _fill_class_box(self, classes: list[str]) -> str:
        """The class selector's entries for ``classes``, keeping the current choice if it is
        still there; returns the choice."""
        current = self.class_box.currentData() or EVERY_CLASS
        entries = [(self.tr("Every class"), EVERY_CLASS), (self.tr("Macro average"), MACRO)]
        entries += [(name, name) for name in classes]
        if [self.class_box.itemData(i) for i in range(self.class_box.count())] != \
                [data for _, data in entries]:
            self.class_box.blockSignals(True)
            self.class_box.clear()
            for text, data in entries:
                self.class_box.addItem(text, data)
            self.class_box.blockSignals(False)
        index = self.class_box.findData(current)
        self.class_box.blockSignals(True)
        self.class_box.setCurrentIndex(max(index, 0))
        self.class_box.blockSignals(False)
        return str(self.class_box.currentData())

    def _show_multiclass_curves(self, documents: list[tuple[int, dict[str, Any]]]) -> None:
        """One-vs-rest ROC and PR curves of the selected multiclass runs, as the class
        selector says: every class (colour = class, line style = run; the legend names the
        class, and the run when there are several), the macro average or one class (one curve
        per run, coloured by run; PR with the chance level: that class's prevalence, or one
        over the number of classes for the macro average)."""
        classes = list(dict.fromkeys(c for _, doc in documents for c in doc.get("classes", [])))
        choice = self._fill_class_box(classes)
        several = len(documents) > 1
        roc, pr = [], []
        prevalence = None
        for index, (run, doc) in enumerate(documents):
            name = self._run_label(run)
            per_roc, per_pr = doc.get("roc_per_class", {}), doc.get("pr_per_class", {})
            if choice == EVERY_CLASS:
                for code, label in enumerate(classes):
                    text = self.tr("%1 — %2").replace("%1", name).replace("%2", label) \
                        if several else label
                    if label in per_roc:
                        roc.append(Curve(text, per_roc[label], code, index))
                    if label in per_pr:
                        pr.append(Curve(text, per_pr[label], code, index))
                continue
            if choice == MACRO:
                text = self.tr("%1 — macro average").replace("%1", name)
                curves = (doc.get("roc_macro"), doc.get("pr_macro"))
            else:
                text = self.tr("%1 — %2").replace("%1", name).replace("%2", choice)
                curves = (per_roc.get(choice), per_pr.get(choice))
            if prevalence is None and curves[1] is not None:
                prevalence = curves[1].get("prevalence")
            if curves[0] is not None:
                roc.append(Curve(text, curves[0], index))
            if curves[1] is not None:
                pr.append(Curve(text, curves[1], index))
        if choice == EVERY_CLASS:
            title_roc = self.tr("One-vs-rest ROC per class")
            title_pr = self.tr("One-vs-rest precision-recall per class")
        elif choice == MACRO:
            title_roc = self.tr("Macro-average ROC (one-vs-rest)")
            title_pr = self.tr("Macro-average precision-recall (one-vs-rest)")
        else:
            title_roc = self.tr("ROC of class %1 against the rest").replace("%1", choice)
            title_pr = self.tr("Precision-recall of class %1 against the rest").replace(
                "%1", choice)
        if not several:
            title_roc = self.tr("%1, %2").replace("%1", title_roc).replace(
                "%2", self._run_label(documents[0][0]))
            title_pr = self.tr("%1, %2").replace("%1", title_pr).replace(
                "%2", self._run_label(documents[0][0]))
        self.roc_plot.show_curves(roc, title_roc)
        if pr:
            self.pr_plot.show_curves(pr, title_pr, prevalence)
        else:
            self.pr_plot.show_note(self.tr("No precision-recall curves stored for these runs "
                                           "(trained before they were kept); train them again."))

    def _show_compare(self, runs: list[int]) -> None:
        index = self.tabs.indexOf(self.tab_pages["compare"])
        if len(runs) != 2:
            self.diff_params_model.set_frame(pd.DataFrame())
            self.diff_metrics_model.set_frame(pd.DataFrame())
            self.compare_label.setText(self.tr("Select two runs (Ctrl+click) to compare their "
                                               "parameters and metrics."))
            self.tabs.setTabText(index, self.tr("Compare"))
            return
        a, b = runs
        diff = diff_runs(self.store, a, b)
        label_a, label_b = self._run_label(a), self._run_label(b)
        self.diff_params_model.set_frame(diff["params"].astype(str).replace("None", ""),
                                         {"key": self.tr("Parameter"), "a": label_a,
                                          "b": label_b})
        metrics = diff["metrics"].copy()
        scopes = {"": self.tr("cross-validated"), "test": self.tr("test rows"),
                  "time": self.tr("seconds")}
        metrics["scope"] = pd.Series([scopes.get(s, s) for s in metrics["scope"]], dtype=object)
        metrics["name"] = pd.Series([translated(METRIC_LABELS[n]) if n in METRIC_LABELS else n
                                     for n in metrics["name"]], dtype=object)
        metrics["b_better"] = metrics["b_better"].map(
            {True: self.tr("yes"), False: self.tr("no")}).fillna("")
        self.diff_metrics_model.set_frame(
            metrics, {"scope": self.tr("Scope"), "name": self.tr("Metric"), "a": label_a,
                      "b": label_b, "difference": self.tr("b − a"),
                      "b_better": self.tr("b better")})
        self.compare_label.setText(self.tr("<b>A</b> = %1, <b>B</b> = %2: %n parameter(s) "
                                           "differ.", "", len(diff["params"]))
                                   .replace("%1", label_a).replace("%2", label_b))
        self.tabs.setTabText(index, self.tr("Compare (2)"))
        self.diff_params_view.resizeColumnsToContents()
        self.diff_metrics_view.resizeColumnsToContents()

    # --- learning curve --------------------------------------------------------------------

    def start_learning_curve(self) -> None:
        runs = self.selected_runs()
        if not runs:
            return
        run = runs[0]
        self.curve_button.setEnabled(False)
        self.learning_plot.show_note(self.tr("Computing the learning curve of %1…")
                                     .replace("%1", self._run_label(run)))
        self.tabs.setCurrentWidget(self.learning_plot)
        self.runner.submit(
            JobSpec.of(self.tr("Learning curve of run #%1").replace("%1", str(run)),
                       learning_curve_job, db_path=str(self.store.path), run_id=run),
            key="models.learning_curve",
            on_done=lambda frame: self._curve_done(run, frame),
            on_error=self._curve_failed, on_cancel=self._curve_cancelled)

    def _curve_done(self, run: int, frame: pd.DataFrame) -> None:
        self.curve_button.setEnabled(bool(self.selected_runs()))
        self.learning_plot.show_curve(frame, self.tr("Learning curve of %1")
                                      .replace("%1", self._run_label(run)))
        self.learning_curve_ready.emit(frame)

    def _curve_failed(self, message: str, details: str) -> None:
        self.curve_button.setEnabled(bool(self.selected_runs()))
        self.learning_plot.show_note(message)
        error_box(self, self.tr("The learning curve failed"), message, details)

    def _curve_cancelled(self) -> None:
        self.curve_button.setEnabled(bool(self.selected_runs()))
        self.learning_plot.show_note(self.tr("Learning curve cancelled."))

    # --- predictions -----------------------------------------------------------------------

    def open_predict_dialog(self) -> PredictDialog | None:
        runs = self.selected_runs()
        if not runs:
            return None
        frame = self.board_model.frame
        dataset = frame.loc[frame["run_id"] == runs[0], "dataset"]
        names = [d.name for d in self.store.datasets()]
        dialog = PredictDialog(runs[0], names, str(dataset.iloc[0]) if len(dataset) else "",
                               self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.start_prediction(
            dialog.run_id, dialog.dataset_box.currentText(), dialog.save_as()))
        dialog.show()
        self.predict_dialog = dialog
        return dialog

    def start_prediction(self, run_id: int, dataset: str, save_as: str | None) -> None:
        self.predict_button.setEnabled(False)
        self.predictions_label.setText(self.tr("Predicting %1 with run #%2…")
                                       .replace("%1", dataset).replace("%2", str(run_id)))
        self.runner.submit(
            JobSpec.of(self.tr("Predictions of run #%1 on %2").replace("%1", str(run_id))
                       .replace("%2", dataset), predict_job, db_path=str(self.store.path),
                       run_id=run_id, dataset=dataset, save_as=save_as),
            key="models.predict",
            on_done=lambda result: self._predicted(run_id, dataset, result),
            on_error=self._predict_failed, on_cancel=self._predict_cancelled)

    def _predicted(self, run_id: int, dataset: str, result: dict[str, Any]) -> None:
        self.predict_button.setEnabled(bool(self.selected_runs()))
        self.predictions_model.set_frame(result["frame"])
        text = self.tr("Predictions of run #%1 on %2: %3 rows.").replace("%1", str(run_id)) \
            .replace("%2", dataset).replace("%3", number(len(result["frame"])))
        if result.get("dataset"):
            text = self.tr("%1 Saved as dataset %2.").replace("%1", text).replace(
                "%2", result["dataset"])
        self.predictions_label.setText(text)
        self.status_label.setText(text)
        self.tabs.setCurrentWidget(self.tab_pages["predictions"])
        if result.get("dataset"):
            self.store_changed.emit()
        self.predicted.emit(result)

    def _predict_failed(self, message: str, details: str) -> None:
        self.predict_button.setEnabled(bool(self.selected_runs()))
        self.predictions_label.setText(self.tr("Prediction failed: %1").replace("%1", message))
        self.status_label.setText(self.tr("Prediction failed: %1").replace("%1", message))
        error_box(self, self.tr("Prediction failed"), message, details)

    def _predict_cancelled(self) -> None:
        self.predict_button.setEnabled(bool(self.selected_runs()))
        self.predictions_label.setText(self.tr("Prediction cancelled."))
