"""The Models panel's set-up: what Train trains, and Train and Cancel themselves.

Dataset, task, target, the positive class of a two-class target (chosen explicitly, defaulting
to the class named like an event or else the rarer one, with the reason shown), optional recipe
version, the models (the baseline always; only the models quick enough for the data ticked by
default, with an estimate of how long Train takes), each model's search grid, the CV scheme,
the search, the cost matrix, class weights and the seed. :meth:`SetupForm.train_options` gives
the keyword arguments of :func:`~iotfin_gui.core.models.train_job`. The form scrolls; Train,
Cancel, the progress bar and the status line stay below it, always visible.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from iotfin_gui.core import options, parallel
from iotfin_gui.core.jobs import clock
from iotfin_gui.core.models import (
    CV_LABELS,
    CV_SCHEMES,
    INNER_FOLDS,
    SEARCH_LABELS,
    describe_models,
    model_spec,
)
from iotfin_gui.core.models.classes import (
    MAX_CLASSES,
    default_task,
    positive_and_reason,
    target_classes,
)
from iotfin_gui.core.models.specs import default_models, estimate_seconds
from iotfin_gui.core.recipes import list_recipes, recipe_versions
from iotfin_gui.ui.i18n import number, translated
from iotfin_gui.ui.models.grid_editor import GridEditor

if TYPE_CHECKING:
    from iotfin_gui.core.store import Store

#: Models ticked when a task is chosen (besides the baseline, which is always trained).
DEFAULT_MODELS = {"classification": ("logistic", "random_forest"),
                  "regression": ("ridge", "random_forest"), "clustering": ("kmeans",)}


class SetupForm(QWidget):
    """The set-up column: the form (scrolling) above Train, Cancel, progress and status."""

    #: The task changed (its key).
    task_changed = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.grids: dict[tuple[str, str], dict[str, Any]] = {}
        self.grid_editor: GridEditor | None = None
        self.training = False
        self.default_positive: Any = None
        self.default_reason = ""
        box = QGroupBox(self.tr("Set-up"), self)
        self._build_fields(box)
        form = QFormLayout(box)
        form.addRow(self.tr("Dataset"), self.dataset_box)
        form.addRow(self.tr("Task"), self.task_box)
        form.addRow(self.tr("Target"), self.target_box)
        self.positive_label = QLabel(self.tr("Positive class"), box)
        form.addRow(self.positive_label, self.positive_box)
        form.addRow(self.positive_hint)
        form.addRow(self.tr("Recipe"), self.recipe_box)
        form.addRow(QLabel(self.tr("Models (the baseline is always trained)"), box))
        form.addRow(self.model_list)
        form.addRow(self.estimate_label)
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
        costs = QHBoxLayout()
        costs.addWidget(self.cost_fp_box)
        costs.addWidget(self.cost_fn_label)
        costs.addWidget(self.cost_fn_box)
        form.addRow(self.cost_label, costs)
        form.addRow(self.class_weight_label, self.class_weight_box)
        form.addRow(self.tr("Seed"), self.seed_box)
        for combo in box.findChildren(QComboBox):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        for label in (self.positive_hint, self.estimate_label):
            # The scroll area sizes the form by its minimum, which ignores word wrap: room for
            # two lines keeps the rows below from overlapping.
            label.setMinimumHeight(2 * label.fontMetrics().lineSpacing() + 2)
        self._build_column(box)
        for signal in (self.model_list.itemChanged, self.folds_box.valueChanged,
                       self.search_box.currentIndexChanged, self.cv_box.currentIndexChanged):
            signal.connect(self._update_estimate)
        self._task_changed()

    def _build_fields(self, box: QGroupBox) -> None:
        self.dataset_box = QComboBox(box)
        self.dataset_box.currentTextChanged.connect(self._dataset_changed)
        self.task_box = QComboBox(box)
        for task, label in (("classification", self.tr("Classification")),
                            ("regression", self.tr("Regression")),
                            ("clustering", self.tr("Clustering"))):
            self.task_box.addItem(label, task)
        self.task_box.currentIndexChanged.connect(self._task_changed)
        self.target_box = QComboBox(box)
        self.target_box.currentTextChanged.connect(self._fill_positive_box)
        self.positive_box = QComboBox(box)
        self.positive_box.setToolTip(self.tr("The class the model flags: ROC AUC, precision, "
                                             "recall, the threshold and the costs are about "
                                             "this class"))
        self.positive_box.currentIndexChanged.connect(self._explain_positive)
        self.positive_hint = QLabel(box)
        self.positive_hint.setWordWrap(True)
        self.positive_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.positive_hint.setStyleSheet("color: palette(mid);")
        self.recipe_box = QComboBox(box)
        self.model_list = QListWidget(box)
        self.model_list.setFixedHeight(150)
        self.model_list.currentItemChanged.connect(self._update_grid_button)
        self.estimate_label = QLabel(box)
        self.estimate_label.setWordWrap(True)
        self.estimate_label.setToolTip(self.tr("Estimated from each model's measured cost on "
                                               "data of this size; models that would take long "
                                               "are not ticked by default"))
        self.edit_grid_button = QPushButton(self.tr("Edit grid…"), box)
        self.edit_grid_button.setToolTip(self.tr("Edit the search grid of the highlighted model"))
        self.edit_grid_button.clicked.connect(lambda: self.open_grid_editor())
        self.cv_box = QComboBox(box)
        self.folds_box = QSpinBox(box)
        self.folds_box.setRange(*options.FOLDS.bounds)
        self.folds_box.setValue(5)
        self.repeats_box = QSpinBox(box)
        self.repeats_box.setRange(*options.REPEATS.bounds)
        self.search_box = QComboBox(box)
        self.search_box.addItem(self.tr("none (defaults)"), "")
        for value, label in SEARCH_LABELS.items():
            self.search_box.addItem(translated(label), value)
        self.search_box.setToolTip(self.tr("A tuned model is scored by nested cross-validation: "
                                           "in every fold the search sees only that fold's "
                                           "training rows"))
        self.search_box.currentIndexChanged.connect(self.update_enabled)
        self.n_iter_box = QSpinBox(box)
        self.n_iter_box.setRange(2, 100)
        self.n_iter_box.setValue(8)
        self.inner_folds_box = QSpinBox(box)
        self.inner_folds_box.setRange(*options.INNER_FOLDS.bounds)
        self.inner_folds_box.setValue(INNER_FOLDS)
        self.inner_folds_box.setToolTip(self.tr("Folds of the search inside each training fold "
                                                "(nested CV); each candidate is fitted this "
                                                "many times per fold"))
        self.cost_label = QLabel(self.tr("Cost: false pos."), box)
        self.cost_fn_label = QLabel(self.tr("false neg."), box)
        self.cost_fp_box = QDoubleSpinBox(box)
        self.cost_fn_box = QDoubleSpinBox(box)
        for spin, value in ((self.cost_fp_box, 1.0), (self.cost_fn_box, 5.0)):
            spin.setRange(*options.COST_FP.bounds)
            spin.setDecimals(2)
            spin.setValue(value)
        self.cost_fp_box.setToolTip(self.tr("Cost of flagging a good case (false positive)"))
        self.cost_fn_box.setToolTip(self.tr("Cost of missing a bad case (false negative)"))
        self.class_weight_label = QLabel(self.tr("Class weights"), box)
        self.class_weight_box = QComboBox(box)
        self.class_weight_box.addItem(self.tr("none"), None)
        self.class_weight_box.addItem(self.tr("balanced"), "balanced")
        self.seed_box = QSpinBox(box)
        self.seed_box.setRange(*options.SEED.bounds)

    def _build_column(self, box: QGroupBox) -> None:
        """The scrolling form above the always-visible Train, Cancel, progress and status."""
        self.train_button = QPushButton(self.tr("Train"), self)
        self.train_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setVisible(False)
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
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
        self.setMinimumWidth(250)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(scroll, 1)
        column.addLayout(buttons)
        column.addWidget(self.progress)
        column.addWidget(self.status_label)

    # --- what the form says ------------------------------------------------------------------

    def task(self) -> str:
        return str(self.task_box.currentData())

    def task_label(self) -> str:
        return self.task_box.currentText()

    def set_models(self, names: list[str]) -> None:
        """Tick exactly ``names`` (and the baseline)."""
        for row in range(self.model_list.count()):
            item = self.model_list.item(row)
            on = item.data(Qt.ItemDataRole.UserRole) == "baseline" or \
                item.data(Qt.ItemDataRole.UserRole) in names
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def checked_models(self) -> list[str]:
        return [self.model_list.item(row).data(Qt.ItemDataRole.UserRole)
                for row in range(self.model_list.count())
                if self.model_list.item(row).checkState() == Qt.CheckState.Checked]

    def positive_class(self) -> Any:
        """The chosen positive class (None: not a two-class target, or none could be read)."""
        return self.positive_box.currentData() if self.positive_box.isEnabled() else None

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
                        "class_weight": self.class_weight_box.currentData(),
                        "positive": self.positive_class()}
        return options

    # --- reacting ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the datasets and recipes from the store, keeping the choices that remain."""
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
        self.recipe_box.setCurrentIndex(max(self.recipe_box.findData(recipe), 0))

    def _dataset_changed(self, *args: object, keep_target: bool = False) -> None:
        name = self.dataset_box.currentText()
        previous = self.target_box.currentText()
        self.target_box.blockSignals(True)
        self.target_box.clear()
        if name and self.store.has_dataset(name):
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
        self.target_box.blockSignals(False)
        if name and not keep_target and self.task() != "clustering":
            task = self._task_for_target(name, self.target_box.currentText())
            if task != self.task():
                self.task_box.setCurrentIndex(self.task_box.findData(task))
                return
        self._fill_positive_box()
        self.update_enabled()
        self._update_estimate()

    def _task_for_target(self, dataset: str, target: str) -> str:
        """The task a target calls for (:func:`default_task`): classification for a column of
        few classes, regression for a measure."""
        info = self.store.dataset(dataset)
        kind = next((c.type for c in info.columns if c.name == target), "text")
        return default_task(kind, target_classes(self.store, dataset, target))

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
        self._fill_positive_box()
        self.update_enabled()
        self._update_estimate()
        self.task_changed.emit(task)

    def _fill_positive_box(self, *args: object) -> None:
        """The target's classes when it has two (the default chosen as training would), else
        a disabled box saying why there is no choice."""
        self.positive_box.blockSignals(True)
        self.positive_box.clear()
        dataset, target = self.dataset_box.currentText(), self.target_box.currentText()
        classes: dict[Any, int] = {}
        if self.task() == "classification" and target and self.store.has_dataset(dataset):
            classes = target_classes(self.store, dataset, target)
        self.default_positive, self.default_reason = (
            positive_and_reason(classes) if len(classes) == 2 else (None, ""))
        if len(classes) == 2:
            for value, count in classes.items():
                self.positive_box.addItem(self.tr("%1 (%2 rows)").replace("%1", str(value))
                                          .replace("%2", number(count)), value)
            self.positive_box.setCurrentIndex(self.positive_box.findData(
                self.default_positive))
        elif self.task() == "classification" and len(classes) >= MAX_CLASSES:
            self.positive_box.addItem(self.tr("none: more than %1 classes")
                                      .replace("%1", number(MAX_CLASSES - 1)), None)
        elif self.task() == "classification" and len(classes) > 2:
            self.positive_box.addItem(self.tr("none: %1 classes (multiclass)")
                                      .replace("%1", number(len(classes))), None)
        elif self.task() == "classification":
            self.positive_box.addItem(self.tr("chosen when training"), None)
        else:
            self.positive_box.addItem(self.tr("not used by this task"), None)
        self.positive_box.setEnabled(len(classes) == 2)
        self.positive_label.setEnabled(len(classes) == 2)
        self.positive_box.blockSignals(False)
        self._explain_positive()

    def _explain_positive(self, *args: object) -> None:
        """Say why the default positive class is the default, or what the choice means."""
        value = self.positive_box.currentData()
        if not self.positive_box.isEnabled() or value is None:
            self.positive_hint.setVisible(False)
            return
        if value != self.default_positive:
            text = self.tr("Scores, threshold and costs are about class %1.")
        elif self.default_reason == "coded":
            text = self.tr("Default: %1, the usual code of the event to flag.")
        elif self.default_reason == "event":
            text = self.tr("Default: %1, the class named like the event to flag.")
        else:
            text = self.tr("Default: %1, the rarer class.")
        self.positive_hint.setText(text.replace("%1", str(value)))
        self.positive_hint.setVisible(True)

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
        candidates = self.n_iter_box.value() if self.search_box.currentData() else 1
        seconds = estimate_seconds(task, models, size[0], size[1],
                                   folds=self.folds_box.value() if task != "clustering" else 1,
                                   repeats=self.repeats_box.value(), candidates=candidates,
                                   cores=parallel.cores(), cv=self.cv_box.currentData() or "kfold")
        self.estimate_label.setText(self.tr("Train runs %n model(s), about %1 on %2 core(s).",
                                            "", len(models))
                                    .replace("%1", clock(seconds))
                                    .replace("%2", str(parallel.cores())))

    def _model_text(self, task: str, name: str) -> str:
        label = translated(model_spec(task, name).label)
        if (task, name) in self.grids:
            return self.tr("%1  [grid edited]").replace("%1", label)
        return label

    def set_training(self, training: bool) -> None:
        """Train or Cancel enabled, and the progress bar shown, as a training runs or not."""
        self.training = training
        self.progress.setVisible(training)
        if training:
            self.progress.setValue(0)
        self.update_enabled()

    def update_enabled(self, *args: object) -> None:
        task = self.task()
        supervised = task != "clustering"
        classification = task == "classification"
        self.target_box.setEnabled(supervised)
        for widget in (self.cv_box, self.folds_box, self.repeats_box, self.search_box):
            widget.setEnabled(supervised)
        self.n_iter_box.setEnabled(supervised and self.search_box.currentData() == "random")
        self.inner_folds_box.setEnabled(supervised and bool(self.search_box.currentData()))
        for widget in (self.cost_fp_box, self.cost_fn_box, self.class_weight_box,
                       self.cost_label, self.cost_fn_label, self.class_weight_label):
            widget.setEnabled(classification)
        self.train_button.setEnabled(bool(self.dataset_box.currentText()) and not self.training)
        self.cancel_button.setEnabled(self.training)
        self._update_grid_button()

    def _update_grid_button(self, *args: object) -> None:
        item = self.model_list.currentItem()
        name = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.edit_grid_button.setEnabled(
            name is not None and bool(model_spec(self.task(), name).grid))

    # --- search grids ------------------------------------------------------------------------

    def open_grid_editor(self, model: str | None = None) -> GridEditor | None:
        """The grid editor of ``model`` (default: the highlighted one)."""
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
