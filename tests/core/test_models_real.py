"""A quick real-data check on German credit (UCI Statlog): logistic regression in 5-fold
stratified CV with the 5:1 cost matrix. The full protocol is ``bench/bench_models.py``."""

from __future__ import annotations

import pandas as pd

from iotfin_gui.core.models import train


def test_german_credit_logistic(store, shared_data):
    frame = pd.read_csv(shared_data / "credit" / "german_credit.csv")
    store.write_dataset("german", frame, "table", source="test")
    base, logistic = train(store, "german", target="credit_risk", positive="bad",
                           task="classification", models=["logistic"], cv="stratified",
                           folds=5, cost_fp=1, cost_fn=5)
    assert logistic.metrics["roc_auc"][0] > 0.75
    assert logistic.metrics["expected_cost"][0] < base.metrics["expected_cost"][0] - 0.05
    assert abs(base.metrics["expected_cost"][0] - 0.70) < 0.01  # reject everyone: 0.70
