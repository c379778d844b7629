"""The Today overview: attention list from the fleet status, latest runs, data freshness."""

from __future__ import annotations

import pandas as pd

from iotfin_gui.core.demo import load_demo
from iotfin_gui.core.fleet import fleet_status
from iotfin_gui.core.forecast import forecast_dataset, store_forecast
from iotfin_gui.core.jobs import JobSpec, run_inline
from iotfin_gui.core.store import Store
from iotfin_gui.core.today import (
    ATTENTION_COLUMNS,
    STALE_AFTER,
    data_freshness,
    needing_attention,
    today_overview,
    today_overview_job,
)
from tests.core.conftest import SMALL_DEMO


def test_attention_is_the_fleet_status_not_a_recomputation(tmp_path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        load_demo(store, SMALL_DEMO)
        result = forecast_dataset(store, "demo_withdrawals", horizon=7, model="weekday_profile")
        store_forecast(store, result, store.dataset("demo_withdrawals"))
        as_of = pd.Timestamp(store.setting("demo.as_of"))
        overview = today_overview(store, now=as_of + pd.Timedelta(days=1))
        status = fleet_status(store)
    assert overview.as_of == status.as_of and overview.counts == status.counts
    table = status.table.set_index("device_id")
    flagged = set(table.index[table["status"] != "ok"])
    assert flagged <= set(overview.attention["device_id"])
    assert list(overview.attention.columns) == list(ATTENTION_COLUMNS)
    ranks = overview.attention["status"].map(
        {"offline": 0, "fault": 1, "low_cash": 2, "ok": 3}).tolist()
    assert ranks == sorted(ranks), "the most urgent first"
    assert overview.runs.iloc[0]["kind"] == "forecast"
    fresh = overview.freshness.set_index("dataset")
    assert fresh.loc["demo_telemetry", "age_days"] < 2 and not fresh.loc["demo_telemetry",
                                                                         "stale"]
    assert "demo_credit_applications" not in fresh.index or fresh.loc[
        "demo_credit_applications", "kind"] == "table"


def test_cash_out_soon_is_listed_even_when_ok() -> None:
    table = pd.DataFrame({
        "device_id": ["A", "B", "C"], "name": "", "city": "", "status": ["ok", "ok", "fault"],
        "since": pd.NaT, "cash_level": [100.0, 9000.0, 5.0], "cash_pct": 1.0,
        "days_to_cashout": [0.5, 20.0, float("nan")], "reasons": ""})
    assert needing_attention(table)["device_id"].tolist() == ["C", "A"]


def test_an_empty_store_gives_an_overview_with_the_reason(store) -> None:
    overview = today_overview(store, now=pd.Timestamp("2026-01-01"))
    assert overview.as_of is None and "Load the demo fleet" in str(overview.fleet_problem)
    assert overview.attention.empty and overview.runs.empty and overview.freshness.empty


def test_stale_data_and_the_job(store_path) -> None:
    with Store.open(store_path) as store:
        frame = pd.DataFrame({"atm": ["A"], "t": [pd.Timestamp("2026-01-01")], "v": [1.0]})
        store.write_dataset("old", frame, "telemetry",
                            roles={"atm": "device_id", "t": "timestamp"}, source="test")
    overview = run_inline(JobSpec.of("today", today_overview_job, db_path=str(store_path)))
    row = overview.freshness.iloc[0]
    assert row["dataset"] == "old" and row["stale"]
    assert pd.Timedelta(days=row["age_days"]) > STALE_AFTER
    assert overview.attention.empty, "ok as of its own latest data; the age shows the staleness"


def test_freshness_reads_the_newest_time_without_loading_the_rows(tmp_path, monkeypatch) -> None:
    times = pd.Series([pd.Timestamp("2026-03-01 08:00"), None, pd.Timestamp("2026-03-02 17:30"),
                       pd.Timestamp("2026-02-27")], dtype="datetime64[ns]")
    with Store.open(tmp_path / "s.sqlite") as store:
        store.write_dataset("t", pd.DataFrame({"time": times, "cash": [1.0, 2.0, 3.0, 4.0]}),
                            "telemetry", roles={"time": "timestamp"}, source="test")
        store.write_dataset("empty", pd.DataFrame({"time": times[1:2], "cash": [1.0]}),
                            "telemetry", roles={"time": "timestamp"}, source="test")

        def no_full_read(*args, **kwargs):
            raise AssertionError("freshness should not load a stored time column")

        monkeypatch.setattr(store, "read_dataset", no_full_read)
        fresh = data_freshness(store, pd.Timestamp("2026-03-03 17:30")).set_index("dataset")
    assert fresh.loc["t", "newest"] == pd.Timestamp("2026-03-02 17:30")
    assert fresh.loc["t", "age_days"] == 1.0 and not fresh.loc["t", "stale"]
    assert pd.isna(fresh.loc["empty", "newest"]) and fresh.loc["empty", "stale"]
