"""Forecasting core on synthetic series: grid and missing days, models, intervals, no leakage."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.forecast import forecast
from iotfin_gui.core.forecast.backtest import MODEL_NAMES, run_backtest
from iotfin_gui.core.forecast.data import impute, to_panel
from iotfin_gui.core.forecast.metrics import mase, seasonal_scale, smape

WEEKLY = np.array([0.7, 0.9, 1.0, 1.1, 1.4, 1.6, 0.3])


def synthetic(n_series: int = 6, days: int = 280, noise: float = 0.1, seed: int = 1,
              start: str = "2023-01-02") -> pd.DataFrame:
    """Weekly multiplicative seasonality around per-series levels, with Gaussian noise."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range(start, periods=days, freq="D")
    frames = []
    for index in range(n_series):
        level = 50 + 30 * index
        mean = level * WEEKLY[dates.day_of_week]
        values = mean * (1 + noise * rng.standard_normal(days))
        frames.append(pd.DataFrame({"atm": f"ATM-{index:02d}", "day": dates,
                                    "cash": np.maximum(values, 0)}))
    return pd.concat(frames, ignore_index=True)


def run(frame: pd.DataFrame, **options):
    options = {"horizon": 14, "levels": (80, 95), **options}
    return forecast(frame, id_col="atm", time_col="day", value_col="cash", **options)


# --- the daily grid: missing is not zero ---------------------------------------------------


def test_grid_keeps_missing_apart_from_zero_and_sorts_input():
    frame = synthetic(n_series=2, days=60)
    frame.loc[frame.index[5], "cash"] = 0.0
    dropped = frame.index[10]
    missing_day = frame.loc[dropped, "day"]
    frame = frame.drop(index=dropped).sample(frac=1, random_state=3)
    panel = to_panel(frame, id_col="atm", time_col="day", value_col="cash")
    assert panel.ids == ("ATM-00", "ATM-01")
    assert panel.length == 60
    assert panel.values[0, 5] == 0.0
    column = panel.dates.get_loc(missing_day)
    assert np.isnan(panel.values[0, column])
    filled = impute(panel.values)
    assert np.isfinite(filled).all()
    assert filled[0, 5] == 0.0
    same_weekday = panel.values[0, column % 7 :: 7]
    assert filled[0, column] == pytest.approx(np.nanmedian(same_weekday[:6]), rel=0.5)


def test_missing_actuals_are_never_scored():
    actual = np.array([[10.0, np.nan, 0.0]])
    forecast_values = np.array([[10.0, 99.0, 0.0]])
    assert smape(actual, forecast_values)[0] == 0.0
    history = np.array([[1.0] * 7 + [2.0] * 7 + [np.nan] * 7 + [3.0] * 7])
    assert seasonal_scale(history)[0] == pytest.approx(1.0)
    assert mase(actual, forecast_values, seasonal_scale(history))[0] == 0.0


def test_series_ending_early_warns_and_forecasts():
    frame = synthetic(n_series=2, days=120)
    frame = frame[~((frame["atm"] == "ATM-01") & (frame["day"] > frame["day"].max()
                                                  - pd.Timedelta(days=3)))]
    result = run(frame, model="weekday_profile")
    assert any("ATM-01" in warning for warning in result.warnings)
    assert set(result.forecast["series_id"]) == {"ATM-00", "ATM-01"}


# --- hostile input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda f: f.iloc[0:0], "no rows"),
        (lambda f: f.drop(columns="cash"), "'cash'"),
        (lambda f: f.assign(cash=f["cash"].astype(object).where(f.index != 7, "lots")), "lots"),
        (lambda f: f.assign(day=f["day"].astype(str).where(f.index != 4, "someday")), "someday"),
        (lambda f: pd.concat([f, f.iloc[[3]]]), "more than one row"),
        (lambda f: pd.concat([f, pd.DataFrame({"atm": ["NEW"] * 3, "day": f["day"].iloc[:3],
                                               "cash": [1.0, 2.0, 3.0]})]), "'NEW'"),
        (lambda f: pd.concat([f, pd.DataFrame({"atm": ["DEAD"] * 20, "day": f["day"].iloc[:20],
                                               "cash": [np.nan] * 20})]), "'DEAD'"),
    ],
    ids=["empty", "no-column", "non-numeric", "bad-date", "duplicate", "three-days",
         "all-missing"],
)
def test_hostile_input_raises_a_clear_input_error(mutate, message):
    with pytest.raises(InputError, match=message):
        run(mutate(synthetic(n_series=2, days=60)), model="seasonal_naive")


