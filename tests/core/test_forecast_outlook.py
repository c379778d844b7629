"""The cash outlook: forecast run, days to cash-out, refill plan, the per-ATM table, and the
same outlook reopened from the store."""

from __future__ import annotations

import pandas as pd
import pytest

from iotfin_gui.core.demo import DemoConfig, load_demo
from iotfin_gui.core.errors import InputError, NotFoundError, user_message
from iotfin_gui.core.forecast import outlook as outlook_module
from iotfin_gui.core.forecast.outlook import cash_outlook, latest_forecast_run, stored_outlook
from iotfin_gui.core.forecast.service import forecast_dataset, store_forecast
from iotfin_gui.core.store import Store


def test_atm_table_joins_cash_out_days_and_the_first_refill(store: Store) -> None:
    load_demo(store, DemoConfig(n_atms=4, days=90, telemetry_days=2, credit_rows=20))
    outlook = cash_outlook(store, "demo_withdrawals", horizon=7, model="weekday_profile")
    table = outlook.atm_table()
    assert sorted(table["series_id"]) == sorted(outlook.result.series_ids)
    assert {"cash", "days_median", "days_early", "next_refill"} <= set(table.columns)
    first = outlook.plan.groupby("series_id")["date"].min()
    for row in table.dropna(subset=["next_refill"]).itertuples():
        assert row.next_refill == first[row.series_id]
    assert store.run(outlook.run_id)["kind"] == "forecast"


def test_without_a_cash_column_the_table_only_names_the_atms(store: Store) -> None:
    days = pd.date_range("2026-01-01", periods=60, freq="D")
    frame = pd.DataFrame({"device_id": ["A"] * 60, "date": days,
                          "amount": [100.0 + (d.day_of_week * 10) for d in days]})
    store.write_dataset("plain", frame, "withdrawals", source="test",
                        roles={"device_id": "device_id", "date": "timestamp", "amount": "amount"})
    outlook = cash_outlook(store, "plain", horizon=7, model="weekday_profile")
    assert list(outlook.atm_table().columns) == ["series_id"]
    assert outlook.cashout.empty and "no cash-level column" in outlook.notes[0]


def test_a_stored_run_reopens_as_it_was_without_forecasting_again(store: Store,
                                                                 monkeypatch) -> None:
    load_demo(store, DemoConfig(n_atms=4, days=90, telemetry_days=2, credit_rows=20))
    assert latest_forecast_run(store, "demo_withdrawals") is None
    made = cash_outlook(store, "demo_withdrawals", horizon=14, model="auto", service_level=0.9)
    assert latest_forecast_run(store, "demo_withdrawals") == made.run_id
    monkeypatch.setattr(outlook_module, "forecast_dataset", None)  # reopening must not forecast
    again = stored_outlook(store, made.run_id)
    assert again.reopened and not made.reopened and again.notes == made.notes == []
    assert (again.dataset, again.run_id, again.service_level) == ("demo_withdrawals",
                                                                  made.run_id, 0.9)
    assert again.made_at == store.run(made.run_id)["finished_at"]
    expected = made.result.forecast.sort_values(["series_id", "date"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(again.result.forecast[expected.columns], expected)
    assert again.result.levels == made.result.levels == (80, 95)
    assert (again.result.model, again.result.horizon) == (made.result.model, 14)
    pd.testing.assert_frame_equal(again.result.overall, made.result.overall)
    assert again.result.chosen_metrics() == made.result.chosen_metrics()
    pd.testing.assert_frame_equal(again.cashout, made.cashout)
    assert not made.plan.empty
    pd.testing.assert_frame_equal(again.plan, made.plan)
    pd.testing.assert_frame_equal(again.atm_table(), made.atm_table())
    pd.testing.assert_frame_equal(again.history.reset_index(drop=True),
                                  made.history.reset_index(drop=True))
    # What the store does not keep is absent, not made up.
    assert again.result.backtest.empty and not made.result.backtest.empty
    with pytest.raises(InputError, match="no calibration at 50%"):
        again.result.calibration.quantiles(0.5, cumulative=True)


def test_a_run_without_cashout_calibration_reopens_with_a_note(store: Store) -> None:
    load_demo(store, DemoConfig(n_atms=4, days=90, telemetry_days=2, credit_rows=20))
    result = forecast_dataset(store, "demo_withdrawals", horizon=7, model="weekday_profile")
    run_id = store_forecast(store, result, "demo_withdrawals")
    assert store.run(run_id)["params"]["service_level"] == 0.95
    store.conn.execute("DELETE FROM run_metrics WHERE run_id = ? AND scope LIKE 'cashout:%'",
                       [run_id])  # as a run recorded before the calibration was kept
    again = stored_outlook(store, run_id)
    assert again.cashout.empty and again.plan.empty
    assert "without its cash-out calibration" in again.notes[0]
    assert list(again.atm_table().columns) == ["series_id"]
    assert len(again.result.forecast) == 4 * 7 and not again.history.empty


def test_reopening_refuses_other_runs_and_deleted_datasets(store: Store) -> None:
    load_demo(store, DemoConfig(n_atms=4, days=90, telemetry_days=2, credit_rows=20))
    with pytest.raises(NotFoundError, match="no run 99"):
        stored_outlook(store, 99)
    other = store.record_run("train", "a model", started_at="2026-01-01T00:00:00Z",
                             duration_s=1.0)
    with pytest.raises(InputError, match=f"Run {other} is not a forecast run"):
        stored_outlook(store, other)
    run_id = cash_outlook(store, "demo_withdrawals", horizon=7, model="weekday_profile").run_id
    store.delete_dataset("demo_withdrawals")
    with pytest.raises(InputError, match="was deleted") as raised:
        stored_outlook(store, run_id)
    assert user_message(raised.value).template.startswith("The dataset of forecast run {run}")
