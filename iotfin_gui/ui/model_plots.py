"""Evaluation plots of trained models (pyqtgraph), fed with the plot data of
:func:`iotfin_gui.core.models.evaluation`: ROC and PR curves (several runs overlaid, per class
for multiclass runs), the confusion matrix, calibration, cost vs threshold, permutation
importance, learning curves, predicted vs actual and residuals, and the clustering sweep and
PCA scatter.

Each plot is a widget with one ``show_*`` method taking plain lists and numbers, so it can be
tried on its own with sample data. Legends sit right of the plot, never over the data; None
puts a FillBetweenItem in a legend (pyqtgraph crashes painting one). Every bar of the
importance chart is labelled, and the axis names the score the importance is measured in.
Texts are translated in the "ModelPlots" context; numbers follow the locale.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QSizePolicy, QWidget

from iotfin_gui.ui.i18n import number
from iotfin_gui.ui.models.score_names import metric_name

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf")
#: Line styles that tell overlaid runs apart when colours stand for classes.
STYLES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine,
          Qt.PenStyle.DashDotLine, Qt.PenStyle.DashDotDotLine)
GUIDE = pg.mkPen("#999999", width=1, style=Qt.PenStyle.DashLine)
#: The most features the importance chart shows.
TOP_FEATURES = 15
#: The widest a feature name on the importance chart's axis grows (pixels; longer ones elided).
MAX_LABEL_WIDTH = 220


def color(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def percent(share: float) -> str:
    """A share as a whole percentage in the locale, e.g. ``45%``."""
    return QCoreApplication.translate("ModelPlots", "%1%").replace("%1", number(100 * share))


def amount(value: float) -> str:
    """A cost or count: whole numbers without decimals, others with two."""
    value = float(value)
    return number(value, 0 if value.is_integer() else 2)


def _floats(values: Sequence[Any] | None) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in (values or [])], dtype="float64")


@dataclass(frozen=True)
class Curve:
    """One line of a ROC or PR plot: its legend text, its points (``fpr``/``tpr`` or
    ``recall``/``precision``), its colour index and its line style index."""

    label: str
    points: Mapping[str, Any]
    color: int = 0
    style: int = 0

    def pen(self) -> Any:
        return pg.mkPen(color(self.color), width=2, style=STYLES[self.style % len(STYLES)])


class EvalPlot(pg.PlotWidget):
    """A white plot with axis labels, an optional legend and a note when there is no data."""

    def __init__(self, parent: QWidget | None = None, *, x_label: str = "", y_label: str = "",
                 legend: bool = False) -> None:
        super().__init__(parent)
        self.showGrid(x=True, y=True, alpha=0.2)
        self.setLabel("bottom", x_label)
        self.setLabel("left", y_label)
        for axis in ("bottom", "left"):
            self.getAxis(axis).enableAutoSIPrefix(False)
        self.legend = self._outside_legend() if legend else None

    def _outside_legend(self) -> pg.LegendItem:
        """A legend in the column right of the plot (so it never covers data), as tall as its
        entries."""
        item = self.getPlotItem()
        legend = pg.LegendItem()
        legend.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        item.layout.addItem(legend, 2, 3)
        item.layout.setAlignment(legend, Qt.AlignmentFlag.AlignTop)
        item.legend = legend
        return legend

    def reset(self, title: str = "") -> None:
        self.clear()
        if self.legend is not None:
            self.legend.clear()
        self.setTitle(title)

    def show_note(self, text: str) -> None:
        """No data: an empty plot whose title says why."""
        self.reset(f"<span style='color:#777'>{text}</span>")

    def curves(self) -> list[pg.PlotDataItem]:
        return self.getPlotItem().listDataItems()

    def legend_labels(self) -> list[str]:
        """The texts of the legend's entries, in order."""
        if self.legend is None:
            return []
        return [label.text for _, label in self.legend.items]


