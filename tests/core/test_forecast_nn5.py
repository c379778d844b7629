"""The forecasting core on a few real NN5 ATM series (training days only; skipped without data)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from iotfin_gui.core.forecast import days_to_cashout, forecast

pytestmark = pytest.mark.shared_data


def test_auto_beats_seasonal_naive_on_nn5_backtests(shared_data):
    data = pd.read_csv(shared_data / "nn5" / "nn5_train.csv")
    keep = data["series_id"].drop_duplicates().iloc[:5]
    data = data[data["series_id"].isin(keep)]
    assert data["value"].isna().any(), "NN5 has unrecorded days; they must stay missing"
    result = forecast(data, id_col="series_id", time_col="date", value_col="value", horizon=28,
                      model="auto", holidays_country="GB-ENG", n_origins=2)
    overall = result.overall
    naive = overall.loc["seasonal_naive"]
    chosen = overall.loc[result.model]
    assert chosen["mase"] < 0.95 * naive["mase"]
    assert chosen["smape"] < naive["smape"]
    assert 0.6 <= chosen["coverage_80"] <= 0.95
    table = result.forecast
    assert len(table) == 5 * 28 and table["date"].min() == pd.Timestamp("1998-03-23")
    assert np.isfinite(table[["forecast", "lo_95", "hi_95"]].to_numpy()).all()
    assert (table["lo_95"] <= table["forecast"]).all()
    assert (table["forecast"] <= table["hi_95"]).all()
    assert (table["lo_95"] >= 0).all()
    week = table.groupby("series_id")["forecast"].apply(lambda v: v.iloc[:7].sum())
    outlook = days_to_cashout(result, week)
    assert (outlook["days_median"] <= 8).all()
