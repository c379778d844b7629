"""One plan, whichever way it is asked for: ``main.py plan`` and the window's Cash plan tab plan
the same dataset from the same cash now, on the same first day, to the same visits.

The forecast dataset ends five days before the fleet's newest withdrawals do, so the newest cash
reading is the fleet's, days after the forecast's first day: the case where the command once
planned from the forecast's first day while the window planned from the reading's day."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from PySide6.QtCore import Qt

from iotfin_gui.cli import main
from iotfin_gui.core.fleet import fleet_status
from iotfin_gui.core.forecast.outlook import cash_outlook
from iotfin_gui.core.store import Store
from iotfin_gui.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

DATES = ("order_by", "date", "covers_until")
AMOUNTS = ("fill_to", "expected_cash_before", "expected_load", "visit_cost", "service")


@pytest.fixture
def branch_run(demo_store: Store) -> int:
    """A forecast run of ``branch``, the demo's withdrawals without their last five days, and
    the whole withdrawals imported after it (the fleet's, the newest import); recorded before
    the window opens (list it before ``window``)."""
    frame = demo_store.read_dataset("demo_withdrawals")
    roles = demo_store.dataset("demo_withdrawals").roles
    early = frame[frame["date"] <= frame["date"].max() - pd.Timedelta(days=5)]
    demo_store.write_dataset("branch", early, "withdrawals", source="test", roles=roles)
    run_id = cash_outlook(demo_store, "branch", horizon=14, model="weekday_profile").run_id
    demo_store.write_dataset("fleet", frame, "withdrawals", source="test", roles=roles)
    return run_id


def cli_plan(capsys, db: str, out: str) -> dict:
    code = main(["plan", "--db", db, "--dataset", "branch", "--out", out, "--json"])
    printed, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(printed.strip().splitlines()[-1])


def test_the_command_and_the_window_plan_alike(qtbot, capsys, branch_run, window: MainWindow,
                                               tmp_path) -> None:
    panel = window.panels["forecast"]
    window.show_panel("forecast")
    with qtbot.waitSignal(panel.outlook_ready, timeout=120_000) as blocker:
        panel.dataset_box.setCurrentText("branch")
    outlook = blocker.args[0]
    assert outlook.run_id == branch_run
    page = panel.cash_plan
    panel.tabs.setCurrentWidget(panel.cash_plan_tab)
    shown = page.plan.outcome
    qtbot.mouseClick(page.plan.replan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.plan.outcome is not None and page.plan.outcome is not shown,
                    timeout=120_000)
    window_plan = page.plan.outcome

    out = tmp_path / "plan.csv"
    payload = cli_plan(capsys, str(window.store.path), str(out))

    # The first plan day: the fleet's newest reading, after the forecast's first day.
    first_forecast_day = outlook.result.forecast["date"].min()
    assert window_plan.today > first_forecast_day
    assert payload["today"] == str(window_plan.today.date())
    # Cash now: the window's plan, the Forecast panel's ATM table, Fleet and the command agree.
    cash_now = window_plan.cash_now.set_index("series_id")["cash"].sort_index()
    forecast_cash = outlook.cashout.set_index("series_id")["cash"].sort_index()
    pd.testing.assert_series_equal(cash_now, forecast_cash, check_names=False)
    fleet = fleet_status(window.store).table.set_index("device_id").reindex(cash_now.index)
    pd.testing.assert_series_equal(cash_now, fleet["cash_level"], check_names=False)
    assert list(window_plan.cash_now.sort_values("series_id")["read_at"]) == list(
        fleet["cash_read_at"])
    assert payload["cash_now"] == pytest.approx(cash_now.sum())
    assert payload["cash_read_at"] == pd.Timestamp(window_plan.cash_now["read_at"].max()
                                                   ).isoformat()
    # The visit table, row by row, as the page shows it and as the command wrote it.
    command = pd.read_csv(out, encoding="utf-8-sig", keep_default_na=False,
                          dtype={"series_id": str, "route": str, "note": str})
    shown_rows = page.plan.model.frame
    assert len(command) == len(window_plan.plan) == len(shown_rows) == payload["visits"] > 0
    for column in ("series_id", "route"):
        assert list(command[column]) == list(window_plan.plan[column].astype(str))
    assert list(command["note"]) == [str(n) for n in window_plan.plan["note"]]
    for column in DATES:
        assert list(pd.to_datetime(command[column])) == list(
            pd.to_datetime(window_plan.plan[column]))
    for column in AMOUNTS:
        mine = pd.to_numeric(command[column].replace("", None)).to_numpy(float)
        pd.testing.assert_series_equal(pd.Series(mine), window_plan.plan[column].astype(float)
                                       .reset_index(drop=True), check_names=False)