class RocPlot(EvalPlot):
    """ROC curves of one or more runs (or of a multiclass run's classes), with the chance
    diagonal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent,
                         x_label=QCoreApplication.translate("ModelPlots", "False positive rate"),
                         y_label=QCoreApplication.translate("ModelPlots", "True positive rate"),
                         legend=True)
        self.setAspectLocked(False)

    def show_runs(self, runs: Sequence[tuple[str, Mapping[str, Any]]],
                  title: str = "") -> None:
        """``runs``: (legend label, evaluation["roc"]) pairs, one colour each."""
        self.show_curves([Curve(label, roc, index) for index, (label, roc) in enumerate(runs)],
                         title)

    def show_curves(self, curves: Sequence[Curve], title: str = "") -> None:
        """Any ROC curves (e.g. one-vs-rest per class and run), each with its own pen."""
        self.reset(title or QCoreApplication.translate("ModelPlots", "ROC curve"))
        self.plot([0, 1], [0, 1], pen=GUIDE)
        for curve in curves:
            self.plot(_floats(curve.points["fpr"]), _floats(curve.points["tpr"]),
                      pen=curve.pen(), name=curve.label)
        self.setRange(xRange=(0, 1), yRange=(0, 1), padding=0.02)


class PrPlot(EvalPlot):
    """Precision-recall curves of one or more runs (or classes), with a prevalence line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, x_label=QCoreApplication.translate("ModelPlots", "Recall"),
                         y_label=QCoreApplication.translate("ModelPlots", "Precision"),
                         legend=True)

    def show_runs(self, runs: Sequence[tuple[str, Mapping[str, Any]]]) -> None:
        """``runs``: (legend label, evaluation["pr"]) pairs; the first run's prevalence is the
        guide line."""
        prevalence = runs[0][1].get("prevalence") if runs else None
        self.show_curves([Curve(label, pr, index) for index, (label, pr) in enumerate(runs)],
                         prevalence=prevalence)

    def show_curves(self, curves: Sequence[Curve], title: str = "",
                    prevalence: float | None = None) -> None:
        """Any PR curves, each with its own pen; ``prevalence`` (the precision of guessing)
        as a guide line when given."""
        self.reset(title or QCoreApplication.translate("ModelPlots", "Precision-recall curve"))
        if prevalence is not None:
            self.plot([0, 1], [float(prevalence)] * 2, pen=GUIDE)
        for curve in curves:
            self.plot(_floats(curve.points["recall"]), _floats(curve.points["precision"]),
                      pen=curve.pen(), name=curve.label)
        self.setRange(xRange=(0, 1), yRange=(0, 1), padding=0.02)


class ConfusionPlot(EvalPlot):
    """The confusion matrix (2 x 2 at the run's threshold, or n x n for multiclass) as a heat
    map with counts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, x_label=QCoreApplication.translate("ModelPlots", "Predicted"),
                         y_label=QCoreApplication.translate("ModelPlots", "Actual"))
        self.showGrid(x=False, y=False)
        self.getPlotItem().invertY(True)
        self.setMouseEnabled(x=False, y=False)
        self.matrix: np.ndarray | None = None
        self.labels: list[str] = []

    def show_matrix(self, confusion: Mapping[str, Any], threshold: float | None, *,
                    fold_mean: float | None = None) -> None:
        """The matrix (actual rows, predicted columns) of out-of-fold predictions: at
        ``threshold`` (two classes; the title gives the F1 there), or, for runs stored before
        that, each fold at its own threshold (``fold_mean`` their mean); neither for
        multiclass."""
        matrix = np.asarray(confusion["matrix"], dtype="float64")
        self.matrix, self.labels = matrix, [str(c) for c in confusion["labels"]]
        self.reset(self.title_for(matrix, threshold, fold_mean))
        image = pg.ImageItem(matrix.T)
        lut = pg.ColorMap([0.0, 1.0], [(255, 255, 255), (31, 119, 180)]).getLookupTable(
            nPts=256)
        image.setLookupTable(lut)
        image.setLevels((0, max(float(matrix.max()), 1.0)))
        self.addItem(image)
        high = max(float(matrix.max()), 1.0)
        total = max(float(matrix.sum()), 1.0)
        for actual in range(matrix.shape[0]):
            for predicted in range(matrix.shape[1]):
                value = matrix[actual, predicted]
                text = pg.TextItem(f"{number(value)}\n{percent(value / total)}",
                                   anchor=(0.5, 0.5), color="w" if value > 0.6 * high else "k")
                text.setPos(predicted + 0.5, actual + 0.5)
                self.addItem(text)
        ticks = [[(i + 0.5, label) for i, label in enumerate(self.labels)]]
        self.getAxis("bottom").setTicks(ticks)
        self.getAxis("left").setTicks(ticks)
        self.setRange(xRange=(0, matrix.shape[1]), yRange=(0, matrix.shape[0]), padding=0)


    @staticmethod
    def title_for(matrix: np.ndarray, threshold: float | None, fold_mean: float | None) -> str:
        if threshold is not None and matrix.shape == (2, 2):
            positives = 2 * matrix[1, 1] + matrix[0, 1] + matrix[1, 0]
            f1 = 2 * matrix[1, 1] / positives if positives else 0.0
            return QCoreApplication.translate(
                "ModelPlots", "Confusion matrix at threshold %1 (out of fold): %2 %3").replace(
                "%1", number(threshold, 2)).replace("%2", metric_name("f1")).replace(
                "%3", number(f1, 3))
        if fold_mean is not None:
            return QCoreApplication.translate(
                "ModelPlots", "Confusion matrix (out of fold, each fold at its own threshold, "
                "mean %1; train again to see it at the applied threshold)").replace(
                "%1", number(fold_mean, 2))
        return QCoreApplication.translate("ModelPlots", "Confusion matrix")


class CalibrationPlot(EvalPlot):
    """Mean predicted probability against the observed share of positives, per bin."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            parent, x_label=QCoreApplication.translate("ModelPlots", "Mean predicted probability"),
            y_label=QCoreApplication.translate("ModelPlots", "Observed share of positives"))

    def show_curve(self, calibration: Mapping[str, Any]) -> None:
        self.reset(QCoreApplication.translate("ModelPlots", "Calibration"))
        self.plot([0, 1], [0, 1], pen=GUIDE)
        self.plot(_floats(calibration["mean_predicted"]),
                  _floats(calibration["fraction_positive"]), pen=pg.mkPen(color(0), width=2),
                  symbol="o", symbolSize=6, symbolBrush=color(0))
        self.setRange(xRange=(0, 1), yRange=(0, 1), padding=0.02)


