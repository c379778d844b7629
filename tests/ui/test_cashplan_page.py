"""The Forecast panel's Cash plan tab driven like a user: import routes (a bad file is named
and changes nothing; a good one re-plans), re-plan from today's cash, backtest the plan against
the fixed rule, export the visits on screen; amounts in the data's currency."""

from __future__ import annotations

import pandas as pd
import pytest
from PySide6.QtCore import Qt

from iotfin_gui.core.cashplan import load_routes
from iotfin_gui.core.cashplan.routes import CSV_COLUMNS
from iotfin_gui.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_routes_plan_and_policy_backtest(qtbot, window: MainWindow, tmp_path) -> None:
    panel = window.panels["forecast"]
    window.show_panel("forecast")
    panel.model_box.setCurrentIndex(panel.model_box.findData("weekday_profile"))
    panel.horizon_box.setValue(14)
    with qtbot.waitSignal(panel.outlook_ready, timeout=120_000) as blocker:
        qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    outlook = blocker.args[0]
    page = panel.cash_plan
    panel.tabs.setCurrentWidget(panel.cash_plan_tab)

    bad = tmp_path / "bad.csv"
    bad.write_text("route,visit_days\nnorth,Mon-Fry\n", encoding="utf-8")
    assert not page.routes.import_file(str(bad))
    assert "row 1" in page.routes.message.text() and "visit_days" in page.routes.message.text()
    assert [r.route for r in load_routes(window.store)] == ["default"]
    good = tmp_path / "routes.csv"
    good.write_text("route,atms,visit_days,lead_days,denomination,notes_per_bundle\n"
                    "north,ATM-0001;ATM-0002,Mon-Sat,1,100,100\nrest,*,Mon-Fri,1,100,100\n",
                    encoding="utf-8")
    shown = page.plan.outcome  # the forecast's own plan, on screen without a click
    assert shown is outlook.planned and page.plan.model.rowCount() == len(outlook.plan) > 0
    assert page.routes.import_file(str(good))  # the plan is made again on the new routes
    assert page.routes.model.rowCount() == 2

    qtbot.waitUntil(lambda: page.plan.outcome is not shown, timeout=120_000)
    plan = page.plan.outcome.plan
    assert page.plan.model.rowCount() == len(plan) > 0
    fill_to = page.plan.model.index(0, list(plan.columns).index("fill_to")).data()
    assert fill_to.startswith("¥")  # the demo's amounts are yuan
    assert (plan["fill_to"] % 10_000 == 0).all()
    north = plan[plan["route"] == "north"]
    assert set(north["series_id"]) <= {"ATM-0001", "ATM-0002"}
    assert "not yet calibrated" in page.plan.summary.text()

    assert page.policy.run_button.isEnabled()
    qtbot.mouseClick(page.policy.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.policy.outcome is not None, timeout=300_000)
    table = page.policy.outcome.table
    assert list(table["policy"]) == ["fixed", "plan"]
    assert page.policy.model.rowCount() == 2
    total = list(table.columns).index("total_cost")
    assert page.policy.model.index(0, total).data().startswith("¥")
    assert page.policy.plot.getAxis("left").labelText == "Fleet cash (¥)"
    assert len(page.policy.plot.getPlotItem().listDataItems()) == 2
    assert outlook.service_level == 0.95

    qtbot.mouseClick(page.plan.replan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.plan.outcome.calibrated, timeout=120_000)
    assert "calibrated by the policy backtest" in page.plan.summary.text()

    # Export on this tab writes the visits re-planned here, not the plan made at the forecast.
    assert panel.export_button.isEnabled()
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    dialog = panel.export_dialog
    assert dialog.table == "replenishment_plan"
    assert dialog.selectors["frame"] is page.plan.outcome.plan is not outlook.plan
    dialog.close()

    # Saving an edited route re-plans on it: north visits on Wednesdays only.
    before = page.plan.outcome
    routes = page.routes
    north = routes.model.index(0, CSV_COLUMNS.index("visit_days"))
    assert routes.model.routes()[0].route == "north"
    assert routes.model.setData(north, (2,))
    qtbot.mouseClick(routes.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.plan.outcome is not before, timeout=120_000)
    visits = page.plan.outcome.plan
    north_days = visits.loc[visits["route"] == "north", "date"]
    assert len(north_days) > 0 and set(pd.to_datetime(north_days).dt.day_of_week) == {2}
