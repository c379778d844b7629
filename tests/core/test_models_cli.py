"""The ``train`` / ``predict`` / ``leaderboard`` commands and hostile input: every problem is
a clear :class:`UserFacingError` (exit code 2 on the command line)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from iotfin_gui.cli import EXIT_OK, EXIT_USAGE, main
from iotfin_gui.core.errors import UserFacingError
from iotfin_gui.core.models import train
from tests.core.models_fixtures import classification_frame, device_frame, regression_frame


def _last_json(capsys) -> dict:
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def test_train_predict_leaderboard_cli(store_path, tmp_path, capsys):
    from iotfin_gui.core.store import Store

    with Store.open(store_path) as store:
        frame = classification_frame()
        frame.insert(0, "ref", [f"=R{i}" for i in range(len(frame))])
        store.write_dataset("apps", frame, "table", source="test")
    db = ["--db", str(store_path)]
    code = main(["train", *db, "--dataset", "apps", "--target", "bad", "--task",
                 "classification", "--models", "logistic,naive_bayes", "--cv", "3",
                 "--cost-fp", "1", "--cost-fn", "5", "--json"])
    assert code == EXIT_OK
    payload = _last_json(capsys)
    assert [r["model"] for r in payload["runs"]] == ["baseline", "logistic", "naive_bayes"]
    assert payload["cv"] == "stratified:3"
    assert {"roc_auc", "expected_cost", "pr_auc"} <= set(payload["runs"][1]["metrics"])
    assert payload["runs"][1]["fit_seconds"] >= 0
    out = tmp_path / "scored.csv"
    run_id = payload["runs"][1]["run_id"]
    code = main(["predict", *db, "--run", str(run_id), "--dataset", "apps", "--out", str(out),
                 "--json"])
    assert code == EXIT_OK and _last_json(capsys)["rows"] == 160
    written = pd.read_csv(out, encoding="utf-8-sig")
    assert list(written.columns) == ["row", "prediction", "probability"]
    assert main(["leaderboard", *db, "--task", "classification", "--json"]) == EXIT_OK
    assert len(_last_json(capsys)["runs"]) == 3


@pytest.mark.parametrize("argv, message", [
    (["--target", "nope"], "no target column"),
    (["--target", "bad", "--models", "gpt"], "no classification model"),
    (["--target", "bad", "--cv", "wiggle:3"], "unknown scheme"),
    (["--target", "bad", "--cv", "group:3"], "device id"),
])
def test_train_cli_errors_exit_2(store_path, capsys, argv, message):
    from iotfin_gui.core.store import Store

    with Store.open(store_path) as store:
        store.write_dataset("apps", classification_frame(60), "table", source="test")
    code = main(["train", "--db", str(store_path), "--dataset", "apps", "--task",
                 "classification", *argv])
    assert code == EXIT_USAGE
    assert message in capsys.readouterr().err


def test_predict_cli_unknown_run(store_path, capsys):
    code = main(["predict", "--db", str(store_path), "--run", "99", "--dataset", "x",
                 "--out", "x.csv"])
    assert code == EXIT_USAGE and "no run 99" in capsys.readouterr().err


def _hostile(name: str) -> tuple[pd.DataFrame, dict]:
    frame = classification_frame(40)
    if name == "constant":
        return frame.assign(amount=5.0), {"target": "amount", "task": "regression"}
    if name == "one_class":
        return frame.assign(bad=1), {"target": "bad", "task": "classification"}
    if name == "text_regression":
        return frame, {"target": "segment", "task": "regression"}
    if name == "all_nan":
        return frame.assign(empty=np.nan), {"target": "bad", "task": "classification"}
    if name == "missing":
        return frame, {"target": "absent", "task": "classification"}
    return frame.assign(bad=np.nan), {"target": "bad", "task": "classification"}


@pytest.mark.parametrize("case, message", [
    ("constant", "constant"), ("one_class", "only one class"),
    ("text_regression", "must be numeric"), ("all_nan", "no values at all"),
    ("missing", "no target column"), ("empty_target", "no values"),
])
def test_hostile_input_is_a_user_facing_error(store, case, message):
    frame, options = _hostile(case)
    store.write_dataset("data", frame, "table", source="test")
    with pytest.raises(UserFacingError, match=message):
        train(store, "data", models=["logistic" if options["task"] == "classification"
                                     else "ridge"], folds=3, **options)
    assert store.conn.execute("SELECT count(*) FROM runs").fetchone()[0] == 0


def test_regression_cli_text_table(store_path, capsys):
    from iotfin_gui.core.store import Store

    with Store.open(store_path) as store:
        store.write_dataset("sales", regression_frame(), "table", source="test")
    assert main(["train", "--db", str(store_path), "--dataset", "sales", "--target", "amount",
                 "--task", "regression", "--models", "ridge", "--cv", "kfold:3"]) == EXIT_OK
    assert "model=ridge" in capsys.readouterr().out


def test_train_cli_time_cv_with_a_gap(store_path, capsys):
    from iotfin_gui.core.models import leaderboard
    from iotfin_gui.core.models.data import training_data
    from iotfin_gui.core.store import Store

    with Store.open(store_path) as store:
        store.write_dataset("faults", device_frame(days=30), "telemetry", source="test",
                            roles={"device_id": "device_id", "date": "timestamp"})
    db = ["--db", str(store_path)]
    code = main(["train", *db, "--dataset", "faults", "--target", "fault", "--task",
                 "classification", "--models", "logistic", "--cv", "time:3", "--gap", "48",
                 "--json"])
    assert code == EXIT_OK
    payload = _last_json(capsys)
    assert payload["cv"] == "time:3" and payload["gap_hours"] == 48
    with Store.open(store_path) as store:
        run = store.run(payload["runs"][1]["run_id"])
        assert run["params"]["gap_hours"] == 48
        assert set(leaderboard(store)["cv"]) == {"time 3 (expanding, gap 48 h)"}
        problem = training_data(store, "faults", target="fault", task="classification",
                                cv="time", folds=3, gap_hours=48).problem
    dates = problem.times
    for fold in problem.folds:  # the outer folds and the threshold's inner folds are purged
        for inner in [fold, *problem.inner_folds(fold.train, 2)]:
            assert dates.iloc[inner.test].min() - dates.iloc[inner.train].max() == \
                pd.Timedelta(days=3)
    code = main(["train", *db, "--dataset", "faults", "--target", "fault", "--task",
                 "classification", "--models", "logistic", "--cv", "3", "--gap", "24"])
    assert code == EXIT_USAGE and "time-series CV only" in capsys.readouterr().err