class CostPlot(EvalPlot):
    """Average cost per case against the decision threshold, the chosen one marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            parent, x_label=QCoreApplication.translate(
                "ModelPlots", "Threshold (probability of the positive class)"),
            y_label=QCoreApplication.translate("ModelPlots", "Average cost per case"))
        self.threshold_line: pg.InfiniteLine | None = None

    def show_curve(self, curve: Mapping[str, Any], threshold: float | None) -> None:
        self.reset(QCoreApplication.translate(
            "ModelPlots", "Cost vs threshold (false positive %1, false negative %2)")
            .replace("%1", amount(curve.get("cost_fp", 0)))
            .replace("%2", amount(curve.get("cost_fn", 0))))
        self.plot(_floats(curve["threshold"]), _floats(curve["cost"]),
                  pen=pg.mkPen(color(0), width=2))
        self.threshold_line = None
        if threshold is not None:
            self.threshold_line = pg.InfiniteLine(
                pos=float(threshold), angle=90, movable=False,
                pen=pg.mkPen(color(1), width=2, style=Qt.PenStyle.DashLine),
                label=QCoreApplication.translate("ModelPlots", "threshold applied %1").replace(
                    "%1", number(threshold, 2)),
                labelOpts={"position": 0.9, "color": color(1), "fill": (255, 255, 255, 200)})
            self.addItem(self.threshold_line)
        self.enableAutoRange()


class ImportancePlot(EvalPlot):
    """Permutation importance as horizontal bars, most important on top, every bar labelled
    with its feature (long names elided, in full in the tooltip)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.features: list[str] = []
        self.tick_labels: list[str] = []

    def show_bars(self, rows: Sequence[Mapping[str, Any]], metric: str = "roc_auc") -> None:
        """``rows`` (feature, mean, std), most important first; ``metric`` the score the
        shuffles were measured in (``rmse``: a rise, others a drop)."""
        self.reset(QCoreApplication.translate("ModelPlots", "Permutation feature importance"))
        axis_text = (QCoreApplication.translate("ModelPlots", "Rise in %1 when the column is "
                                                "shuffled") if metric == "rmse" else
                     QCoreApplication.translate("ModelPlots", "Drop in %1 when the column is "
                                                "shuffled"))
        self.setLabel("bottom", axis_text.replace("%1", metric_name(metric)))
        top = list(rows)[:TOP_FEATURES][::-1]
        self.features = [str(r["feature"]) for r in top][::-1]
        if not top:
            self.show_note(QCoreApplication.translate("ModelPlots",
                                                      "No feature importance for this run."))
            return
        means = _floats([r["mean"] for r in top])
        spreads = _floats([r.get("std", 0.0) for r in top])
        positions = np.arange(len(top), dtype="float64")
        self.addItem(pg.BarGraphItem(x0=0, y=positions, height=0.6, width=means,
                                     brush=color(0), pen=None))
        self.addItem(pg.ErrorBarItem(x=means, y=positions, left=spreads, right=spreads,
                                     beam=0.2, pen=pg.mkPen("#333333")))
        axis = self.getAxis("left")
        metrics = QFontMetrics(axis.style["tickFont"] or self.font())
        names = [str(r["feature"]) for r in top]
        self.tick_labels = [metrics.elidedText(name, Qt.TextElideMode.ElideMiddle,
                                               MAX_LABEL_WIDTH) for name in names]
        axis.setWidth(min(MAX_LABEL_WIDTH, max(metrics.horizontalAdvance(t)
                                               for t in self.tick_labels)) + 16)
        axis.setTicks([list(zip(positions.tolist(), self.tick_labels, strict=True)), []])
        axis.setStyle(hideOverlappingLabels=False)
        self.setToolTip("\n".join(names[::-1]))
        widest = float(np.nanmax(means + spreads)) if np.isfinite(means).any() else 1.0
        self.setXRange(min(0.0, float(np.nanmin(means - spreads))), max(widest, 1e-9),
                       padding=0.05)
        self.setYRange(-0.6, len(top) - 0.4, padding=0)