def test_bad_options_raise_input_errors():
    frame = synthetic(n_series=1, days=60)
    with pytest.raises(InputError, match="horizon"):
        run(frame, horizon=0)
    with pytest.raises(InputError, match="Unknown model"):
        run(frame, model="prophet")
    with pytest.raises(InputError, match="level"):
        run(frame, levels=(80, 120))
    with pytest.raises(InputError, match="needs at least"):
        run(frame, horizon=40)
    with pytest.raises(InputError, match="holiday calendar"):
        run(frame, model="ml", holidays_country="XX")


def test_duplicates_can_be_summed_and_negatives_are_kept():
    frame = synthetic(n_series=1, days=60)
    doubled = pd.concat([frame, frame.assign(cash=1.0)])
    panel = to_panel(doubled, id_col="atm", time_col="day", value_col="cash", duplicates="sum")
    assert panel.values[0, 0] == pytest.approx(frame["cash"].iloc[0] + 1.0)
    negative = frame.assign(cash=frame["cash"] - 80)
    result = run(negative, model="weekday_profile")
    assert not result.non_negative
    assert (result.forecast["lo_95"] < 0).any()


# --- accuracy, intervals, auto --------------------------------------------------------------


def test_every_model_beats_the_naive_baseline_on_weekly_seasonality():
    result = run(synthetic(n_series=8, days=300, noise=0.15), model="auto")
    overall = result.overall
    assert set(overall.index) == set(MODEL_NAMES)
    naive = overall.loc["seasonal_naive", "mase"]
    for name in ("weekday_profile", "ets", "theta", "ml", "ensemble"):
        assert overall.loc[name, "mase"] < naive, name
    assert result.model == overall["mase"].idxmin()
    assert result.model != "seasonal_naive"
    metrics = result.metrics
    assert len(metrics) == 8 * len(MODEL_NAMES)
    assert {"smape", "mase", "mae", "rmse", "coverage_80", "coverage_95"} <= set(metrics)


def test_intervals_cover_about_nominal_on_new_data():
    frame = synthetic(n_series=30, days=238, noise=0.15, seed=7)
    cutoff = frame["day"].max() - pd.Timedelta(days=14)
    result = run(frame[frame["day"] <= cutoff], model="ets", n_origins=4)
    merged = result.forecast.merge(
        frame[frame["day"] > cutoff].rename(columns={"atm": "series_id", "day": "date"}),
        on=["series_id", "date"],
    )
    assert len(merged) == 30 * 14
    for level, low, high in ((80, 0.7, 0.9), (95, 0.88, 0.995)):
        inside = merged["cash"].between(merged[f"lo_{level}"], merged[f"hi_{level}"]).mean()
        assert low <= inside <= high, (level, inside)
        assert low <= result.overall.loc["ets", f"coverage_{level}"] <= high
    assert (merged["lo_80"] >= merged["lo_95"]).all()
    assert (merged["hi_80"] <= merged["hi_95"]).all()


def test_backtest_never_sees_values_after_its_origin():
    frame = synthetic(n_series=4, days=200, seed=3)
    panel = to_panel(frame, id_col="atm", time_col="day", value_col="cash")
    clean = run_backtest(panel, 14, list(MODEL_NAMES), n_origins=2, country="CN")
    earliest = min(clean.origins)
    poisoned_values = panel.values.copy()
    poisoned_values[:, earliest:] = 1e9
    poisoned_values[:, earliest + 3] = np.nan
    poisoned = type(panel)(panel.ids, panel.dates, poisoned_values)
    dirty = run_backtest(poisoned, 14, list(MODEL_NAMES), n_origins=2, country="CN")
    position = clean.origins.index(earliest)
    for name in MODEL_NAMES:
        np.testing.assert_array_equal(clean.forecasts[name][:, position],
                                      dirty.forecasts[name][:, position], err_msg=name)


def test_forecast_from_truncated_data_equals_backtest_at_that_origin():
    frame = synthetic(n_series=3, days=200, seed=5)
    full = run(frame, model="theta")
    origin = full.backtest["origin"].max()
    truncated = run(frame[frame["day"] <= origin], model="theta")
    backtest = full.backtest[(full.backtest["model"] == "theta")
                             & (full.backtest["origin"] == origin)]
    merged = truncated.forecast.merge(backtest, on=["series_id", "date"])
    assert len(merged) == 3 * 14
    np.testing.assert_allclose(merged["forecast_x"], merged["forecast_y"])
