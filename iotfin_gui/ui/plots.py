"""pyqtgraph building blocks shared by the panels, each usable on its own with sample data.

Value axes read like people write numbers (:class:`NumberAxis`: ``1.5M``, ``2,000万``, never
``5e+06``); legends sit below the plot, outside the data (:func:`outside_legend`).
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QWidget

from iotfin_gui.core.formatting import tick_labels
from iotfin_gui.ui.i18n import number_style

#: The month and weekday abbreviations pyqtgraph's date axis writes (strftime in the C locale).
_ENGLISH_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                   "Dec")
_ENGLISH_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_NAME = re.compile(r"\b(" + "|".join(_ENGLISH_MONTHS + _ENGLISH_DAYS) + r")\b")


class LocaleDateAxis(pg.DateAxisItem):
    """A date axis (UTC, as stored) whose month and weekday names follow the interface locale."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(utcOffset=0, **kwargs)
        locale = QLocale()
        short = QLocale.FormatType.ShortFormat
        self._names = {**{name: locale.standaloneMonthName(number, short)
                          for number, name in enumerate(_ENGLISH_MONTHS, start=1)},
                       **{name: locale.standaloneDayName(number, short)
                          for number, name in enumerate(_ENGLISH_DAYS, start=1)}}

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [_NAME.sub(lambda match: self._names[match.group(1)], text)
                for text in super().tickStrings(values, scale, spacing)]


class NumberAxis(pg.AxisItem):
    """A value axis whose ticks read ``0``, ``500K``, ``1M`` (``5,000万`` in Chinese) in the
    interface language, never in scientific notation."""

    def __init__(self, orientation: str = "left", **kwargs: Any) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)
        self._style = number_style()

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return tick_labels([v * scale for v in values], spacing * scale, self._style)


#: Row of a PlotItem's layout below its bottom axis (pyqtgraph uses rows 0 to 3).
LEGEND_ROW = 4


def outside_legend(plot: pg.PlotWidget, columns: int = 4) -> pg.LegendItem:
    """A legend in a row of its own below the plot, so that it never covers data; curves
    plotted with a ``name`` join it, as with ``addLegend``."""
    item = plot.getPlotItem()
    legend = pg.LegendItem(colCount=columns, labelTextSize="8pt")
    item.layout.addItem(legend, LEGEND_ROW, 1)
    item.legend = legend
    return legend


def epoch_seconds(times: pd.Series) -> np.ndarray:
    """Naive (UTC or local calendar) timestamps as seconds since 1970 for a DateAxisItem."""
    return ((times - pd.Timestamp(0)) / pd.Timedelta(seconds=1)).to_numpy(dtype="float64")


class TimeSeriesPlot(pg.PlotWidget):
    """A plot with a date axis whose curves downsample and clip to the view (fast on years of
    hourly data)."""

    def __init__(self, parent: QWidget | None = None, left_label: str = "") -> None:
        super().__init__(parent, axisItems={"bottom": LocaleDateAxis(), "left": NumberAxis()})
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
