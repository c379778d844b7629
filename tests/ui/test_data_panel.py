"""The Data panel does no needless work and writes counts for people: switching to a dataset whose
overview is kept cancels the overview job still running for the one shown before (nothing it
made is drawn), and the details line groups the row count under the C locale and in Chinese."""

from __future__ import annotations

import pytest
import sample_jobs
from PySide6.QtCore import QLocale
from test_main_window import click_dataset

from iotfin_gui.core.ingest import import_file
from iotfin_gui.core.overview import kept_daily_series
from iotfin_gui.ui.main_window import MainWindow
from iotfin_gui.ui.panels import data as data_panel
from iotfin_gui.ui.panels.data import DataPanel

pytestmark = pytest.mark.gui

WAIT = 30_000


def test_switching_to_a_kept_overview_cancels_the_running_job(qtbot, window: MainWindow, runner,
                                                               monkeypatch) -> None:
    panel, store = window.data_panel, window.store
    kept = kept_daily_series(store, "demo_withdrawals")  # drawn when the window opened
    assert kept is not None and kept_daily_series(store, "demo_telemetry") is None
    monkeypatch.setattr(data_panel, "daily_series_job", sample_jobs.slow_daily_series)
    done: list[int] = []
    drawn: list[str] = []

    def on_done(job: int, result: object) -> None:
        done.append(job)

    def on_drawn(series: object) -> None:
        drawn.append(series.name)

    runner.succeeded.connect(on_done)
    panel.series_ready.connect(on_drawn)
    try:
        with qtbot.waitSignal(runner.started, timeout=WAIT,
                              check_params_cb=lambda job, title: "demo_telemetry" in title) as go:
            click_dataset(qtbot, window, "demo_telemetry")
        slow = go.args[0]
        with qtbot.waitSignal(runner.cancelled, timeout=WAIT,
                              check_params_cb=lambda job: job == slow):
            click_dataset(qtbot, window, "demo_withdrawals")
        qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT)
    finally:
        runner.succeeded.disconnect(on_done)
        panel.series_ready.disconnect(on_drawn)
    assert slow not in done
    assert drawn == ["demo_withdrawals"]
    assert "demo_withdrawals" in panel.plot.getPlotItem().titleLabel.text
    curve = panel.plot.getPlotItem().listDataItems()[0]
    assert len(curve.getOriginalDataset()[0]) == len(kept.daily)


@pytest.fixture
def restore_locale():
    before = QLocale()
    yield
    QLocale.setDefault(before)


@pytest.mark.parametrize("locale", ["C", "zh_CN"])
def test_the_details_line_groups_the_row_count(qtbot, store, runner, tmp_path, restore_locale,
                                               locale) -> None:
    csv = tmp_path / "branches.csv"
    csv.write_text("branch,staff\n" + "".join(f"B{i},{i % 40}\n" for i in range(12_345)),
                   encoding="utf-8")
    import_file(store, csv, name="branches")
    QLocale.setDefault(QLocale(locale))
    panel = DataPanel(store, runner)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.overview_ready, timeout=WAIT):
        panel.refresh()
    assert "12,345 rows" in panel.details.text()
    assert "12345" not in panel.details.text()
