"""The evaluation tabs of the selected run(s): ROC and PR curves of several runs overlaid, the
confusion matrix, calibration and cost curve (two classes), permutation importance, the
learning curve, predicted vs actual and residuals (regression), the clustering sweep, PCA
scatter and profiles; other parts (search, compare, predictions) add their own pages.

Every view of a two-class run shows one threshold: the kept model's, which its predictions
apply (runs trained before the confusion matrix was taken at it say so). For multiclass runs a
class selector above the plots shows every class's one-vs-rest curve (colour = class, line
style = run), the macro average (one curve per run), or one class (one curve per run).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

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
from iotfin_gui.ui.table_model import DataFrameModel, table_view

#: The evaluation tabs each task shows (keys of ``EvaluationPlots.pages``).
TASK_TABS = {
    "classification": ("roc", "pr", "confusion", "calibration", "cost", "importance",
                       "learning", "search", "compare", "predictions"),
    "regression": ("pred_actual", "residuals", "importance", "learning", "search", "compare",
                   "predictions"),
    "clustering": ("sweep", "scatter", "profiles", "compare", "predictions"),
}
#: Class selector entries that are not a class: every class's curve, or the macro average.
EVERY_CLASS, MACRO = "\x00every", "\x00macro"
#: The importance score per kind of run: what shuffling a column costs.
IMPORTANCE_METRIC = {"two_class": "roc_auc", "multiclass": "accuracy", "regression": "rmse"}


class EvaluationPlots(QWidget):
    """The class selector above the tabs of plots (and the pages other parts add)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        self.tabs = QTabWidget(self)
        self.pages: dict[str, QWidget] = {}
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
                ("learning", self.learning_plot, self.tr("Learning curve"))):
            self.add_page(key, widget, title)
        self.class_box = QComboBox(self)
        self.class_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.class_box.setToolTip(self.tr("Which one-vs-rest curves of the multiclass runs the "
                                          "ROC and PR tabs draw"))
        self.class_bar = QWidget(self)
        class_layout = QHBoxLayout(self.class_bar)
        class_layout.setContentsMargins(0, 0, 0, 0)
        class_layout.addWidget(QLabel(self.tr("Classes in ROC and PR:"), self.class_bar))
        class_layout.addWidget(self.class_box)
        class_layout.addStretch(1)
        self.class_bar.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.class_bar)
        layout.addWidget(self.tabs, 1)

    def add_page(self, key: str, widget: QWidget, title: str) -> None:
        self.pages[key] = widget
        self.tabs.addTab(widget, title)

    def set_tab_visible(self, key: str, visible: bool) -> None:
        self.tabs.setTabVisible(self.tabs.indexOf(self.pages[key]), visible)

    def is_tab_visible(self, key: str) -> bool:
        return self.tabs.isTabVisible(self.tabs.indexOf(self.pages[key]))

    def set_task(self, task: str) -> None:
        """Show the tabs of ``task`` only."""
        for key in self.pages:
            self.set_tab_visible(key, key in TASK_TABS[task])

    def show_unreadable(self, text: str) -> None:
        self.class_bar.setVisible(False)
        for plot in (self.roc_plot, self.pr_plot, self.pred_actual_plot, self.cluster_plot):
            plot.show_note(text)

    # --- per task ----------------------------------------------------------------------------

    def show_classification(self, documents: list[tuple[str, dict[str, Any]]],
                            chosen: float | None) -> None:
        """ROC and PR of every selected run (``documents``: run label and evaluation data);
        the rest for the first, at ``chosen``, the threshold its kept model applies. A
        multiclass first run shows its n x n confusion matrix and the one-vs-rest curves of
        the selected multiclass runs; its two-class tabs (calibration, cost) are hidden."""
        first = documents[0][1]
        multiclass = bool(first.get("multiclass"))
        for key in ("calibration", "cost"):
            self.set_tab_visible(key, not multiclass)
        self.class_bar.setVisible(multiclass)
        if multiclass:
            self.show_multiclass_curves([(r, d) for r, d in documents if d.get("multiclass")])
            self.confusion_plot.show_matrix(first["confusion"], None)
            self.importance_plot.show_bars(first.get("importance", []),
                                           IMPORTANCE_METRIC["multiclass"])
            return
        with_roc = [(label, doc) for label, doc in documents if doc.get("roc")]
        self.roc_plot.show_runs([(label, doc["roc"]) for label, doc in with_roc])
        self.pr_plot.show_runs([(label, doc["pr"]) for label, doc in with_roc if doc.get("pr")])
        at_chosen = first["confusion"].get("at") == "chosen"
        threshold = chosen if chosen is not None else first.get("threshold")
        self.confusion_plot.show_matrix(first["confusion"], threshold if at_chosen else None,
                                        fold_mean=None if at_chosen else first.get("threshold"))
        if first.get("calibration"):
            self.calibration_plot.show_curve(first["calibration"])
        else:
            self.calibration_plot.show_note(self.tr("Only one class in the data."))
        self.cost_plot.show_curve(first["cost_curve"], threshold)
        self.importance_plot.show_bars(first.get("importance", []),
                                       IMPORTANCE_METRIC["two_class"])

    def show_regression(self, first: dict[str, Any]) -> None:
        self.pred_actual_plot.show_points(first.get("actual", []), first.get("predicted", []))
        self.residual_plot.show_points(first.get("predicted", []), first.get("residual", []))
        self.importance_plot.show_bars(first.get("importance", []),
                                       IMPORTANCE_METRIC["regression"])

    def show_clustering(self, first: dict[str, Any], chosen: dict[str, Any]) -> None:
        self.sweep_plot.show_sweep(first.get("sweep", []), chosen)
        self.cluster_plot.show_points(first.get("scatter", {}))
        self.profiles_model.set_frame(pd.DataFrame(first.get("profiles", [])))

    # --- multiclass --------------------------------------------------------------------------

    def _fill_class_box(self, classes: list[str]) -> str:
        """The class selector's entries for ``classes``, keeping the current choice if it is
        still there; returns the choice."""
        current = self.class_box.currentData() or EVERY_CLASS
        entries = [(self.tr("Every class"), EVERY_CLASS), (self.tr("Macro average"), MACRO)]
        entries += [(name, name) for name in classes]
        self.class_box.blockSignals(True)
        if [self.class_box.itemData(i) for i in range(self.class_box.count())] != \
                [data for _, data in entries]:
            self.class_box.clear()
            for text, data in entries:
                self.class_box.addItem(text, data)
        self.class_box.setCurrentIndex(max(self.class_box.findData(current), 0))
        self.class_box.blockSignals(False)
        return str(self.class_box.currentData())

    def show_multiclass_curves(self, documents: list[tuple[str, dict[str, Any]]]) -> None:
        """One-vs-rest ROC and PR curves of the multiclass runs (run label, evaluation), as
        the class selector says: every class (colour = class, line style = run; the legend
        names the class, and the run when there are several), the macro average or one class
        (one curve per run, coloured by run; PR with the chance level: that class's
        prevalence, or one over the number of classes for the macro average)."""
        classes = list(dict.fromkeys(c for _, doc in documents for c in doc.get("classes", [])))
        choice = self._fill_class_box(classes)
        several = len(documents) > 1
        roc, pr = [], []
        prevalence = None
        for index, (name, doc) in enumerate(documents):
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
        title_roc, title_pr = self._multiclass_titles(choice)
        if not several:
            title_roc = self.tr("%1, %2").replace("%1", title_roc).replace("%2", documents[0][0])
            title_pr = self.tr("%1, %2").replace("%1", title_pr).replace("%2", documents[0][0])
        self.roc_plot.show_curves(roc, title_roc)
        if pr:
            self.pr_plot.show_curves(pr, title_pr, prevalence)
        else:
            self.pr_plot.show_note(self.tr("No precision-recall curves stored for these runs "
                                           "(trained before they were kept); train them again."))

    def _multiclass_titles(self, choice: str) -> tuple[str, str]:
        if choice == EVERY_CLASS:
            return (self.tr("One-vs-rest ROC per class"),
                    self.tr("One-vs-rest precision-recall per class"))
        if choice == MACRO:
            return (self.tr("Macro-average ROC (one-vs-rest)"),
                    self.tr("Macro-average precision-recall (one-vs-rest)"))
        return (self.tr("ROC of class %1 against the rest").replace("%1", choice),
                self.tr("Precision-recall of class %1 against the rest").replace("%1", choice))
