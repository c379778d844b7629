"""The whole interface in Simplified Chinese: every panel (with runs, plots and tables filled),
the form of every recipe step type and the About box are walked widget by widget, and no English
text may be left outside an allow-list of proper names, units and the user's own data (dataset,
column and device names)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)

from iotfin_gui.core.demo import DemoConfig, load_demo
from iotfin_gui.core.demo.credit import simulate_credit_applications
from iotfin_gui.core.forecast.service import forecast_dataset, store_forecast
from iotfin_gui.core.lineage import library_versions
from iotfin_gui.core.models import train
from iotfin_gui.core.recipes import STEP_TYPES
from iotfin_gui.core.store import Store
from iotfin_gui.ui import i18n
from iotfin_gui.ui.dialogs import about_text
from iotfin_gui.ui.main_window import PANEL_KEYS, MainWindow

pytestmark = pytest.mark.gui

#: Words that stay in Latin letters in Chinese: proper names, abbreviations, units, formats.
ALLOWED = {
    "IoTFin", "Workstation", "ATM", "ATMs", "CSV", "TSV", "Excel", "JSON", "JSON-lines", "Parquet",
    "MQTT", "ThingsBoard", "GBK", "GB18030", "UTF-8", "UTF", "BOM", "SQLite", "Qt", "PySide6",
    "UTC", "ROC", "PR", "AUC", "F1", "IQR", "HTML", "Markdown", "MAE", "RMSE", "MSE", "MAPE",
    "sMAPE", "MASE", "SVM", "RBF", "MLP", "IoT", "CN", "US", "GB-ENG",
    "PCA", "DBSCAN", "k-means", "k-NN", "OWASP", "Luhn", "ETS", "Theta", "Lasso", "Dummy", "CNY",
    "Davies-Bouldin", "Calinski-Harabasz", "Ctrl", "Shift", "Alt", "Del", "pandas", "numpy",
    "scikit-learn", "pyqtgraph", "sqlite-utils", "pyarrow", "openpyxl", "holidays",
    "platformdirs", "Python", "NumPy", "ID", "IDs", "min", "max", "sum", "std", "mean", "csv",
    "json", "xlsx", "parquet", "zip", "png", "sqlite", "iotfin", "demo", "ds",
    "Dask", "DuckDB",
    "English",  # each language is named in its own script in View > Language
    "other",  # the literal suffix of one-hot columns, quoted in a tooltip
}
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.+-]*[A-Za-z0-9]|[A-Za-z]")
TAG = re.compile(r"<[^>]+>|&[a-z]+;")
JSON_EXAMPLE = re.compile(r"[\[{].*[\]}]")
CODE = re.compile(r"\S*_\S*")
FILE_LIKE = re.compile(r"(\S*[/\\]\S+)|(\S+\.(csv|png|sqlite|json|zip|txt|xlsx|parquet|qm)\b)")


def data_words(store: Store) -> set[str]:
    """Names that come from the analyst's data, not from the interface."""
    words: set[str] = set()
    for info in store.datasets():
        words.add(info.name)
        words.update(info.column_names)
        frame = store.read_dataset(info.name)
        for column in frame.columns:
            values = frame[column].dropna()
            if values.map(type).eq(str).all() and values.nunique() < 100:
                words.update(values.unique())
    devices = store.devices()
    for column in devices.columns:
        words.add(column)
        if devices[column].dtype == object or str(devices[column].dtype).startswith("str"):
            words.update(map(str, devices[column].dropna().unique()))
    return {part for word in words for part in [word, *WORD.findall(str(word))]}


