"""A Dask cluster runs the pieces of forecasts and trainings; results equal a local run's, and
without a cluster Dask is never imported."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from iotfin_gui.core import cluster, parallel
from iotfin_gui.core.errors import JobCancelled, UserFacingError
from iotfin_gui.core.forecast import forecast_dataset
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


def _sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def test_pieces_run_on_the_cluster_workers_in_order(on_cluster) -> None:
    workers = set(cluster.client().run(os.getpid).values())
    assert len(workers) == 2 and cluster.slots() == 2
    results = dict(parallel.run_tasks(_pid, [(i,) for i in range(6)]))
    assert sorted(results) == list(range(6))
    assert all(results[i][0] == i and results[i][2] for i in range(6))
    assert {pid for _, pid, _ in results.values()} <= workers


def test_cancel_reaches_the_cluster(on_cluster) -> None:
    checks = iter(range(1_000_000))
    ctx = JobContext(cancel_requested=lambda: next(checks) >= 3)
    with pytest.raises(JobCancelled):
        list(parallel.run_tasks(_sleep, [(30.0,) for _ in range(4)], ctx))
    client = cluster.client()
    deadline = time.monotonic() + 60
    while any(client.processing().values()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(client.processing().values())


def test_a_forecast_on_the_cluster_equals_a_local_run(demo: Store, on_cluster,
                                                      monkeypatch) -> None:
    def run() -> pd.DataFrame:
        return forecast_dataset(demo, "demo_withdrawals", horizon=7, model="weekday_profile",
                                seed=7).forecast

    remote = run()
    monkeypatch.delenv(cluster.CLUSTER_VARIABLE)
    pd.testing.assert_frame_equal(remote, run())


def test_a_training_on_the_cluster_equals_a_local_run(demo: Store, on_cluster,
                                                      monkeypatch) -> None:
    def run() -> list:
        return [r.metrics for r in train(demo, "demo_credit_applications", target="defaulted",
                                         task="classification", models=["logistic"],
                                         cv="stratified", folds=3, seed=7)]

    remote = run()
    monkeypatch.delenv(cluster.CLUSTER_VARIABLE)
    assert remote == run()
