"""The Models panel: train, compare, evaluate and apply classification, regression and
clustering models.

The panel composes the parts of :mod:`iotfin_gui.ui.models` and runs their background jobs:
left the set-up (:class:`SetupForm`; Train runs :func:`train_job` with progress per model and
candidate, and Cancel); right the leaderboard of every training run of the task (kept in the
store) above the evaluation tabs of the selected run(s) (:class:`EvaluationPlots`), the search
(:class:`SearchView`), the diff of two runs (:class:`CompareView`), a learning curve on demand
and predictions of the selected run on any dataset (:class:`PredictionsView`). The plots of
the selected run go into its report bundle (:meth:`ModelsPanel.plot_images`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSplitter, QStackedWidget, QVBoxLayout, QWidget

from iotfin_gui.core.errors import UserFacingError, user_message
from iotfin_gui.core.jobs import JobSpec
from iotfin_gui.core.models import evaluation, learning_curve_job, predict_job, train_job
from iotfin_gui.ui.dialogs import error_box
from iotfin_gui.ui.i18n import number, translated
from iotfin_gui.ui.models.compare_view import CompareView
from iotfin_gui.ui.models.evaluation_plots import EvaluationPlots
from iotfin_gui.ui.models.leaderboard import Leaderboard
from iotfin_gui.ui.models.predictions import PredictDialog, PredictionsView
from iotfin_gui.ui.models.search_view import SearchView
from iotfin_gui.ui.models.setup_form import SetupForm
from iotfin_gui.ui.panels.base import EmptyState, Panel
from iotfin_gui.ui.panels.forecast import widget_png

if TYPE_CHECKING:
    from iotfin_gui.core.store import Store
    from iotfin_gui.ui.jobs import JobRunner

#: The most runs whose ROC and PR curves are overlaid.
MAX_OVERLAID = 6
#: The plots of a run that go into its report, per task (keys of ``EvaluationPlots.pages``).
REPORT_PLOTS = {"classification": ("roc", "pr", "confusion", "cost", "importance"),
                "regression": ("pred_actual", "residuals", "importance"),
                "clustering": ("sweep", "scatter")}


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
        self.train_job_id: int | None = None
        self._evaluations: dict[int, dict[str, Any]] = {}
        self.predict_dialog: PredictDialog | None = None
        self.setup = SetupForm(store, self)
        self.board = Leaderboard(self)
        self.plots = EvaluationPlots(self)
        self.search = SearchView(self)
        self.compare = CompareView(self)
        self.predictions = PredictionsView(self)
        #: The panel's main action, by the name the window's Run ▸ Run looks up.
        self.train_button = self.setup.train_button
        self.plots.add_page("search", self.search, self.tr("Search"))
        self.plots.add_page("compare", self.compare, self.tr("Compare"))
        self.plots.add_page("predictions", self.predictions, self.tr("Predictions"))
        results = QSplitter(Qt.Orientation.Vertical, self)
        results.addWidget(self.board)
        results.addWidget(self.plots)
        results.setSizes([230, 470])
        self.empty_state = EmptyState(self.tr(
            "<h2>Models</h2><p>Choose a dataset, a target and the models on the left, and "
            "click Train. Every model is cross-validated against a baseline that learns "
            "nothing; the runs stay in the leaderboard, where you can compare them, look at "
            "their ROC curves, costs, errors or clusters, and apply one to new data.</p>"),
            self)
        self.results_stack = QStackedWidget(self)
        self.results_stack.addWidget(self.empty_state)
        self.results_stack.addWidget(results)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.setup)
        splitter.addWidget(self.results_stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([430, 880])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.setup.task_changed.connect(self._task_changed)
        self.setup.train_button.clicked.connect(self.start_training)
        self.setup.cancel_button.clicked.connect(self.cancel_training)
        self.board.selection_changed.connect(self._selection_changed)
        self.board.predict_button.clicked.connect(lambda: self.open_predict_dialog())
        self.board.curve_button.clicked.connect(self.start_learning_curve)
        self.plots.class_box.currentIndexChanged.connect(self._class_changed)
        self.runner.progressed.connect(self._on_progress)
        self._task_changed()

    def title(self) -> str:
        return self.tr("Models")

    def refresh(self) -> None:
        self.setup.refresh()
        self.reload_leaderboard()

    def _task_changed(self, *args: object) -> None:
        self.plots.set_task(self.setup.task())
        self.reload_leaderboard()

    def selected_runs(self) -> list[int]:
        return self.board.selected_runs()

    # --- training --------------------------------------------------------------------------

    def start_training(self) -> None:
        options = self.setup.train_options()
        if not options["dataset"] or self.train_job_id is not None:
            return
        self.setup.status_label.setText(self.tr("Training %n model(s)…", "",
                                                len(options["models"])))
        self.train_job_id = self.runner.submit(
            JobSpec.of(self.tr("Training models on %1").replace("%1", options["dataset"]),
                       train_job, db_path=str(self.store.path), **options),
            key="models.train", on_done=self._trained, on_error=self._train_failed,
            on_cancel=self._train_cancelled)
        self.setup.set_training(True)

    def cancel_training(self) -> None:
        if self.train_job_id is not None:
            self.setup.status_label.setText(self.tr("Cancelling…"))
            self.runner.cancel(self.train_job_id)

    def _on_progress(self, job_id: int, fraction: float | None, message: str) -> None:
        if job_id != self.train_job_id:
            return
        if fraction is not None:
            self.setup.progress.setValue(round(1000 * fraction))
        if message:
            self.setup.status_label.setText(message)

    def _training_ended(self, text: str) -> None:
        self.train_job_id = None
        self.setup.set_training(False)
        self.setup.status_label.setText(text)

    def _trained(self, results: list[dict[str, Any]]) -> None:
        note = next((r["note"] for r in results if r.get("note")), "")
        text = self.tr("Trained %n model(s): runs %1.", "", len(results)).replace(
            "%1", ", ".join(f"#{r['run_id']}" for r in results))
        if note:
            text = self.tr("%1 %2").replace("%1", text).replace("%2", translated(note))
        self._training_ended(text)
        self.reload_leaderboard()
        trained = {r["run_id"] for r in results}
        best = next((r for r in self.board.run_ids() if r in trained), None)
        if best is not None:
            self.board.select_runs([best])
        self.store_changed.emit()
        self.trained.emit(results)

    def _train_failed(self, message: str, details: str) -> None:
        self._training_ended(self.tr("Training failed: %1").replace("%1", message))
        error_box(self, self.tr("Training failed"), message, details)

    def _train_cancelled(self) -> None:
        before = set(self.board.run_ids())
        self.reload_leaderboard()
        kept = set(self.board.run_ids()) - before
        if kept:
            self._training_ended(self.tr("Training cancelled; the %n model(s) that had "
                                         "finished were kept, marked partial.", "", len(kept)))
            self.store_changed.emit()
        else:
            self._training_ended(self.tr("Training cancelled; no run was saved."))

    # --- leaderboard and evaluation --------------------------------------------------------

    def reload_leaderboard(self) -> None:
        count = self.board.reload(self.store, self.setup.task(), self.setup.task_label())
        self.results_stack.setCurrentIndex(1 if count else 0)
        ids = set(self.board.run_ids())
        self._evaluations = {k: v for k, v in self._evaluations.items() if k in ids}

    def _evaluation(self, run_id: int) -> dict[str, Any]:
        if run_id not in self._evaluations:
            self._evaluations[run_id] = evaluation(self.store, run_id)
        return self._evaluations[run_id]

    def _class_changed(self, *args: object) -> None:
        if self.plots.class_bar.isVisible():
            self._selection_changed()

    def _selection_changed(self, *args: object) -> None:
        runs = self.selected_runs()
        task = self.setup.task()
        self.board.predict_button.setEnabled(len(runs) >= 1)
        self.board.curve_button.setEnabled(len(runs) >= 1 and task != "clustering")
        self._show_compare(runs)
        if not runs:
            self.plots.class_bar.setVisible(False)
            return
        try:
            documents = [(self.board.run_label(run), self._evaluation(run))
                         for run in runs[:MAX_OVERLAID]]
        except UserFacingError as error:
            self.setup.status_label.setText(translated(user_message(error)))
            self.plots.show_unreadable(self.tr("The evaluation data cannot be read."))
            return
        params = self.store.run(runs[0])["params"]
        self.search.show_run(self.board.run_label(runs[0]), params)
        if task == "classification":
            self.plots.show_classification(documents, params.get("threshold"))
        elif task == "regression":
            self.plots.show_regression(documents[0][1])
        else:
            self.plots.show_clustering(documents[0][1], params.get("estimator_params") or {})

    def _show_compare(self, runs: list[int]) -> None:
        index = self.plots.tabs.indexOf(self.compare)
        if len(runs) != 2:
            self.compare.clear()
            self.plots.tabs.setTabText(index, self.tr("Compare"))
            return
        a, b = runs
        self.compare.show_runs(self.store, a, b, self.board.run_label(a),
                               self.board.run_label(b))
        self.plots.tabs.setTabText(index, self.tr("Compare (2)"))

    def plot_images(self, run_id: int, *, render: bool = True) -> dict[str, bytes]:
        """PNGs of the evaluation plots of ``run_id`` when it is the first selected run (for
        its report bundle); with ``render=False`` the names only, mapped to empty bytes."""
        runs = self.selected_runs()
        if not runs or runs[0] != run_id:
            return {}
        task = self.setup.task()
        keys = [k for k in REPORT_PLOTS[task] if self.plots.is_tab_visible(k)]
        return {f"run{run_id}_{key}": widget_png(self.plots.pages[key]) if render else b""
                for key in keys}

    # --- learning curve --------------------------------------------------------------------

    def start_learning_curve(self) -> None:
        runs = self.selected_runs()
        if not runs:
            return
        run = runs[0]
        self.board.curve_button.setEnabled(False)
        self.plots.learning_plot.show_note(self.tr("Computing the learning curve of %1…")
                                           .replace("%1", self.board.run_label(run)))
        self.plots.tabs.setCurrentWidget(self.plots.learning_plot)
        self.runner.submit(
            JobSpec.of(self.tr("Learning curve of run #%1").replace("%1", str(run)),
                       learning_curve_job, db_path=str(self.store.path), run_id=run),
            key="models.learning_curve",
            on_done=lambda frame: self._curve_done(run, frame),
            on_error=self._curve_failed, on_cancel=self._curve_cancelled)

    def _curve_ended(self) -> None:
        self.board.curve_button.setEnabled(bool(self.selected_runs()))

    def _curve_done(self, run: int, frame: pd.DataFrame) -> None:
        self._curve_ended()
        self.plots.learning_plot.show_curve(frame, self.tr("Learning curve of %1")
                                            .replace("%1", self.board.run_label(run)))
        self.learning_curve_ready.emit(frame)

    def _curve_failed(self, message: str, details: str) -> None:
        self._curve_ended()
        self.plots.learning_plot.show_note(message)
        error_box(self, self.tr("The learning curve failed"), message, details)

    def _curve_cancelled(self) -> None:
        self._curve_ended()
        self.plots.learning_plot.show_note(self.tr("Learning curve cancelled."))

    # --- predictions -----------------------------------------------------------------------

    def open_predict_dialog(self) -> PredictDialog | None:
        runs = self.selected_runs()
        if not runs:
            return None
        names = [d.name for d in self.store.datasets()]
        dialog = PredictDialog(runs[0], names, self.board.dataset_of(runs[0]), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.start_prediction(
            dialog.run_id, dialog.dataset_box.currentText(), dialog.save_as()))
        dialog.show()
        self.predict_dialog = dialog
        return dialog

    def start_prediction(self, run_id: int, dataset: str, save_as: str | None) -> None:
        self.board.predict_button.setEnabled(False)
        self.predictions.label.setText(self.tr("Predicting %1 with run #%2…")
                                       .replace("%1", dataset).replace("%2", str(run_id)))
        self.runner.submit(
            JobSpec.of(self.tr("Predictions of run #%1 on %2").replace("%1", str(run_id))
                       .replace("%2", dataset), predict_job, db_path=str(self.store.path),
                       run_id=run_id, dataset=dataset, save_as=save_as),
            key="models.predict",
            on_done=lambda result: self._predicted(run_id, dataset, result),
            on_error=self._predict_failed, on_cancel=self._predict_cancelled)

    def _predict_ended(self) -> None:
        self.board.predict_button.setEnabled(bool(self.selected_runs()))

    def _predicted(self, run_id: int, dataset: str, result: dict[str, Any]) -> None:
        self._predict_ended()
        text = self.tr("Predictions of run #%1 on %2: %3 rows.").replace("%1", str(run_id)) \
            .replace("%2", dataset).replace("%3", number(len(result["frame"])))
        if result.get("dataset"):
            text = self.tr("%1 Saved as dataset %2.").replace("%1", text).replace(
                "%2", result["dataset"])
        self.predictions.show_frame(result["frame"], text)
        self.setup.status_label.setText(text)
        self.plots.tabs.setCurrentWidget(self.predictions)
        if result.get("dataset"):
            self.store_changed.emit()
        self.predicted.emit(result)

    def _predict_failed(self, message: str, details: str) -> None:
        self._predict_ended()
        text = self.tr("Prediction failed: %1").replace("%1", message)
        self.predictions.label.setText(text)
        self.setup.status_label.setText(text)
        error_box(self, self.tr("Prediction failed"), message, details)

    def _predict_cancelled(self) -> None:
        self._predict_ended()
        self.predictions.label.setText(self.tr("Prediction cancelled."))
