"""Job functions for the GUI's job pool (and tests): each opens its own store connection in
the worker process, reports progress (every report is a cancel point) and returns plain,
picklable data.
"""

from __future__ import annotations

import os
from typing import Any

from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.models.service import learning_curve, predict, train
from iotfin_gui.core.store import Store


def train_job(ctx: JobContext, db_path: str | os.PathLike, dataset: str | int,
              **options: Any) -> list[dict[str, Any]]:
    """:func:`~iotfin_gui.core.models.service.train` in a worker; one summary per run."""
    with Store.open(db_path) as store:
        return [r.to_dict() for r in train(store, dataset, ctx=ctx, **options)]


def predict_job(ctx: JobContext, db_path: str | os.PathLike, run_id: int, dataset: str | int,
                save_as: str | None = None) -> dict[str, Any]:
    """:func:`~iotfin_gui.core.models.service.predict` in a worker: the predictions as a
    DataFrame and, when saved, the new dataset's name."""
    with Store.open(db_path) as store:
        result = predict(store, run_id, dataset, save_as=save_as, ctx=ctx)
        return {"frame": result.frame, "dataset": result.dataset,
                "predict_run_id": result.predict_run_id}


def learning_curve_job(ctx: JobContext, db_path: str | os.PathLike, run_id: int,
                       sizes: tuple[float, ...] = (0.1, 0.25, 0.5, 0.75, 1.0)) -> Any:
    """:func:`~iotfin_gui.core.models.service.learning_curve` in a worker (a DataFrame)."""
    with Store.open(db_path) as store:
        return learning_curve(store, run_id, sizes, ctx)
