"""The cash outlook: forecast run, days to cash-out, refill plan and the per-ATM table."""

from __future__ import annotations

import pandas as pd

from iotfin_gui.core.demo import DemoConfig, load_demo
from iotfin_gui.core.forecast.outlook import cash_outlook
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
