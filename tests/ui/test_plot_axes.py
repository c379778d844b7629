"""Plots read like people write: money axes in K/M (万/亿 in Chinese), legends off the data."""

from __future__ import annotations

import pandas as pd
import pytest
from PySide6.QtCore import QLocale

from iotfin_gui.ui.i18n import number_style
from iotfin_gui.ui.plots import NumberAxis, TimeSeriesPlot, outside_legend

pytestmark = pytest.mark.gui


def test_money_axis_has_no_scientific_notation(qtbot) -> None:
    plot = TimeSeriesPlot()
    qtbot.addWidget(plot)
    times = pd.Series(pd.date_range("2026-01-01", periods=30, freq="D"))
    plot.show_series(times, pd.Series(range(0, 6_000_000, 200_000)), name="cash")
    axis = plot.getAxis("left")
    assert isinstance(axis, NumberAxis)
    labels = axis.tickStrings([0.0, 2.5e6, 5e6], 1.0, 2.5e6)
    assert labels == ["0", "2.5M", "5M"]
    assert not any("e+" in text for text in labels)


def test_chinese_numbers_use_wan_and_yi() -> None:
    style = number_style(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    assert style.language == "zh"
    axis = NumberAxis()
    axis._style = style
    assert axis.tickStrings([0.0, 5e7, 1e8], 1.0, 5e7) == ["0", "0.5亿", "1亿"]


def test_legend_sits_outside_the_data(qtbot) -> None:
    plot = TimeSeriesPlot()
    qtbot.addWidget(plot)
    legend = outside_legend(plot)
    plot.plot([0, 1], [0, 1], name="history")
    assert len(legend.items) == 1
    plot.resize(600, 400)
    plot.show()
    qtbot.waitExposed(plot)
    view = plot.getPlotItem().getViewBox().sceneBoundingRect()
    assert not view.intersects(legend.sceneBoundingRect())


def test_preview_histograms_use_readable_axes(qtbot) -> None:
    from iotfin_gui.core.recipes.preview import ColumnChange, Histogram
    from iotfin_gui.ui.preview_plots import HistogramGrid

    grid = HistogramGrid()
    qtbot.addWidget(grid)
    big = Histogram(edges=[0.0, 2.5e6, 5e6], counts=[3, 4])
    grid.show_changes([ColumnChange("amount", big, big)])
    axis = grid.plots["amount"].getAxis("bottom")
    assert isinstance(axis, NumberAxis)
    assert axis.tickStrings([0.0, 2.5e6, 5e6], 1.0, 2.5e6) == ["0", "2.5M", "5M"]
