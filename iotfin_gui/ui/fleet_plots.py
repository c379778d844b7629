"""The Fleet panel's plots: ATM map, fleet status timeline and one ATM's linked history.

Each is a plain pyqtgraph widget fed with core frames; none reads the store or computes
statuses. Status colours are :data:`STATUS_COLORS` everywhere (ok green, low cash amber, fault
red, offline grey).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QVBoxLayout, QWidget

from iotfin_gui.core.fleet.rules import STATUS_LABELS
from iotfin_gui.ui.i18n import number, translated
from iotfin_gui.ui.plots import LocaleDateAxis, TimeSeriesPlot, epoch_seconds, outside_legend

STATUS_COLORS = {
    "ok": "#2ca02c",
    "low_cash": "#f0a202",
    "cash_out": "#7b2d8e",
    "fault": "#d62728",
    "offline": "#8c8c8c",
}
#: Display order (best first) for tiles, legends and filters.
STATUS_ORDER = ("ok", "low_cash", "cash_out", "fault", "offline")
FAULT_BRUSH = (214, 39, 40, 45)
#: The status timeline's row axis at its narrowest (``ATM-0001``-like ids).
ROW_AXIS_WIDTH = 72
ASOF_PEN = pg.mkPen("#1f3b73", width=1.5, style=Qt.PenStyle.DashLine)


def status_label(status: str) -> str:
    """The status as the analyst reads it (the core's label, translated)."""
    return translated(STATUS_LABELS.get(status, status))


def legend_html() -> str:
    """The status colours as a one-line legend for a QLabel."""
    return "&nbsp;&nbsp;".join(
        f"<span style='color:{STATUS_COLORS[s]}'>■</span>&nbsp;{status_label(s)}"
        for s in STATUS_ORDER)


def _legend_marker(status: str) -> pg.ScatterPlotItem:
    """An empty scatter standing in for a status in a legend (no item is painted)."""
    return pg.ScatterPlotItem(symbol="s", size=10, pen=pg.mkPen(None),
                              brush=pg.mkBrush(STATUS_COLORS[status]))


class FleetMap(pg.PlotWidget):
    """ATM coordinates (longitude, latitude) coloured by status; a click selects an ATM."""

    atm_clicked = Signal(str)
    LABEL_LIMIT = 40

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.showGrid(x=True, y=True, alpha=0.15)
        self.setLabel("bottom", QCoreApplication.translate("Fleet", "longitude"))
        self.setLabel("left", QCoreApplication.translate("Fleet", "latitude"))
        self.setMenuEnabled(False)
        self.scatter = pg.ScatterPlotItem(size=12, pen=pg.mkPen("w", width=1), hoverable=True,
                                          tip=self._tip)
        self.scatter.setZValue(10)
        self.scatter.sigClicked.connect(self._clicked)
        self.addItem(self.scatter)
        self.ring = pg.ScatterPlotItem(size=22, pen=pg.mkPen("#1f3b73", width=2.5),
                                       brush=None, symbol="o")
        self.ring.setZValue(5)
        self.addItem(self.ring)
        self.legend = outside_legend(self)
        for status in STATUS_ORDER:
            self.legend.addItem(_legend_marker(status), status_label(status))
        self._labels: list[pg.TextItem] = []
        self._table = pd.DataFrame()

    def _tip(self, x: float, y: float, data: object) -> str:
        row = self._table[self._table["device_id"] == data]
        if row.empty:
            return str(data)
        first = row.iloc[0]
        name = f" — {first['name']}" if pd.notna(first["name"]) else ""
        return f"{first['device_id']}{name}\n{status_label(first['status'])}"

    def show_fleet(self, table: pd.DataFrame) -> None:
        """Place every ATM with coordinates; keeps the current zoom if the ATMs are the same."""
        same = (len(table) == len(self._table)
                and (table["device_id"].to_numpy() == self._table["device_id"].to_numpy()).all())
        self._table = table.reset_index(drop=True)
        placed = self._table.dropna(subset=["latitude", "longitude"])
        shared = {s: pg.mkBrush(c) for s, c in STATUS_COLORS.items()}  # one brush per status
        other = pg.mkBrush("#000000")
        brushes = [shared.get(s, other) for s in placed["status"]]
        self.scatter.setData(x=placed["longitude"].to_numpy(float),
                             y=placed["latitude"].to_numpy(float),
                             brush=brushes, data=placed["device_id"].to_numpy(object))
        self._say_unplaced(len(self._table) - len(placed), len(self._table))
        if same:
            return
        for label in self._labels:
            self.removeItem(label)
        self._labels = []
        if len(placed) <= self.LABEL_LIMIT:
            for row in placed.itertuples():
                label = pg.TextItem(str(row.device_id), color="#555555", anchor=(-0.15, 0.5))
                label.setPos(row.longitude, row.latitude)
                self.addItem(label)
                self._labels.append(label)
        if len(placed):
            mid = float(np.nanmean(placed["latitude"]))
            # One degree of longitude is cos(latitude) times as long as one of latitude.
            self.getPlotItem().getViewBox().setAspectLocked(
                True, ratio=max(math.cos(math.radians(mid)), 0.1))
        self.enableAutoRange()

    def _say_unplaced(self, unplaced: int, total: int) -> None:
        """Above the map: how many ATMs it cannot place and what gives them a place."""
        self.getPlotItem().setTitle(QCoreApplication.translate(
            "Fleet", "%1 of %2 ATMs have no coordinates: import a device registry with their "
            "latitude and longitude to place them.").replace("%1", number(unplaced))
            .replace("%2", number(total)) if unplaced else None, size="9pt")

    def select(self, device_id: str | None) -> None:
        row = self._table[self._table["device_id"] == device_id]
        if device_id is None or row.empty or pd.isna(row.iloc[0]["latitude"]):
            self.ring.setData([], [])
            return
        self.ring.setData([float(row.iloc[0]["longitude"])], [float(row.iloc[0]["latitude"])])

    def _clicked(self, item: object, points: Sequence[pg.SpotItem], event: object) -> None:
        if len(points):
            self.atm_clicked.emit(str(points[0].data()))


class RowAxis(pg.AxisItem):
    """A left axis naming the ATM of each integer row (only as many as fit)."""

    def __init__(self) -> None:
        super().__init__("left")
        self.names: list[str] = []

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:
        if not self.names:
            return []
        minVal, maxVal = sorted((minVal, maxVal))  # the view is inverted: row 0 on top
        lo, hi = max(0, math.ceil(minVal)), min(len(self.names) - 1, math.floor(maxVal))
        if hi < lo:
            return []
        fit = max(1, int(size // 14))
        step = max(1, math.ceil((hi - lo + 1) / fit))
        return [(step, list(range(lo, hi + 1, step)))]

    def tickStrings(self, values: list, scale: float, spacing: float) -> list[str]:
        return [self.names[int(v)] if 0 <= int(v) < len(self.names) else "" for v in values]


class StatusTimeline(pg.PlotWidget):
    """One horizontal band per ATM, its status intervals coloured; one bar item per status.

    ``as_of_moved`` reports where the analyst dropped the dashed "as of" line; a click on a
    band reports its ATM with ``atm_clicked``."""

    atm_clicked = Signal(str)
    as_of_moved = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        self.rows = RowAxis()
        super().__init__(parent, axisItems={"bottom": LocaleDateAxis(),
                                            "left": self.rows})
        self.setMenuEnabled(False)
        self.rows.setWidth(ROW_AXIS_WIDTH)
        self.getViewBox().invertY(True)
        self.getViewBox().setMouseEnabled(x=True, y=True)
        self.bars: dict[str, pg.BarGraphItem] = {}
        self.highlight = pg.LinearRegionItem(orientation="horizontal", movable=False,
                                             brush=(31, 59, 115, 30),
                                             pen=pg.mkPen("#1f3b73", width=1.5))
        self.highlight.setZValue(15)
        self.highlight.hide()
        self.addItem(self.highlight)
        self.as_of_line = pg.InfiniteLine(angle=90, movable=True, pen=ASOF_PEN,
                                          hoverPen=pg.mkPen("#1f3b73", width=3))
        self.as_of_line.setZValue(20)
        self.as_of_line.sigPositionChangeFinished.connect(
            lambda line: self.as_of_moved.emit(float(line.value())))
        self.addItem(self.as_of_line)
        self.scene().sigMouseClicked.connect(self._scene_clicked)
        self.device_ids: list[str] = []

    def show_timeline(self, timeline: pd.DataFrame, device_ids: Sequence[str],
                      start: pd.Timestamp, end: pd.Timestamp) -> None:
        """Draw the intervals (device_id, status, start, end) with one band per ATM."""
        self.device_ids = [str(d) for d in device_ids]
        self.rows.names = self.device_ids
        self.rows.setWidth(self.row_axis_width(self.device_ids))
        row_of = {d: i for i, d in enumerate(self.device_ids)}
        for item in self.bars.values():
            self.removeItem(item)
        self.bars = {}
        rows = timeline["device_id"].astype(str).map(row_of)
        frame = timeline.assign(row=rows).dropna(subset=["row"])
        for status in STATUS_ORDER:
            part = frame[frame["status"] == status]
            if part.empty:
                continue
            y = part["row"].to_numpy(float)
            bars = pg.BarGraphItem(x0=epoch_seconds(part["start"]), x1=epoch_seconds(part["end"]),
                                   y0=y - 0.38, y1=y + 0.38, pen=pg.mkPen(None),
                                   brush=pg.mkBrush(STATUS_COLORS[status]))
            self.addItem(bars)
            self.bars[status] = bars
        x0, x1 = epoch_seconds(pd.Series([start, end]))
        n = max(len(self.device_ids), 1)
        self.getViewBox().setLimits(xMin=x0 - 3600, xMax=x1 + 3600, yMin=-1, yMax=n)
        self.setRange(xRange=(x0, x1), yRange=(-0.6, min(n, 60) - 0.4), padding=0.01)
        self.as_of_line.setBounds((x0, x1))
        self.rows.picture = None
        self.rows.update()

    def row_axis_width(self, names: Sequence[str]) -> int:
        """Wide enough for the longest ATM id (a bank's 20-digit device number included),
        never under ``ROW_AXIS_WIDTH``."""
        metrics = QFontMetrics(self.rows.style.get("tickFont") or self.rows.font())
        longest = max((metrics.horizontalAdvance(name) for name in names), default=0)
        return max(ROW_AXIS_WIDTH, longest + 2 * metrics.averageCharWidth())

    def set_as_of(self, when: pd.Timestamp) -> None:
        self.as_of_line.blockSignals(True)
        self.as_of_line.setValue(epoch_seconds(pd.Series([when]))[0])
        self.as_of_line.blockSignals(False)

    def select(self, device_id: str | None) -> None:
        if device_id not in self.device_ids:
            self.highlight.hide()
            return
        row = self.device_ids.index(device_id)
        self.highlight.setRegion((row - 0.5, row + 0.5))
        self.highlight.show()

    def _scene_clicked(self, event: object) -> None:
        if event.button() != Qt.MouseButton.LeftButton or event.isAccepted():
            return
        view = self.getViewBox()
        if not view.sceneBoundingRect().contains(event.scenePos()):
            return
        row = round(view.mapSceneToView(event.scenePos()).y())
        if 0 <= row < len(self.device_ids):
            self.atm_clicked.emit(self.device_ids[row])


class AtmHistoryPlots(QWidget):
    """One ATM's cash level, daily withdrawals and telemetry, stacked on a linked time axis,
    with fault intervals shaded, replenishments marked and the "as of" moment drawn."""

    TELEMETRY_LIMIT = 2
    SKIP_TELEMETRY = frozenset({"cash_level", "cash", "heartbeat", "time"})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cash = TimeSeriesPlot(self, QCoreApplication.translate("Fleet", "cash"))
        self.withdrawals = TimeSeriesPlot(self, QCoreApplication.translate("Fleet", "per day"))
        self.telemetry = [TimeSeriesPlot(self) for _ in range(self.TELEMETRY_LIMIT)]
        self.plots = [self.cash, self.withdrawals, *self.telemetry]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for plot in self.plots:
            plot.setMinimumHeight(70)
            plot.setMenuEnabled(False)
            layout.addWidget(plot, 1)
            if plot is not self.cash:
                plot.setXLink(self.cash)
            if plot is not self.plots[-1]:
                plot.getAxis("bottom").setStyle(showValues=False)
                plot.getAxis("bottom").setHeight(6)
        layout.setStretch(0, 2)
        self.cash_legend = outside_legend(self.cash, columns=3)
        self._as_of_lines: list[pg.InfiniteLine] = []

    def clear_all(self) -> None:
        for plot in self.plots:
            plot.clear()
        self.cash_legend.clear()
        self._as_of_lines = []

    def show_history(self, frames: dict[str, pd.DataFrame], as_of: pd.Timestamp) -> None:
        self.clear_all()
        cash = frames["cash"]
        self.cash.plot(epoch_seconds(cash["time"]), cash["cash"].to_numpy(float),
                       pen=pg.mkPen("#1f77b4", width=1.5), stepMode=None,
                       name=QCoreApplication.translate("Fleet", "cash level"))
        refills = frames["replenishments"]
        if len(refills):
            x = np.repeat(epoch_seconds(refills["time"]), 2)
            top = float(np.nanmax(cash["cash"])) if len(cash) else 1.0
            y = np.tile([0.0, top], len(refills))
            self.cash.plot(x, y, connect="pairs",
                           pen=pg.mkPen("#2ca02c", width=1.2, style=Qt.PenStyle.DashLine),
                           name=QCoreApplication.translate("Fleet", "replenishment"))
        fault_proxy = pg.PlotDataItem([], [], pen=None, fillLevel=0, fillBrush=FAULT_BRUSH)
        self.cash_legend.addItem(fault_proxy, QCoreApplication.translate("Fleet", "fault"))

        daily = frames["withdrawals"]
        if "amount" in daily and len(daily):
            x0 = epoch_seconds(daily["time"].dt.floor("D"))
            self.withdrawals.addItem(pg.BarGraphItem(
                x0=x0 + 3600, x1=x0 + 82800, y0=0, height=daily["amount"].to_numpy(float),
                pen=pg.mkPen(None), brush=pg.mkBrush("#7f9fbf")))

        telemetry = frames["telemetry"]
        numeric = [c for c in telemetry.columns
                   if c not in self.SKIP_TELEMETRY and pd.api.types.is_numeric_dtype(telemetry[c])
                   and not pd.api.types.is_bool_dtype(telemetry[c])]
        for plot, column in zip(self.telemetry, numeric, strict=False):
            plot.plot(epoch_seconds(telemetry["time"]), telemetry[column].to_numpy(float),
                      pen=pg.mkPen("#9467bd", width=1.2))
            plot.setLabel("left", column)  # the column name: the analyst's data
        for plot in self.telemetry[len(numeric):]:
            plot.setLabel("left", "")
        self._shade_faults(frames["faults"], frames)
        moment = epoch_seconds(pd.Series([as_of]))[0]
        for plot in self.plots:
            line = pg.InfiniteLine(moment, angle=90, movable=False, pen=ASOF_PEN)
            plot.addItem(line)
            self._as_of_lines.append(line)
            plot.enableAutoRange()

    def set_as_of(self, as_of: pd.Timestamp) -> None:
        """Move the dashed "as of" line of every plot."""
        moment = epoch_seconds(pd.Series([as_of]))[0]
        for line in self._as_of_lines:
            line.setValue(moment)

    def _shade_faults(self, faults: pd.DataFrame, frames: dict[str, pd.DataFrame]) -> None:
        ends = [frames[k]["time"].max() for k in ("cash", "telemetry", "withdrawals")
                if len(frames[k])]
        last = max(ends) if ends else None
        for fault in faults.itertuples():
            end = fault.end if not pd.isna(fault.end) else last
            if end is None or pd.isna(end):
                continue
            x0, x1 = epoch_seconds(pd.Series([fault.start, end]))
            for plot in self.plots:
                region = pg.LinearRegionItem((x0, x1), movable=False, brush=FAULT_BRUSH,
                                             pen=pg.mkPen(None))
                region.setZValue(-10)
                region.setToolTip(f"{fault.component} ({fault.severity})")
                plot.addItem(region)

    def data_counts(self) -> dict[str, int]:
        """How many points each plot holds (cash, withdrawals bars, telemetry curves)."""
        curves = self.cash.getPlotItem().listDataItems()
        counts = {"cash": len(curves[0].getOriginalDataset()[0]) if curves else 0}
        bars = [i for i in self.withdrawals.getPlotItem().items
                if isinstance(i, pg.BarGraphItem)]
        counts["withdrawals"] = len(bars[0].opts["height"]) if bars else 0
        counts["telemetry"] = sum(len(c.getOriginalDataset()[0])
                                  for p in self.telemetry
                                  for c in p.getPlotItem().listDataItems())
        return counts
