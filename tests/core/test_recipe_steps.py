"""Each recipe step type on small frames: per-device correctness, no look-ahead, types."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from iotfin_gui.core.recipes import Columns, RecipeError, make_recipe, run_recipe
from iotfin_gui.core.recipes.steps import Env


def series(values_a: list[float], values_b: list[float], start: str = "2026-01-01",
           freq: str = "D") -> pd.DataFrame:
    """Two devices, B listed first and rows shuffled, to prove ordering is handled."""
    a = pd.DataFrame({"device_id": "A", "ts": pd.date_range(start, periods=len(values_a),
                                                              freq=freq), "v": values_a})
    b = pd.DataFrame({"device_id": "B", "ts": pd.date_range(start, periods=len(values_b),
                                                              freq=freq), "v": values_b})
    return pd.concat([b, a]).sample(frac=1, random_state=1).reset_index(drop=True)


ROLES = {"device": "device_id", "time": "ts"}


def run(frame: pd.DataFrame, steps: list, env: Env | None = None, **roles):
    columns = Columns.of_frame(frame, **(roles or ROLES))
    return run_recipe(frame, make_recipe("t", steps), columns, env)


def by_device(prepared, device: str) -> pd.DataFrame:
    frame = prepared.frame
    return frame[frame["device_id"] == device].reset_index(drop=True)


def test_lags_are_per_device_and_never_read_the_future() -> None:
    frame = series([1, 2, 3, 4], [10, 20, 30, 1e9])  # B's last value is a poisoned future
    prepared = run(frame, [("lags", {"columns": ["v"], "lags": [1, 2]})])
    a, b = by_device(prepared, "A"), by_device(prepared, "B")
    assert a["v_lag1"].tolist()[1:] == [1, 2, 3] and np.isnan(a["v_lag1"][0])
    assert b["v_lag2"].tolist()[2:] == [10, 20]
    assert 1e9 not in prepared.frame[["v_lag1", "v_lag2"]].to_numpy()


def test_rolling_excludes_the_current_row_unless_asked() -> None:
    frame = series([1, 2, 3, 4, 5], [100, 100, 100, 100, 1e9])
    prepared = run(frame, [("rolling", {"columns": ["v"], "windows": [2],
                                        "stats": ["mean", "max"]})])
    a, b = by_device(prepared, "A"), by_device(prepared, "B")
    assert a["v_roll2_mean"].tolist()[2:] == [1.5, 2.5, 3.5]
    assert a["v_roll2_mean"][:2].isna().all()
    assert b["v_roll2_max"].max() == 100
    current = run(frame, [("rolling", {"columns": ["v"], "windows": [2], "stats": ["sum"],
                                       "include_current": True, "min_periods": 1})])
    assert by_device(current, "A")["v_roll2_sum"].tolist() == [1, 3, 5, 7, 9]


def test_diff_per_device() -> None:
    prepared = run(series([1, 4, 9], [5, 5, 7]), [("diff", {"columns": ["v"]})])
    assert by_device(prepared, "A")["v_diff1"].tolist()[1:] == [3, 5]
    assert by_device(prepared, "B")["v_diff1"].tolist()[1:] == [0, 2]


def test_resample_daily_to_weekly_and_hourly_to_daily_with_gaps() -> None:
    hourly = series([1.0] * 48, [2.0] * 24, freq="h")
    hourly = hourly[~((hourly["device_id"] == "B") & (hourly["ts"].dt.hour == 5))]
    prepared = run(hourly, [("resample", {"frequency": "daily", "aggregations": {"v": "sum"}})])
    assert prepared.frame[["device_id", "v"]].values.tolist() == [["A", 24.0], ["A", 24.0],
                                                                  ["B", 46.0]]
    days = series([1.0, 2.0, np.nan, 4.0], [1.0, 1.0, 1.0, 1.0])
    days = days.drop(days.index[(days["device_id"] == "A") & (days["v"] == 2.0)])
    gaps = run(days, [("resample", {"frequency": "daily",
                                    "aggregations": {"v": "mean"}})]).frame
    a = gaps[gaps["device_id"] == "A"]
    assert a["is_gap"].tolist() == [0, 1, 0, 0]
    weekly = run(series(list(range(14)), [1] * 14, start="2026-01-05"),
                 [("resample", {"frequency": "weekly", "aggregations": {"v": "max"}})]).frame
    assert weekly["ts"].dt.day_of_week.eq(0).all()
    assert weekly[weekly["device_id"] == "A"]["v"].tolist() == [6, 13]


def test_timezone_then_daily_resample_uses_local_days() -> None:
    frame = pd.DataFrame({"device_id": "A", "ts": pd.to_datetime(
        ["2026-01-01 15:00", "2026-01-01 17:00"]), "v": [1.0, 2.0]})
    prepared = run(frame, [("timezone", {"to_zone": "Asia/Shanghai"}),
                           ("resample", {"frequency": "daily", "aggregations": {"v": "sum"}})])
    assert prepared.frame["ts"].dt.day.tolist() == [1, 2]


def test_filters_and_column_selection() -> None:
    frame = series([1, 2, 3, 4], [5, 6, 7, 8])
    kept = run(frame, [("filter_devices", {"devices": ["A"]}),
                       ("filter_time", {"start": "2026-01-02", "end": "2026-01-04"}),
                       ("filter_rows", {"conditions": [{"column": "v", "op": ">=", "value": 3}]}),
                       ("select_columns", {"columns": ["v"], "mode": "drop"})])
    assert kept.frame["ts"].dt.day.tolist() == [3] and "v" not in kept.frame
    assert any("drops" in w for w in kept.warnings)
    last = run(frame, [("filter_time", {"last_days": 2}),
                       ("filter_rows", {"conditions": [
                           {"column": "device_id", "op": "in", "value": ["B"]},
                           {"column": "v", "op": "is_missing"}], "combine": "any"})])
    assert last.frame["v"].tolist() == [7, 8]


def test_missing_values_fill_within_each_device_and_drop() -> None:
    frame = series([1, np.nan, np.nan, 4], [np.nan, 6, np.nan, 8])
    filled = run(frame, [("missing_indicator", {"columns": ["v"]}),
                         ("fill_series", {"columns": ["v"], "method": "ffill"})])
    assert by_device(filled, "A")["v"].tolist() == [1, 1, 1, 4]
    b = by_device(filled, "B")
    assert np.isnan(b["v"][0]) and b["v_missing"].tolist() == [1, 0, 1, 0]
    inter = run(frame, [("fill_series", {"columns": ["v"], "method": "interpolate"})])
    assert by_device(inter, "A")["v"].tolist() == [1, 2, 3, 4]
    back = run(frame, [("fill_series", {"columns": ["v"], "method": "bfill", "limit": 1})])
    assert by_device(back, "A")["v"].isna().tolist() == [False, True, False, False]
    dropped = run(frame, [("drop_missing", {"axis": "rows"})])
    assert len(dropped.frame) == 4
    wide = frame.assign(sparse=[np.nan] * 7 + [1.0])
    assert "sparse" not in run(wide, [("drop_missing", {"axis": "columns",
                                                         "threshold": 0.5})]).frame


def test_types_parse_cast_and_categories() -> None:
    frame = pd.DataFrame({"when": ["2026-01-02 10:00", "2026-01-01 09:00", None],
                          "amount": ["1.5", " 2", "x"], "kind": ["a", "b", "a"]})
    prepared = run(frame, [
        ("parse_timestamps", {"column": "when", "as_time_role": True}),
        ("cast", {"columns": ["amount"], "to": "float", "errors": "missing"}),
        ("categorize", {"columns": ["kind"]}),
    ], device=None, time=None)
    assert prepared.time_column == "when"
    assert prepared.frame["amount"].tolist()[:2] == [2.0, 1.5]  # sorted by the new time
    assert isinstance(prepared.frame["kind"].dtype, pd.CategoricalDtype)
    with pytest.raises(RecipeError, match=r"Step 1 \(cast\).*'x' is not a number"):
        run(frame, [("cast", {"columns": ["amount"], "to": "integer"})], device=None)


def test_calendar_features_with_holidays_and_paydays() -> None:
    frame = pd.DataFrame({"device_id": "A", "ts": pd.date_range("2026-01-28", "2026-02-02"),
                          "v": 1.0})
    prepared = run(frame, [("calendar", {"features": [
        "day_of_week", "day_of_month", "month", "is_month_end", "is_payday", "is_holiday",
        "is_weekend"], "holidays": "CN", "paydays": [31]})])
    out = prepared.frame.set_index("ts")
    assert out.loc["2026-01-31", "is_month_end"] == 1
    assert out.loc["2026-01-30", "is_payday"] == 1  # the 31st is a Saturday: paid Friday
    assert out.loc["2026-01-31", "is_payday"] == 0
    assert out.loc["2026-02-01", "month"] == 2 and out.loc["2026-02-01", "is_weekend"] == 1
    new_year = run(frame.assign(ts=pd.date_range("2025-12-30", periods=6)),
                   [("calendar", {"features": ["is_holiday"], "holidays": "CN"})])
    assert new_year.frame.set_index("ts").loc["2026-01-01", "is_holiday"] == 1


def test_time_since_last_event_per_device() -> None:
    frame = series([1.0] * 4, [1.0] * 4)
    events = pd.DataFrame({"dev": ["A", "A", "B"], "at": pd.to_datetime(
        ["2026-01-01 12:00", "2026-01-03 06:00", "2026-01-05 00:00"]),
        "kind": ["fault", "fault", "fault"]})
    env = Env(dataset_columns=lambda name: Columns.of_frame(
        events, device="dev", time="at", roles={"event_type": "kind"}),
        read_dataset=lambda name, names: events[names])
    prepared = run(frame, [("time_since_event", {"events_dataset": "ev",
                                                 "event_type": "fault"})], env)
    a = by_device(prepared, "A")["hours_since_fault"].tolist()
    assert np.isnan(a[0]) and a[1:] == [12.0, 36.0, 18.0]
    assert by_device(prepared, "B")["hours_since_fault"].isna().all()


def test_runtime_errors_name_the_step() -> None:
    frame = series([1, 2], [3, 4])
    with pytest.raises(RecipeError, match=r"Step 2 \(lags\), parameter 'columns'.*'nope'"):
        run(frame, [("diff", {"columns": ["v"]}), ("lags", {"columns": ["nope"], "lags": [1]})])
    with pytest.raises(RecipeError, match=r"Step 1 \(scale\).*'t' is text"):
        run(frame.assign(t="x"), [("scale", {"columns": ["t"]})])
    no_time = frame.drop(columns=["ts"])
    with pytest.raises(RecipeError, match=r"Step 1 \(resample\).*timestamp"):
        run(no_time, [("resample", {"frequency": "daily", "aggregations": {"v": "sum"}})],
            device="device_id")