class LearningCurvePlot(EvalPlot):
    """Training and validation score against training rows, with ± one std."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, x_label=QCoreApplication.translate("ModelPlots",
                                                                    "Training rows"),
                         legend=True)

    def show_curve(self, frame: pd.DataFrame, title: str = "") -> None:
        self.reset(title or QCoreApplication.translate("ModelPlots", "Learning curve"))
        metric = str(frame["metric"].iloc[0]) if len(frame) else ""
        self.setLabel("left", metric_name(metric))
        x = frame["train_rows"].to_numpy(float)
        for index, (part, label) in enumerate((
                ("train", QCoreApplication.translate("ModelPlots", "training")),
                ("valid", QCoreApplication.translate("ModelPlots", "validation")))):
            y = frame[part].to_numpy(float)
            spread = np.nan_to_num(frame[f"{part}_std"].to_numpy(float))
            self.plot(x, y, pen=pg.mkPen(color(index), width=2), symbol="o", symbolSize=6,
                      symbolBrush=color(index), name=label)
            self.addItem(pg.ErrorBarItem(x=x, y=y, height=2 * spread, beam=0,
                                         pen=pg.mkPen(color(index))))
        self.enableAutoRange()


class PredictedActualPlot(EvalPlot):
    """Out-of-fold predictions against the actual values, with the identity line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, x_label=QCoreApplication.translate("ModelPlots", "Actual"),
                         y_label=QCoreApplication.translate("ModelPlots", "Predicted"))

    def show_points(self, actual: Sequence[float], predicted: Sequence[float]) -> None:
        self.reset(QCoreApplication.translate("ModelPlots", "Predicted vs actual (out of fold)"))
        a, p = _floats(actual), _floats(predicted)
        if a.size:
            low = float(np.nanmin([a.min(), p.min()]))
            high = float(np.nanmax([a.max(), p.max()]))
            self.plot([low, high], [low, high], pen=GUIDE)
        self.plot(a, p, pen=None, symbol="o", symbolSize=5, symbolPen=None,
                  symbolBrush=pg.mkBrush(31, 119, 180, 120))
        self.enableAutoRange()


