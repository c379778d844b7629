"""pyqtgraph building blocks shared by the panels, each usable on its own with sample data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget


def epoch_seconds(times: pd.Series) -> np.ndarray:
    """Naive (UTC or local calendar) timestamps as seconds since 1970 for a DateAxisItem."""
    return ((times - pd.Timestamp(0)) / pd.Timedelta(seconds=1)).to_numpy(dtype="float64")


class TimeSeriesPlot(pg.PlotWidget):
    """A plot with a date axis whose curves downsample and clip to the view (fast on years of
    hourly data)."""

    def __init__(self, parent: QWidget | None = None, left_label: str = "") -> None:
        super().__init__(parent, axisItems={"bottom": pg.DateAxisItem(utcOffset=0)})
        self.setBackground("w")
        self.showGrid(x=True, y=True, alpha=0.25)
        self.getAxis("left").setWidth(84 if left_label else 64)
        if left_label:
            self.setLabel("left", left_label)
        self.getPlotItem().setDownsampling(auto=True, mode="peak")
        self.getPlotItem().setClipToView(True)

    def show_series(self, times: pd.Series, values: pd.Series, name: str = "",
                    color: str = "#1f77b4") -> pg.PlotDataItem:
        """Replace the plot's curves with one series."""
        self.clear()
        curve = self.plot(epoch_seconds(times), values.to_numpy(dtype="float64"),
                          pen=pg.mkPen(color, width=1.5), name=name)
        self.enableAutoRange()
        return curve
