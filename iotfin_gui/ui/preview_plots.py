"""Small before/after histograms of the columns a recipe changes (usable with sample data).

Each changed column gets one small plot: the values before the recipe in grey and after it in
blue, drawn as filled step curves over the shared bin edges the core computed. New columns
only have the "after" histogram. No legend item is used: a caption above the grid says which
colour is which (pyqtgraph legends and filled items do not mix well). Both axes write numbers
for people (``1.5M``, ``2万``), never ``5e+06``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from iotfin_gui.core.recipes.preview import ColumnChange, Histogram
from iotfin_gui.ui.plots import NumberAxis

BEFORE_PEN, BEFORE_BRUSH = (120, 120, 120), (150, 150, 150, 90)
AFTER_PEN, AFTER_BRUSH = (31, 119, 180), (31, 119, 180, 110)
PLOT_HEIGHT = 150


class HistogramGrid(pg.GraphicsLayoutWidget):
    """A grid of small histograms, ``columns`` plots per row; ``plots`` maps column -> plot."""

    def __init__(self, parent: QWidget | None = None, columns: int = 3) -> None:
        super().__init__(parent)
        self.per_row = columns
        self.plots: dict[str, pg.PlotItem] = {}

    def show_changes(self, changes: Sequence[ColumnChange]) -> None:
        """Replace the plots with one per changed column."""
        self.clear()
        self.plots = {}
        for index, change in enumerate(changes):
            row, column = divmod(index, self.per_row)
            plot = self.addPlot(row=row, col=column, axisItems={
                "left": NumberAxis("left"), "bottom": NumberAxis("bottom")})
            plot.setTitle(change.column, size="9pt")
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
            plot.getAxis("left").setWidth(36)
            for histogram, pen, brush in ((change.before, BEFORE_PEN, BEFORE_BRUSH),
                                          (change.after, AFTER_PEN, AFTER_BRUSH)):
                if histogram is not None:
                    self._draw(plot, histogram, pen, brush)
            self.plots[change.column] = plot
        rows = -(-len(changes) // self.per_row)
        self.setMinimumHeight(max(rows, 1) * PLOT_HEIGHT)

    @staticmethod
    def _draw(plot: pg.PlotItem, histogram: Histogram, pen: tuple, brush: tuple) -> None:
        edges = np.asarray(histogram.edges, dtype="float64")
        counts = np.asarray(histogram.counts, dtype="float64")
        plot.plot(edges, counts, stepMode="center", fillLevel=0, pen=pg.mkPen(pen, width=1),
                  brush=pg.mkBrush(brush))