class ResidualPlot(EvalPlot):
    """Residuals (actual - predicted) against the prediction, with the zero line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, x_label=QCoreApplication.translate("ModelPlots", "Predicted"),
                         y_label=QCoreApplication.translate("ModelPlots",
                                                            "Residual (actual - predicted)"))

    def show_points(self, predicted: Sequence[float], residual: Sequence[float]) -> None:
        self.reset(QCoreApplication.translate("ModelPlots", "Residuals"))
        self.addItem(pg.InfiniteLine(pos=0, angle=0, pen=GUIDE))
        self.plot(_floats(predicted), _floats(residual), pen=None, symbol="o", symbolSize=5,
                  symbolPen=None, symbolBrush=pg.mkBrush(214, 39, 40, 120))
        self.enableAutoRange()


def sweep_axis(sweep: Sequence[Mapping[str, Any]]) -> tuple[str, list[float], list[str]]:
    """The x axis of a clustering sweep: the one parameter that varies (e.g. k), else the
    candidate number; returns (axis label, x values, tick labels)."""
    params = [dict(row.get("params") or {}) for row in sweep]
    keys = sorted({k for p in params for k in p})
    varying = [k for k in keys if len({repr(p.get(k)) for p in params}) > 1]
    if len(varying) == 1 and all(isinstance(p.get(varying[0]), (int, float)) for p in params):
        name = varying[0].split("__")[-1]
        return name, [float(p[varying[0]]) for p in params], []
    ticks = [", ".join(f"{k.split('__')[-1]}={v}" for k, v in p.items()) for p in params]
    return (QCoreApplication.translate("ModelPlots", "candidate"),
            [float(i + 1) for i in range(len(sweep))], ticks)


class SweepPlot(pg.GraphicsLayoutWidget):
    """The clustering sweep: inertia (the elbow, k-means only) and silhouette per candidate."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inertia_plot = self.addPlot(row=0, col=0)
        self.silhouette_plot = self.addPlot(row=0, col=1)
        for plot in (self.inertia_plot, self.silhouette_plot):
            plot.showGrid(x=True, y=True, alpha=0.2)
            plot.getAxis("left").enableAutoSIPrefix(False)

    def show_sweep(self, sweep: Sequence[Mapping[str, Any]], chosen: Mapping[str, Any]) -> None:
        label, x, ticks = sweep_axis(sweep)
        chosen_index = next((i for i, row in enumerate(sweep)
                             if dict(row.get("params") or {}) == dict(chosen)), None)
        for plot, key, title, missing in (
                (self.inertia_plot, "inertia",
                 QCoreApplication.translate("ModelPlots", "Inertia (elbow)"),
                 QCoreApplication.translate("ModelPlots", "Inertia (elbow): not available")),
                (self.silhouette_plot, "silhouette",
                 QCoreApplication.translate("ModelPlots", "Silhouette"),
                 QCoreApplication.translate("ModelPlots", "Silhouette: not available"))):
            plot.clear()
            plot.setLabel("bottom", label)
            plot.getAxis("bottom").setTicks([list(zip(x, ticks, strict=True))] if ticks
                                            else None)
            values = _floats([row.get(key) for row in sweep])
            if not np.isfinite(values).any():
                plot.setTitle(f"<span style='color:#777'>{missing}</span>")
                continue
            plot.setTitle(title)
            plot.plot(x, values, pen=pg.mkPen(color(0), width=2), symbol="o", symbolSize=7,
                      symbolBrush=color(0))
            if chosen_index is not None and np.isfinite(values[chosen_index]):
                plot.plot([x[chosen_index]], [values[chosen_index]], pen=None, symbol="star",
                          symbolSize=16, symbolBrush=color(1))
            plot.enableAutoRange()


class ClusterScatter(EvalPlot):
    """The rows in the first two principal components, coloured by cluster."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, legend=True)

    def show_points(self, scatter: Mapping[str, Any]) -> None:
        self.reset(QCoreApplication.translate("ModelPlots",
                                              "Clusters in the first two principal components"))
        x, y = _floats(scatter.get("x")), _floats(scatter.get("y"))
        clusters = np.asarray(scatter.get("cluster") or [], dtype=int)
        explained = list(scatter.get("explained_variance") or [])
        for axis, index in (("bottom", 0), ("left", 1)):
            if len(explained) > index:
                text = QCoreApplication.translate("ModelPlots", "PC%1 (%2 of the variance)")
                text = text.replace("%2", percent(explained[index]))
            else:
                text = QCoreApplication.translate("ModelPlots", "PC%1")
            self.setLabel(axis, text.replace("%1", str(index + 1)))
        if not x.size:
            self.show_note(QCoreApplication.translate(
                "ModelPlots", "Fewer than two feature columns: no 2-D projection."))
            return
        for index, cluster in enumerate(np.unique(clusters)):
            mine = clusters == cluster
            if cluster == -1:
                name = QCoreApplication.translate("ModelPlots", "noise (%1)")
            else:
                name = QCoreApplication.translate("ModelPlots", "cluster %2 (%1)").replace(
                    "%2", str(cluster))
            brush = pg.mkBrush("#bbbbbb" if cluster == -1 else color(index))
            self.plot(x[mine], y[mine], pen=None, symbol="o", symbolSize=6, symbolPen=None,
                      symbolBrush=brush, name=name.replace("%1", number(int(mine.sum()))))
        self.enableAutoRange()
