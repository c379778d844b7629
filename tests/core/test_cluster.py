"""A Dask cluster runs the pieces of forecasts and trainings; results equal a local run's, the
workers read a stored dataset's Parquet parts themselves (or get the data when they cannot see
them), and without a cluster Dask is never imported."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iotfin_gui.core import cluster, parallel
from iotfin_gui.core.errors import InputError, JobCancelled, UserFacingError
from iotfin_gui.core.forecast import forecast_dataset, partition, stored
from iotfin_gui.core.forecast.backtest import MODEL_NAMES, required_models, run_backtest
from iotfin_gui.core.forecast.data import Panel
from iotfin_gui.core.forecast.service import dataset_columns
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.models import train
from iotfin_gui.core.store import Store

ROOT = Path(__file__).parents[2]


def test_without_a_cluster_dask_is_not_imported() -> None:
    code = ("import sys; from iotfin_gui.core import parallel, cluster; "
            "list(parallel.run_tasks(divmod, [(7, 2), (9, 4)])); "
            "print(cluster.address(), 'distributed' in sys.modules, 'dask' in sys.modules)")
    env = {k: v for k, v in os.environ.items() if k != cluster.CLUSTER_VARIABLE}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, check=True)
    assert done.stdout.split() == ["None", "False", "False"]


def test_an_unreachable_scheduler_is_named(monkeypatch) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setenv(cluster.CLUSTER_VARIABLE, "tcp://127.0.0.1:9")
    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 1)
    with pytest.raises(UserFacingError, match=r"tcp://127\.0\.0\.1:9"):
        list(parallel.run_tasks(divmod, [(7, 2), (9, 4)]))


@pytest.fixture(scope="module")
def local_cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as made:
        yield made
    cluster.close()


@pytest.fixture
def on_cluster(local_cluster, monkeypatch):
    monkeypatch.setenv(cluster.CLUSTER_VARIABLE, local_cluster.scheduler_address)
    yield local_cluster


def _pid(index: int) -> tuple[int, int, bool]:
    return index, os.getpid(), parallel.in_worker()


def test_pieces_run_on_the_cluster_workers_in_order(on_cluster) -> None:
    workers = set(cluster.client().run(os.getpid).values())
    assert len(workers) == 2 and cluster.slots() == 2
    results = dict(parallel.run_tasks(_pid, [(i,) for i in range(6)]))
    assert sorted(results) == list(range(6))
    assert all(results[i][0] == i and results[i][2] for i in range(6))
    assert {pid for _, pid, _ in results.values()} <= workers


@parallel.takes_context
def _until_cancelled(seconds: float, ctx: JobContext) -> float:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ctx.check()
        time.sleep(0.05)
    return seconds


def _executing(dask_worker) -> int:
    return len(dask_worker.state.executing)


def _wait_until(done, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        time.sleep(0.2)


def test_cancel_reaches_the_cluster_and_stops_its_running_pieces(on_cluster) -> None:
    client = cluster.client()
    _wait_until(lambda: not sum(client.run(_executing).values()))
    ctx = JobContext(cancel_requested=lambda: sum(client.run(_executing).values()) >= 2)
    with pytest.raises(JobCancelled):  # cancelled once both workers run a piece
        list(parallel.run_tasks(_until_cancelled, [(120.0,) for _ in range(4)], ctx))
    _wait_until(lambda: not any(client.processing().values()))
    assert not any(client.processing().values())  # nothing queued or assigned
    _wait_until(lambda: not sum(client.run(_executing).values()))
    assert sum(client.run(_executing).values()) == 0  # and the running pieces stopped


def _panels_read_here() -> int:
    return stored._loaded.cache_info().currsize


def _forecast(store: Store) -> pd.DataFrame:
    return forecast_dataset(store, "demo_withdrawals", horizon=7, model="weekday_profile",
                            seed=7).forecast


def test_a_forecast_on_the_cluster_equals_a_local_run(demo: Store, on_cluster,
                                                      monkeypatch) -> None:
    client = cluster.client()
    client.run(stored._loaded.cache_clear)
    remote = _forecast(demo)
    # the workers read the dataset's Parquet parts themselves: the panel was not sent
    assert sum(client.run(_panels_read_here).values()) >= 1
    monkeypatch.delenv(cluster.CLUSTER_VARIABLE)
    pd.testing.assert_frame_equal(remote, _forecast(demo))


def test_workers_that_cannot_see_the_files_get_the_data(demo: Store, on_cluster, monkeypatch,
                                                        caplog) -> None:
    client = cluster.client()
    client.run(stored._loaded.cache_clear)
    monkeypatch.setattr(stored, "file_paths", lambda *_: [Path("/nowhere/part-00000.parquet")])
    with caplog.at_level(logging.WARNING, logger="iotfin.cluster"):
        remote = _forecast(demo)
    assert "cannot see the store's data files (e.g. /nowhere/part-00000.parquet)" in caplog.text
    assert caplog.text.count("cannot see") == 1  # asked once for the chunks and the origins
    assert sum(client.run(_panels_read_here).values()) == 0
    monkeypatch.delenv(cluster.CLUSTER_VARIABLE)
    pd.testing.assert_frame_equal(remote, _forecast(demo))


def test_the_window_s_test_connection_counts_workers_and_threads(local_cluster) -> None:
    found = cluster.probe(local_cluster.scheduler_address, seconds=10)
    assert (found.workers, found.threads) == (2, 2)
    assert found.address == local_cluster.scheduler_address
    with pytest.raises(UserFacingError, match=r"tcp://127\.0\.0\.1:9"):
        cluster.probe("tcp://127.0.0.1:9", seconds=1)


@pytest.mark.parametrize("text", ["tcp://10.0.0.5:8786", " host.example:8786 ",
                                  "tls://[::1]:8786", ""])
def test_addresses_are_read(text: str) -> None:
    assert cluster.check_address(text) == text.strip()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_typed_address_is_read_or_refused_clearly(text: str) -> None:
    try:
        address = cluster.check_address(text)
    except InputError as error:
        assert "tcp://host:8786" in str(error)
    else:
        assert address == "" or cluster.ADDRESS_PATTERN.match(address)


def test_a_job_s_cluster_is_set_for_its_block_only(monkeypatch) -> None:
    monkeypatch.setenv(cluster.CLUSTER_VARIABLE, "tcp://given:1")
    with cluster.using("tcp://chosen:2"):
        assert cluster.address() == "tcp://chosen:2"
    with cluster.using(""):
        assert cluster.address() is None
    with cluster.using(None):
        assert cluster.address() == "tcp://given:1"
    assert cluster.address() == "tcp://given:1"


def test_a_training_on_the_cluster_equals_a_local_run(demo: Store, on_cluster,
                                                      monkeypatch) -> None:
    def run() -> list:
        return [r.metrics for r in train(demo, "demo_credit_applications", target="defaulted",
                                         task="classification", models=["logistic"],
                                         cv="stratified", folds=3, seed=7)]

    remote = run()
    monkeypatch.delenv(cluster.CLUSTER_VARIABLE)
    assert remote == run()


def _assert_same_backtest(got, expected) -> None:
    assert got.origins == expected.origins
    assert list(got.forecasts) == list(expected.forecasts)
    for name, values in expected.forecasts.items():
        np.testing.assert_allclose(got.forecasts[name], values, rtol=1e-12, err_msg=name)
    for field in ("actual", "mase_scale", "level"):
        np.testing.assert_allclose(getattr(got, field), getattr(expected, field), rtol=1e-12)
    assert (got.final is None) == (expected.final is None)
    for name, values in (expected.final or {}).items():
        np.testing.assert_allclose(got.final[name], values, rtol=1e-12, err_msg=name)
    assert list(got.seconds) == list(expected.seconds)


@pytest.mark.parametrize(("model", "chunks", "stored_panel"),
                         [("ensemble", 3, True), ("ets", 8, False), ("theta", 2, True),
                          ("weekday_profile", 5, False)])
def test_a_backtest_in_chunks_of_atms_equals_the_whole(demo_store: Store, model: str,
                                                       chunks: int, stored_panel: bool) -> None:
    info = demo_store.dataset("demo_withdrawals")
    panel, _ = stored.stored_panel(demo_store, info, dataset_columns(info))
    if not stored_panel:  # a table's panel: each chunk is cut before it is sent
        panel = Panel(panel.ids, panel.dates, panel.values)
    names = list(MODEL_NAMES) if model == "auto" else [model, "seasonal_naive"]
    final = required_models(["ml"] if model == "auto" else [model])
    _assert_same_backtest(partition.partitioned(panel, 7, names, chunks, seed=7, final=final),
                          run_backtest(panel, 7, names, seed=7, final=final))


def test_a_panel_with_a_negative_value_is_not_cut(monkeypatch) -> None:
    monkeypatch.setenv(cluster.CLUSTER_VARIABLE, "tcp://never.contacted:1")
    values = np.arange(40.0).reshape(2, 20)
    panel = Panel(("a", "b"), pd.date_range("2026-01-01", periods=20), values)
    monkeypatch.setattr(cluster, "slots", lambda: 4)
    assert partition.chunk_count(panel) == 2
    values[1, 3] = -1.0  # a refund: clipping at zero is decided on the whole fleet
    assert partition.chunk_count(panel) == 1
    monkeypatch.delenv(cluster.CLUSTER_VARIABLE)
    values[1, 3] = 1.0
    assert partition.chunk_count(panel) == 1  # on this machine: one piece per origin


def test_an_auto_forecast_on_the_cluster_runs_in_chunks_of_atms_and_equals_a_local_one(
        demo: Store, on_cluster, monkeypatch) -> None:
    messages: list[str] = []
    ctx = JobContext(lambda fraction, message: messages.append(str(message)), min_interval=0)
    remote = forecast_dataset(demo, "demo_withdrawals", horizon=7, model="auto", seed=7,
                              ctx=ctx)
    assert any(m.startswith("Backtest of series 1 to ") for m in messages)
    monkeypatch.delenv(cluster.CLUSTER_VARIABLE)
    here = forecast_dataset(demo, "demo_withdrawals", horizon=7, model="auto", seed=7)
    assert remote.model == here.model
    pd.testing.assert_frame_equal(remote.forecast, here.forecast)
    pd.testing.assert_frame_equal(remote.metrics, here.metrics)
    pd.testing.assert_frame_equal(remote.overall.drop(columns="seconds"),
                                  here.overall.drop(columns="seconds"))
