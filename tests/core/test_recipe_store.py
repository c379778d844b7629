"""Recipes on the demo store: apply, preview, save as a derived dataset (atomically, with the
run recorded), the background job and the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from iotfin_gui.cli import main
from iotfin_gui.core.demo import DemoConfig, load_demo
from iotfin_gui.core.errors import JobCancelled, UserFacingError
from iotfin_gui.core.jobs import JobSpec, run_inline
from iotfin_gui.core.recipes import (
    apply_recipe,
    load_recipe,
    make_recipe,
    preview_recipe,
    recipe_job,
    save_prepared,
    save_recipe,
)
from iotfin_gui.core.store import Store

DAILY = make_recipe("daily", [
    ("filter_devices", {"devices": ["ATM-0001", "ATM-0002", "ATM-0003", "ATM-0004"]}),
    ("resample", {"frequency": "weekly", "aggregations": {"amount": "sum", "count": "sum",
                                                          "cash_level_end": "last"}}),
    ("lags", {"columns": ["amount"], "lags": [1, 2]}),
    ("rolling", {"columns": ["amount"], "windows": [4]}),
    ("calendar", {"features": ["month", "is_month_end"]}),
    ("time_since_event", {"events_dataset": "demo_events", "event_type": "fault",
                          "unit": "days"}),
    ("split", {"method": "time", "last_days": 28}),
    ("impute", {"columns": ["amount_lag1", "amount_lag2"], "strategy": "median"}),
    ("scale", {"columns": ["cash_level_end"]}),
], target="amount", note="weekly demand")


@pytest.fixture
def demo(store: Store) -> Store:
    load_demo(store, DemoConfig(n_atms=8, days=120, telemetry_days=3, credit_rows=200))
    return store


def counts(store: Store) -> tuple[int, int, int]:
    return tuple(store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                 for t in ("datasets", "runs", "recipes"))


def test_apply_on_the_demo_fleet(demo: Store) -> None:
    prepared = apply_recipe(demo, "demo_withdrawals", DAILY)
    frame = prepared.frame
    assert set(frame["device_id"]) == {"ATM-0001", "ATM-0002", "ATM-0003", "ATM-0004"}
    assert frame["date"].dt.day_of_week.eq(0).all()
    assert prepared.time_test.min() > prepared.time_train.max()
    assert prepared.X_train["amount_lag1"].notna().all()
    assert {"amount", "device_id", "date", "split"}.isdisjoint(prepared.feature_columns)
    assert frame["days_since_fault"].dropna().ge(0).all()
    assert prepared.warnings and "Step 1 (filter_devices) drops 50%" in prepared.warnings[0]


def test_preview_reports_counts_histograms_and_warnings(demo: Store) -> None:
    preview = preview_recipe(demo, "demo_withdrawals", DAILY, rows=5)
    assert preview.before.rows == 960 and preview.after.rows < 960 / 2
    assert len(preview.sample_before) == 5 and len(preview.sample_after) == 5
    assert "amount_lag1" in preview.added and "replenished" in preview.removed
    rescaled = next(c for c in preview.changes if c.column == "cash_level_end")
    assert rescaled.before is None and rescaled.after is not None
    assert sum(rescaled.after.counts) == preview.after.rows
    summed = next(c for c in preview.changes if c.column == "amount")
    assert summed.before is not None and summed.after is not None
    assert summed.before.edges == summed.after.edges
    assert preview.after.missing["amount_roll4_mean"] > 0
    assert any("drops" in w for w in preview.warnings) and not preview.limited
    assert preview_recipe(demo, "demo_withdrawals", DAILY, limit=100).limited


def test_save_as_dataset_records_the_run_in_one_transaction(demo: Store) -> None:
    prepared = apply_recipe(demo, "demo_withdrawals", DAILY)
    info, run_id = save_prepared(demo, prepared, "weekly_features")
    source = demo.dataset("demo_withdrawals")
    assert info.parent_id == source.id and info.row_count == len(prepared.frame)
    assert load_recipe(demo, "daily").version == 1
    run = demo.run(run_id)
    assert run["kind"] == "preprocess" and run["recipe_id"] == info.recipe_id
    assert run["data_hash"] == source.data_hash and run["dataset_id"] == source.id
    assert run["params"]["version"] == 1 and "scikit-learn" in run["library_versions"]
    stored = demo.read_dataset("weekly_features")
    assert stored["split"].tolist() == prepared.frame["split"].tolist()
    assert info.column_for("timestamp") == "date" and info.column_for("label") == "amount"


@pytest.mark.parametrize("cancel_after", [2, 12])
def test_cancel_mid_run_leaves_no_dataset_and_no_run(demo: Store, store_path: Path,
                                                     monkeypatch, cancel_after: int) -> None:
    monkeypatch.setattr("iotfin_gui.core.recipes.storage.WRITE_CHUNK", 10)
    save_recipe(demo, DAILY)
    before = counts(demo)
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > cancel_after

    spec = JobSpec.of("prep", recipe_job, db_path=str(store_path), dataset="demo_withdrawals",
                      recipe_name="daily", save_as="weekly")
    with pytest.raises(JobCancelled):
        run_inline(spec, cancel_requested=cancel)
    assert counts(demo) == before and not demo.has_dataset("weekly")


def test_job_saves_and_reports_progress(demo: Store, store_path: Path) -> None:
    save_recipe(demo, DAILY)
    messages = []
    spec = JobSpec.of("prep", recipe_job, db_path=str(store_path), dataset="demo_withdrawals",
                      recipe_name="daily", save_as="weekly")
    summary = run_inline(spec, lambda fraction, message: messages.append(message))
    assert summary["saved_as"] == "weekly" and summary["version"] == 1
    assert any("Step 3" in m for m in messages) and any("Saving" in m for m in messages)
    with pytest.raises(UserFacingError, match="already exists"):
        run_inline(spec)


def test_bad_recipe_on_a_dataset_saves_nothing(demo: Store) -> None:
    bad = make_recipe("bad", [("resample", {"frequency": "daily",
                                            "aggregations": {"age": "sum"}})])
    before = counts(demo)
    with pytest.raises(UserFacingError, match=r"Step 1 \(resample\).*timestamp"):
        apply_recipe(demo, "demo_credit_applications", bad)
    assert counts(demo) == before


def cli(capsys, *args: str) -> tuple[int, dict | None, str]:
    code = main([*args, "--json"])
    out, err = capsys.readouterr()
    lines = out.strip().splitlines()
    return code, json.loads(lines[-1]) if lines else None, err


def test_cli_import_list_show_export_apply(capsys, demo: Store, store_path: Path,
                                           tmp_path: Path) -> None:
    db = ["--db", str(store_path)]
    recipe_file = tmp_path / "daily.json"
    recipe_file.write_text(DAILY.to_json(), "utf-8")
    code, payload, _ = cli(capsys, "recipe", "import", str(recipe_file), *db)
    assert code == 0 and payload["version"] == 1
    code, payload, _ = cli(capsys, "recipe", "list", *db)
    assert payload["recipes"][0]["name"] == "daily" and payload["recipes"][0]["steps"] == 9
    code, payload, _ = cli(capsys, "recipe", "show", "daily", "--version", "1", *db)
    assert payload["recipe"]["note"] == "weekly demand" and payload["versions"] == [1]
    out = tmp_path / "out.json"
    code, payload, _ = cli(capsys, "recipe", "export", "daily", "--out", str(out), *db)
    assert code == 0 and json.loads(out.read_text("utf-8"))["name"] == "daily"
    code, payload, _ = cli(capsys, "recipe", "apply", "daily", "--dataset",
                           "demo_withdrawals", "--save-as", "weekly", *db)
    assert code == 0 and payload["saved_as"] == "weekly" and payload["run_id"]
    assert isinstance(Store.open(store_path).read_dataset("weekly"), pd.DataFrame)


@pytest.mark.parametrize("args", [
    ["recipe", "show", "nope"],
    ["recipe", "apply", "nope", "--dataset", "demo_withdrawals"],
    ["recipe", "import", "missing.json"],
])
def test_cli_bad_input_exits_2_with_one_line(capsys, demo: Store, store_path: Path,
                                             args: list[str]) -> None:
    code, payload, err = cli(capsys, *args, "--db", str(store_path))
    assert code == 2 and payload is None and err.startswith("error: ")
    assert err.strip().count("\n") == 0


def test_cli_rejects_an_invalid_recipe_file(capsys, demo: Store, store_path: Path,
                                            tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "b", "steps": [{"type": "lags", "params": {"lags": [1]}}]}')
    code, _, err = cli(capsys, "recipe", "import", str(bad), "--db", str(store_path))
    assert code == 2 and "Step 1 (lags), parameter 'columns'" in err
    assert counts(Store.open(store_path))[2] == 0
