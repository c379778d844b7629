"""Forecast runs in the store, cancel, the job, the CLI command and the cash-out planning."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from iotfin_gui.cli import main
from iotfin_gui.core.errors import InputError, JobCancelled
from iotfin_gui.core.forecast import (
    days_to_cashout,
    forecast,
    forecast_job,
    read_forecast,
    store_forecast,
)
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import Message
from iotfin_gui.core.store import Store

WEEKLY = np.array([0.7, 0.9, 1.0, 1.1, 1.4, 1.6, 0.3])


def withdrawals(n_atms: int = 4, days: int = 150, seed: int = 2) -> pd.DataFrame:
    """A small table shaped like the demo fleet's: amount withdrawn and cash left each day."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2024-01-01", periods=days, freq="D")
    frames = []
    for index in range(n_atms):
        amount = (20_000 + 5_000 * index) * WEEKLY[dates.day_of_week]
        amount = np.round(amount * (1 + 0.1 * rng.standard_normal(days)), -2)
        frames.append(pd.DataFrame({
            "device_id": f"ATM-{index + 1:04d}", "date": dates, "amount": amount,
            "cash_level_end": np.linspace(300_000, 100_000 + 20_000 * index, days),
        }))
    return pd.concat(frames, ignore_index=True)


ROLES = {"device_id": "device_id", "date": "timestamp", "amount": "amount",
         "cash_level_end": "cash_level"}


def stored(store: Store, frame: pd.DataFrame | None = None, name: str = "withdrawals"):
    return store.write_dataset(name, withdrawals() if frame is None else frame, "withdrawals",
                               roles=ROLES, source="test")


def small_forecast(frame: pd.DataFrame | None = None, **options):
    options = {"horizon": 14, "model": "weekday_profile", "levels": (80, 95), **options}
    return forecast(withdrawals() if frame is None else frame, id_col="device_id",
                    time_col="date", value_col="amount", **options)


def run_count(store: Store) -> tuple[int, int, int]:
    return tuple(store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                 for table in ("runs", "forecasts", "forecast_intervals"))


