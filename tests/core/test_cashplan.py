"""The cash plan: demand scenarios, the optimiser's visits and fills, re-planning from a stored
forecast run without forecasting, and the policy replay against the fixed rule."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from iotfin_gui.core.cashplan import (
    RouteSettings,
    atm_rules,
    calibrate,
    demand_model,
    make_plan,
    policy_table,
    replay_all,
    stored_demand_model,
)
from iotfin_gui.core.cashplan.backtest import Window, replay, windows_from_backtest
from iotfin_gui.core.cashplan.demand import DemandModel
from iotfin_gui.core.cashplan.optimise import CyclePlanner
from iotfin_gui.core.errors import InputError
from iotfin_gui.core.forecast import forecast_dataset, store_forecast
from iotfin_gui.core.forecast import service as forecast_service
from iotfin_gui.core.forecast.data import to_panel

MONDAY = pd.Timestamp("2026-01-05")


def steady_model(n: int = 3, days: int = 42, noise: float = 0.2, seed: int = 0) -> DemandModel:
    """ATMs drawing 10 a day with relative noise, from a Monday."""
    rng = np.random.default_rng(seed)
    return DemandModel([f"A{i}" for i in range(n)], MONDAY, np.full((n, days), 10.0),
                       np.full(n, 10.0), rng.normal(0, noise, (200, days)), max_cycle=14)


def route(**changes) -> RouteSettings:
    values = dict(denomination=1.0, notes_per_bundle=5, visit_cost=100.0, surcharge=50.0,
                  idle_rate=0.05, stockout_penalty=50.0, lead_days=0, max_interval=14)
    return RouteSettings(**{**values, **changes})


def test_window_quantiles_grow_with_length_and_probability() -> None:
    model = steady_model()
    low, high = model.window_quantile(0.8), model.window_quantile(0.95)
    assert np.all(high[:, :20] >= low[:, :20] - 1e-9)
    assert np.all(np.diff(low[:, 0, :], axis=1) > 0)
    assert np.isnan(low[0, -1, 1])  # a two-day window from the last day leaves the horizon
    assert low[0, 0, 6] == pytest.approx(70 + 10 * np.quantile(
        np.cumsum(model.paths[:, :7], axis=1)[:, -1], 0.8), rel=0.02)


def test_the_plan_visits_on_allowed_days_with_whole_bundles_within_capacity() -> None:
    model = steady_model()
    plan = make_plan(model, [route(visit_days=(0, 2, 4), lead_days=1)],
                     {"A0": 30, "A1": 0, "A2": 200}, today=MONDAY, level=0.9, capacity=55.0)
    assert set(plan["date"].dt.day_of_week) <= {0, 2, 4}
    assert (plan["fill_to"] % 5 == 0).all() and (plan["fill_to"] <= 55).all()
    assert (plan["expected_load"] % 5 == 0).all()
    first = plan.groupby("series_id").first()
    assert "at risk" in first.loc["A1", "note"]
    assert first.loc["A1", "date"] == MONDAY + pd.Timedelta(days=2)  # Tuesday is no visit day
    assert (plan["order_by"] == plan["date"] - pd.Timedelta(days=1)).all()
    assert first.loc["A2", "date"] > first.loc["A0", "date"]  # more cash, later visit
    for _, visits in plan.groupby("series_id"):
        gaps = visits["date"].diff().dt.days.dropna()
        assert (gaps <= 14).all()
    quantile = model.window_quantile(0.9)
    for row in plan.itertuples():
        start = (row.date - MONDAY).days
        days = (row.covers_until - row.date).days
        if not row.note and start + days <= model.horizon:
            assert row.fill_to >= quantile[0, start, days - 1] - 1e-6


def test_costly_idle_cash_means_smaller_fills_and_more_visits() -> None:
    model = steady_model(noise=0.05)
    cheap = make_plan(model, [route(idle_rate=0.0)], {"A0": 0, "A1": 0, "A2": 0},
                      today=MONDAY, level=0.9, capacity=150.0)
    costly = make_plan(model, [route(idle_rate=1.0, visit_cost=0.5, surcharge=0.0)],
                       {"A0": 0, "A1": 0, "A2": 0}, today=MONDAY, level=0.9, capacity=150.0)
    assert len(costly) > len(cheap)
    assert costly["fill_to"].mean() < cheap["fill_to"].mean()


def test_a_capacity_too_small_for_a_weekend_is_flagged_and_filled_to_the_top() -> None:
    model = steady_model(n=1, noise=0.0)
    plan = make_plan(model, [route(visit_days=(0, 1, 2, 3, 4))], {"A0": 100}, today=MONDAY,
                     level=0.9, capacity=25.0)
    friday = plan[plan["date"].dt.day_of_week == 4]
    assert not friday.empty and (friday["fill_to"] == 25).all()
    assert friday["note"].str.contains("capacity too small").all()


def test_the_plan_refuses_a_stale_forecast_and_missing_cash() -> None:
    model = steady_model()
    with pytest.raises(InputError, match="ends on 2026-02-15"):
        make_plan(model, [route()], {"A0": 1, "A1": 1, "A2": 1},
                  today=MONDAY + pd.Timedelta(days=60), level=0.9, capacity=50.0)
    with pytest.raises(InputError, match="No cash level for 1 ATM"):
        make_plan(model, [route()], {"A0": 1, "A1": 1}, today=MONDAY, level=0.9, capacity=50.0)
    with pytest.raises(InputError, match="negative cash"):
        make_plan(model, [route()], {"A0": 1, "A1": -1, "A2": 1}, today=MONDAY, level=0.9,
                  capacity=50.0)


def test_a_stored_run_plans_without_forecasting_again(demo, monkeypatch) -> None:
    result = forecast_dataset(demo, "demo_withdrawals", horizon=14, model="weekday_profile")
    run_id = store_forecast(demo, result, demo.dataset("demo_withdrawals"))
    fresh = demand_model(result, max_cycle=14)
    monkeypatch.setattr(forecast_service, "forecast", None)  # re-planning must not forecast
    stored = stored_demand_model(demo, run_id, max_cycle=14)
    assert stored.ids == fresh.ids and stored.start == fresh.start
    np.testing.assert_allclose(stored.point, fresh.point)
    np.testing.assert_allclose(stored.scale, fresh.scale)
    np.testing.assert_allclose(np.nan_to_num(stored.paths), np.nan_to_num(fresh.paths))
    cash = dict.fromkeys(stored.ids, 50_000.0)
    plan = make_plan(stored, [RouteSettings()], cash, today=stored.start, level=0.9,
                     capacity=300_000.0)
    again = make_plan(fresh, [RouteSettings()], cash, today=fresh.start, level=0.9,
                      capacity=300_000.0)
    pd.testing.assert_frame_equal(plan, again)
    assert set(plan["series_id"]) == set(stored.ids)
    with pytest.raises(InputError, match="not a forecast run"):
        demo.conn.execute("UPDATE runs SET kind = 'train' WHERE id = ?", [run_id])
        stored_demand_model(demo, run_id)


def test_a_replay_counts_visits_stockouts_and_cycles() -> None:
    model = steady_model(n=4, days=28)
    actual = np.full((4, 28), 10.0)
    actual[1, 10:13] = 40.0  # a run on one ATM
    window = Window(model, actual)
    rules = atm_rules([route()], model.ids, model.dates, 40.0)
    fixed = replay(window, rules, "fixed")
    plan = replay(window, rules, "plan", level=0.9)
    for result in (fixed, plan):
        assert result.cycles == 4 + result.visits
        assert 0 <= result.failed_cycles <= result.stockout_days
        assert result.stockout_days == int(result.fleet_stockouts.sum())
        assert result.total_cost == pytest.approx(
            result.visit_cost + result.idle_cost + result.penalty_cost)
    assert fixed.surcharged_visits == 0  # the fixed rule visits Monday to Friday only
    big = atm_rules([route()], model.ids, model.dates, 10_000.0)
    assert replay(Window(model, np.full((4, 28), 10.0)), big, "plan", level=0.9).service == 1.0


def test_calibration_finds_settings_that_meet_the_target() -> None:
    windows = [Window(steady_model(n=6, days=28, seed=s),
                      10 + 10 * np.random.default_rng(s + 10).normal(0, 0.2, (6, 28)))
               for s in range(2)]

    def rules_for(window):
        return atm_rules([route()], window.model.ids, window.model.dates, 60.0)

    chosen = calibrate(windows, rules_for, 0.9, steps=4)
    # on the target, not above it by a bisection step (cycles are few: one is 1.4 points)
    assert abs(chosen.service - 0.9) <= 0.015 and 0.05 <= chosen.level <= 0.999
    again = replay_all(windows, rules_for, "plan", level=chosen.level, headroom=chosen.headroom)
    assert again.service == chosen.service and again.total_cost == pytest.approx(chosen.cost)
    table = policy_table([replay_all(windows, rules_for, "fixed"),
                          replay_all(windows, rules_for, "plan", level=chosen.level,
                                     headroom=chosen.headroom, target=0.9)])
    assert list(table["policy"]) == ["fixed", "plan"]
    assert table.loc[1, "headroom"] == chosen.headroom and np.isnan(table.loc[0, "headroom"])


def test_a_window_draws_its_scenarios_from_earlier_errors_only() -> None:
    """What a forecast made at a window's origin could have known: the first origin has no
    earlier errors and is not replayed; a window never sees its own or later errors."""
    days = pd.date_range("2026-01-01", periods=200, freq="D")
    ids = [f"A{i:02d}" for i in range(12)]
    panel = to_panel(pd.DataFrame({"atm": np.repeat(ids, 200), "day": np.tile(days, 12),
                                   "amount": 100.0}),
                     id_col="atm", time_col="day", value_col="amount")
    forecasts = np.full((12, 3, 28), 100.0)
    forecasts[:, 1] = 50.0  # the second origin's forecasts were far off
    forecasts[:, 2] = 300.0  # and the third's even more
    windows = windows_from_backtest(panel, forecasts, [100, 128, 156], max_cycle=14)
    assert [w.model.start for w in windows] == [days[128], days[156]]
    assert np.allclose(np.nan_to_num(windows[0].model.paths), 0.0)  # only origin 100's errors
    assert np.nanmax(windows[1].model.paths) > 0.3 and np.nanmin(windows[1].model.paths) >= 0
    assert windows_from_backtest(panel, forecasts[:, :1], [100], max_cycle=14) == []
    few = windows_from_backtest(panel.select(ids[:6]), forecasts[:6], [100, 128, 156], 14)
    assert [w.model.start for w in few] == [days[156]]  # 6 paths are too few; 12 will do


def test_a_planner_is_reused_for_every_day() -> None:
    model = steady_model()
    rules = atm_rules([route(lead_days=1)], model.ids, model.dates, 60.0)
    planner = CyclePlanner(model, rules, 0.9)
    cash = np.array([60.0, 5.0, 0.0])
    first = planner.plan(0, np.zeros(3, int), cash, np.zeros(3, bool))
    later = planner.plan(7, np.full(3, 7), cash, np.zeros(3, bool))
    days, fills = later.first()
    assert (days >= 7).all() and np.isfinite(fills).all()
    assert first.at_risk.tolist() == [False, True, True]  # 5 does not last the lead time


def test_a_report_summary_leaves_the_plan_scenarios_out(report_demo_path) -> None:
    from iotfin_gui.core.reports.summary import report_facts
    from iotfin_gui.core.reports.tables import measured_on
    from iotfin_gui.core.store import Store

    with Store.open(report_demo_path) as store:
        scopes = {scope for scope, _ in store.run(1)["metrics"]}
        facts = report_facts(store, 1)
    assert "plan:paths" in scopes
    assert not any(m["scope"].startswith("plan:") for m in facts["metrics"])
    assert measured_on("forecast", "plan:paths") == "the cash plan's demand scenarios (paths)"