def texts_of(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a person can read in ``root`` and its children."""
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        name = f"{type(widget).__name__}({widget.objectName()})"
        yield name + ".toolTip", widget.toolTip()
        yield name + ".windowTitle", widget.windowTitle() if widget.isWindow() else ""
        if isinstance(widget, (QLabel, QAbstractButton)):
            yield name, widget.text()
        elif isinstance(widget, QGroupBox):
            yield name, widget.title()
        elif isinstance(widget, (QLineEdit, QPlainTextEdit)):
            yield name + ".placeholder", widget.placeholderText()
        elif isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                yield f"{name}.tab{index}", widget.tabText(index)
                yield f"{name}.tabToolTip{index}", widget.tabToolTip(index)
        elif isinstance(widget, QComboBox):
            for index in range(widget.count()):
                yield f"{name}.item{index}", widget.itemText(index)
        elif isinstance(widget, QListWidget):
            for index in range(widget.count()):
                yield f"{name}.item{index}", widget.item(index).text()
        elif isinstance(widget, QMenu):
            yield name + ".title", widget.title()
        if isinstance(widget, (QTableView, QTreeView)) and widget.model() is not None:
            model = widget.model()
            for section in range(model.columnCount(QModelIndex())):
                if widget.isColumnHidden(section):
                    continue
                yield f"{name}.header{section}", str(model.headerData(
                    section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
        for action in widget.actions():
            yield name + ".action", action.text()
            yield name + ".actionToolTip", action.toolTip() if action.toolTip() != \
                action.text().replace("&", "") else ""
        if isinstance(widget, pg.PlotWidget):
            yield from plot_texts(name, widget.getPlotItem())
        if isinstance(widget, pg.GraphicsLayoutWidget):
            for item in widget.ci.items:
                if isinstance(item, pg.PlotItem):
                    yield from plot_texts(name, item)


def plot_texts(name: str, plot: pg.PlotItem) -> Iterator[tuple[str, str]]:
    yield name + ".title", plot.titleLabel.text
    for side in ("left", "bottom", "right", "top"):
        axis = plot.getAxis(side)
        if axis.isVisible():
            yield f"{name}.axis.{side}", axis.labelText
    legend = plot.legend
    if legend is not None:
        for _sample, label in legend.items:
            yield name + ".legend", label.text


def english_left(text: str, allowed: set[str], *, code_examples: bool = False) -> list[str]:
    """The English words of ``text`` outside ``allowed``. With ``code_examples`` (tooltips and
    placeholders), JSON and snake_case names, which show what to type, are not words."""
    text = FILE_LIKE.sub(" ", TAG.sub(" ", text or ""))
    if code_examples:
        text = CODE.sub(" ", JSON_EXAMPLE.sub(" ", text))
    return [word for word in WORD.findall(text)
            if word not in allowed and word.lower() not in allowed and len(word) > 1]


def is_hint(where: str) -> bool:
    return where.endswith((".toolTip", ".placeholder"))


@pytest.fixture
def chinese_window(qtbot, qapp, store_path, runner, settings):
    """The main window in zh_CN on a small demo fleet with a model run and a forecast run."""
    assert i18n.install_language("zh_CN") == "zh_CN"
    with Store.open(store_path) as store:
        load_demo(store, DemoConfig(n_atms=8, days=120, telemetry_days=3, credit_rows=60))
        credit = simulate_credit_applications(300, np.random.default_rng(3))
        store.write_dataset("credit_300", credit, "table", roles={"defaulted": "label"},
                            source="test")
        train(store, "credit_300", target="defaulted", task="classification", cv="stratified",
              folds=3, models=["logistic", "baseline"])
        result = forecast_dataset(store, "demo_withdrawals", horizon=7, model="weekday_profile")
        store_forecast(store, result, store.dataset("demo_withdrawals"))
        with qtbot.waitSignal(runner.busy_changed, timeout=60_000,
                              check_params_cb=lambda busy: not busy):
            window = MainWindow(store, runner, settings=settings)
            qtbot.addWidget(window)
            window.show()
        yield window, store
        runner.cancel_all()
        window.log_pane.detach()
    i18n.install_language("en")


def show_and_settle(qtbot, window: MainWindow, key: str, runner) -> None:
    window.show_panel(key)
    qtbot.wait(50)
    if runner.busy:
        qtbot.waitUntil(lambda: not runner.busy, timeout=60_000)
    qtbot.wait(50)


def test_no_english_is_left_in_the_chinese_interface(qtbot, chinese_window, runner) -> None:
    window, store = chinese_window
    allowed = ALLOWED | data_words(store) | {store.path.name, store.path.stem}
    leftovers: dict[str, list[str]] = {}
    for key in PANEL_KEYS:
        show_and_settle(qtbot, window, key, runner)
        panel = window.panels[key]
        if key == "models":  # the best run is shown without a click, so its plots are walked
            assert panel.selected_runs() == panel.board.run_ids()[:1]
        for where, text in texts_of(window):
            words = english_left(text, allowed, code_examples=is_hint(where))
            if words:
                leftovers.setdefault(f"{where}: {text[:80]!r}", [key, *words])
    editor = window.panels["preprocess"].editor
    show_and_settle(qtbot, window, "preprocess", runner)
    for step_type in STEP_TYPES:
        editor.set_steps([])
        editor.add_step(step_type)
        qtbot.wait(10)
        for where, text in texts_of(editor):
            words = english_left(text, allowed, code_examples=is_hint(where))
            if words:
                leftovers.setdefault(f"{step_type} form: {where}: {text[:80]!r}", words)
    about = english_left(about_text(), allowed | set(library_versions()))
    if about:
        leftovers["About"] = about
    for menu in window.menuBar().findChildren(QMenu):
        for action in menu.actions():
            words = english_left(action.text(), allowed)
            if words:
                leftovers.setdefault(f"menu {menu.title()}: {action.text()!r}", words)
    assert not leftovers, f"{len(leftovers)} English texts in zh_CN:\n" + "\n".join(
        f"{where} -> {words}" for where, words in sorted(leftovers.items())[:80])


def test_chinese_text_has_a_font_to_render_with(chinese_window) -> None:
    """Qt falls back to any installed font with Chinese glyphs; without one, text shows as boxes
    (on Debian: apt install fonts-wqy-microhei, which `make run` and `make test` do)."""
    from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

    window, _ = chinese_window
    label = window.navigation.item(0).text()
    assert re.search(r"[\u4e00-\u9fff]", label)
    chinese = [family for family in QFontDatabase.families()
               if QFontDatabase.WritingSystem.SimplifiedChinese
               in QFontDatabase.writingSystems(family)]
    assert chinese, "no font with Chinese glyphs is installed"
    metrics = QFontMetrics(QFont(chinese[0]))
    assert all(metrics.inFont(character) for character in label)
