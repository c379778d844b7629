"""The Models panel responsiveness benchmark (bench/bench_models_ui.py): its stall arithmetic on
made-up ticks, and one run of the whole benchmark on a tiny synthetic table (no timings are
asserted, only that every figure is there and consistent)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from iotfin_gui.core.models import leaderboard

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import bench_models_ui as bench

pytestmark = pytest.mark.gui


def test_stall_stats_counts_only_the_time_beyond_each_limit() -> None:
    # gaps 10, 190, 50 and 150 ms in a 400 ms window; the tick at 0.5 s lies outside it
    stats = bench.stall_stats([0.01, 0.2, 0.25, 0.5], start=0.0, end=0.4)
    assert stats.wall_s == pytest.approx(0.4)
    assert stats.share[50] == pytest.approx(1 - (140 + 100) / 400)
    assert stats.share[100] == pytest.approx(1 - (90 + 50) / 400)
    assert stats.longest_ms == pytest.approx(190)
    assert stats.longest_at_s == pytest.approx(0.01)
    assert (stats.stalls_over_100, stats.ticks) == (2, 3)


def test_model_walls_follow_each_models_share_of_the_progress() -> None:
    # two models: reading 0..0.05, model 0 from 0.05, model 1 from 0.5, saving from 0.96
    progress = [(1.0, 0.0), (2.0, 0.05), (3.0, 0.3), (5.0, 0.5), (8.5, 0.96), (9.0, 1.0)]
    assert bench.model_walls(progress, ["baseline", "logistic"]) == {
        "baseline": pytest.approx(3.0), "logistic": pytest.approx(3.5)}


def test_the_benchmark_runs_on_a_tiny_table(qapp, runner, store) -> None:
    rng = np.random.default_rng(3)
    frame = pd.DataFrame({"limit": rng.normal(size=200), "age": rng.integers(20, 70, 200)})
    frame["defaulted"] = (frame["limit"] + rng.normal(size=200) > 0.5).astype(int)
    store.write_dataset("tiny", frame, "table", roles={"defaulted": "label"}, source="test")

    report = bench.run_benchmark(store, runner, "tiny", "defaulted",
                                 ["logistic", "naive_bayes"], folds=3, slice_model="naive_bayes")

    names = ["baseline", "logistic", "naive_bayes"]
    assert [r["model"] for r in report.panel.results] == names
    assert set(report.panel.model_walls) == set(names)
    assert all(r["fit_seconds"] >= 0 and "roc_auc" in r["metrics"]
               for r in report.panel.results)
    assert (report.rows, report.folds) == (200, 3)
    assert 0 < report.panel.job_s <= report.panel.ui.wall_s
    for ui in (report.panel.ui, report.panel.during_job, report.panel.showing_results,
               report.inline, report.thread):
        assert 0 <= ui.share[50] <= ui.share[100] <= 1
        assert 0 < ui.longest_ms <= 1000 * ui.wall_s + 1e-6
    # the slice was trained twice more (inline and in a thread): 3 + 2 + 2 runs in the store
    assert len(leaderboard(store, task="classification")) == 7