def test_store_round_trip_records_run_forecasts_and_intervals(store):
    info = stored(store)
    result = small_forecast()
    run_id = store_forecast(store, result, info)
    assert run_count(store) == (1, 4 * 14, 4 * 14 * 2)
    run = store.run(run_id)
    assert run["kind"] == "forecast" and run["dataset_id"] == info.id
    assert run["params"]["chosen"] == "weekday_profile"
    assert ("backtest", "mase") in run["metrics"]
    assert ("series:ATM-0001", "smape") in run["metrics"]
    back = read_forecast(store, run_id)
    expected = result.forecast.sort_values(["series_id", "date"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(back[expected.columns], expected, check_dtype=False)


def test_a_failure_while_storing_leaves_no_run(store):
    result = small_forecast()
    result.levels = (*result.levels, 50)
    with pytest.raises(KeyError):
        store_forecast(store, result, None)
    assert run_count(store) == (0, 0, 0)


def test_forecast_job_records_a_run_and_reports_progress(store_path):
    with Store.open(store_path) as store:
        stored(store)
    reports = []
    summary = forecast_job(JobContext(lambda f, m: reports.append((f, m)), min_interval=0),
                           str(store_path), "withdrawals", horizon=14, model="auto",
                           holidays_country="CN")
    assert summary["run_id"] == 1 and summary["model"] in summary["models"]
    fractions = [f for f, _ in reports if f is not None]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert any("Gradient boosting" in message for _, message in reports)  # fitting "ml"


def test_cancel_mid_run_leaves_no_run(store_path):
    with Store.open(store_path) as store:
        stored(store)
    calls = []

    def cancel_requested() -> bool:
        calls.append(1)
        return len(calls) > 6

    with pytest.raises(JobCancelled):
        forecast_job(JobContext(None, cancel_requested), str(store_path), "withdrawals",
                     horizon=14, model="auto")
    with Store.open(store_path) as store:
        assert run_count(store) == (0, 0, 0)


def test_cli_writes_the_forecast_table_and_a_plan(store_path, tmp_path, capsys):
    with Store.open(store_path) as store:
        stored(store)
        store.upsert_devices(pd.DataFrame({"device_id": ["ATM-0001", "ATM-0002", "ATM-0003",
                                                         "ATM-0004"],
                                           "cassette_capacity": [400_000.0] * 4}))
    out, plan = tmp_path / "forecast.csv", tmp_path / "plan.csv"
    code = main(["forecast", "--db", str(store_path), "--dataset", "withdrawals",
                 "--horizon", "14", "--model", "theta", "--level", "80,95", "--out", str(out),
                 "--plan-out", str(plan), "--service-level", "0.9", "--json"])
    printed, _ = capsys.readouterr()
    assert code == 0
    summary = json.loads(printed.strip().splitlines()[-1])
    assert summary["model"] == "theta" and summary["rows"] == 4 * 14
    assert summary["model_label"] == "Theta"  # the display name beside the key
    assert {"smape", "mase", "mae", "coverage_80"} <= set(summary["backtest"])
    table = pd.read_csv(out, encoding="utf-8-sig")
    assert list(table.columns) == ["series_id", "date", "forecast", "lo_80", "hi_80", "lo_95",
                                   "hi_95"]
    assert len(table) == 4 * 14 and table["forecast"].notna().all()
    visits = pd.read_csv(plan, encoding="utf-8-sig")
    assert summary["plan_visits"] == len(visits) > 0
    assert set(visits["series_id"]) <= {"ATM-0001", "ATM-0002", "ATM-0003", "ATM-0004"}
    assert (visits["fill_to"] <= 400_000 + 1e-6).all()  # the cash plan's rows
    assert not list(tmp_path.glob(".forecast-*"))
    with Store.open(store_path) as store:
        assert run_count(store)[0] == 1
        run = store.run(summary["run_id"])
        assert run["params"]["service_level"] == 0.9
        assert ("cashout:q0.9", "day_001") in run["metrics"]


def test_cli_reports_bad_columns_as_usage_errors(store_path, tmp_path, capsys):
    with Store.open(store_path) as store:
        stored(store)
    code = main(["forecast", "--db", str(store_path), "--dataset", "withdrawals",
                 "--value-col", "nope", "--out", str(tmp_path / "x.csv")])
    assert code == 2
    assert "nope" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()


def test_a_forecast_file_that_cannot_be_written_loses_no_run(store_path, tmp_path, capsys,
                                                             monkeypatch):
    """The run is recorded before its CSV is written: a disk that fills (or a file-size limit)
    while writing the CSV costs the file, not the forecast the CPU spent minutes on."""
    import iotfin_gui.cli.forecasting as forecasting

    def disk_full(*args, **kwargs):
        raise InputError("Cannot write x.csv: the disk is full.")

    with Store.open(store_path) as store:
        stored(store)
    monkeypatch.setattr(forecasting, "export_frame", disk_full)
    code = main(["forecast", "--db", str(store_path), "--dataset", "withdrawals",
                 "--model", "weekday_profile", "--horizon", "14", "--out",
                 str(tmp_path / "x.csv")])
    assert code == 2 and "the disk is full" in capsys.readouterr().err
    with Store.open(store_path) as store:
        assert run_count(store)[0] == 1


# --- days to cash-out ----------------------------------------------------------------------


def test_days_to_cashout_orders_early_before_median():
    result = small_forecast(model="ets")
    daily = result.forecast.groupby("series_id")["forecast"]
    cash = daily.apply(lambda values: values.iloc[:5].sum()).rename("cash")
    outlook = days_to_cashout(result, cash, service_level=0.9)
    assert list(outlook["series_id"]) == result.series_ids
    assert outlook["days_median"].to_numpy() == pytest.approx(5.0)
    first = result.forecast["date"].min()
    assert (outlook["date_median"] == first + pd.Timedelta(days=5)).all()
    assert (outlook["days_early"] <= outlook["days_median"]).all()
    assert not outlook["beyond_horizon"].any()
    rich = days_to_cashout(result, cash * 1000)
    assert rich["beyond_horizon"].all() and (rich["days_median"] > 14).all()
    with pytest.raises(InputError, match="ATM-0004"):
        days_to_cashout(result, cash.where(cash.index != "ATM-0004", -1.0))
    with pytest.raises(InputError, match="service level"):
        days_to_cashout(result, cash, service_level=1.5)


def test_models_and_scores_have_display_labels():
    from iotfin_gui.core.forecast import MODEL_LABELS, MODEL_NAMES, metric_label, model_label

    assert set(MODEL_LABELS) == set(MODEL_NAMES)
    assert model_label("ets") == "ETS (exponential smoothing)" and model_label("other") == "other"
    assert metric_label("smape") == "sMAPE (%)"
    coverage = metric_label("coverage_95")
    assert coverage == "95% interval coverage" and isinstance(coverage, Message)
