"""A forecast's backtest on a Dask cluster, partitioned by ATM as well as by origin.

Locally :func:`~.backtest.run_backtest` runs one piece per backtest origin (and one for the
final fit), each fitting every model on every series: as many pieces as origins, which is all a
laptop's cores need. A cluster has more threads than that, so :func:`backtest` there splits the
work the other way too: the per-series (classical) models run in chunks of series, each chunk a
whole backtest of its own (:func:`~.backtest.run_backtest` of the chunk, its origins in turn on
one worker), while the global model, which learns from every series at once, keeps one piece
per origin. The pieces are joined into the :class:`~.backtest.Backtest` a local run gives:
the same origins, the series in the panel's order, the models in the order asked for.

A series' classical forecasts depend on its own history only, except that forecasts are clipped
at zero when the whole history is non-negative: so chunks are used only when the panel has no
negative value (cash withdrawals never do), and results then equal a local run's. When the
workers see a stored panel's Parquet parts, every piece is sent its stored form (each worker
reads the parts once, :mod:`.stored`) and a chunk takes its rows there; otherwise each chunk
is cut before sending, so that the fleet's array travels once for the chunks, not once each.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np

from iotfin_gui.core import cluster
from iotfin_gui.core.forecast.backtest import (
    ENSEMBLE_MEMBERS,
    Backtest,
    backtest_origins,
    forecast_piece,
    required_models,
    run_backtest,
)
from iotfin_gui.core.forecast.data import Panel
from iotfin_gui.core.forecast.models import CLASSICAL
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message
from iotfin_gui.core.parallel import run_tasks, takes_context


def backtest(panel: Panel, horizon: int, names: Sequence[str], *, n_origins: int | None = None,
             country: str | None = None, seed: int = 0, ctx: JobContext | None = None,
             final: Sequence[str] = ()) -> Backtest:
    """:func:`~.backtest.run_backtest`, partitioned by series on a cluster (see the module)."""
    chunks = chunk_count(panel)
    if chunks < 2:
        return run_backtest(panel, horizon, names, n_origins=n_origins, country=country,
                            seed=seed, ctx=ctx, final=final)
    return partitioned(panel, horizon, names, chunks, n_origins=n_origins, country=country,
                       seed=seed, ctx=ctx, final=final)


def chunk_count(panel: Panel) -> int:
    """Chunks of series for a backtest: the cluster's threads (at most one per series); 1 on
    this machine or for a panel with a negative value."""
    if cluster.address() is None or not panel.non_negative:
        return 1
    return min(panel.n_series, cluster.slots())


def partitioned(panel: Panel, horizon: int, names: Sequence[str], chunks: int, *,
                n_origins: int | None = None, country: str | None = None, seed: int = 0,
                ctx: JobContext | None = None, final: Sequence[str] = ()) -> Backtest:
    """The backtest of ``names`` with the classical models in ``chunks`` chunks of series and
    the global ones one piece per origin (and one for their ``final`` fit)."""
    origins = backtest_origins(panel.length, horizon, n_origins)
    needed = required_models(names)
    local = [name for name in needed if name in CLASSICAL]
    shared = [name for name in needed if name not in CLASSICAL]
    local_final = [name for name in final if name in CLASSICAL]
    shared_final = [name for name in final if name not in CLASSICAL]
    bounds = [int(b) for b in np.linspace(0, panel.n_series, chunks + 1).round()]
    rows = list(itertools.pairwise(bounds))
    sent = _as_sent(panel)
    whole = isinstance(sent, cluster.Stored)  # read by the workers: each chunk takes its rows
    pieces: list[tuple] = [
        (sent, (start, stop)) if whole else (_rows(panel, start, stop), (0, stop - start))
        for start, stop in rows]
    pieces = [(*piece, None, horizon, local, len(origins), country, seed, local_final)
              for piece in pieces]
    weights = [(stop - start) / panel.n_series for start, stop in rows]
    at = ([*origins, *([None] if shared_final else [])]) if shared else []
    for origin in at:
        pieces.append((sent, None, origin, horizon, shared if origin is not None else
                       shared_final, None, country, seed, ()))
        weights.append(1.0)

    def describe(index: int) -> Message:
        if index < chunks:
            first, last = rows[index]
            return QT_TRANSLATE_NOOP(
                "Core", "Backtest of series {first} to {last} of {count}").format(
                    first=first + 1, last=last, count=panel.n_series)
        if index - chunks >= len(origins):
            return QT_TRANSLATE_NOOP("Core", "Fitting on all the data")
        return QT_TRANSLATE_NOOP("Core", "Backtest origin {origin} of {origins}").format(
            origin=index - chunks + 1, origins=len(origins))

    done = dict(run_tasks(_piece, pieces, ctx, weights=weights, describe=describe))
    joined = _join([done[index] for index in range(chunks)])
    forecasts, seconds, finals = joined.forecasts, dict(joined.seconds), dict(joined.final or {})
    for name in shared:
        at_origins = [done[chunks + k] for k in range(len(origins))]
        forecasts[name] = np.stack([predicted[name] for predicted, _ in at_origins], axis=1)
        seconds[name] = sum(took.get(name, 0.0) for _, took in at_origins)
    if shared and shared_final:
        finals.update(done[chunks + len(origins)][0])
    if "ensemble" in names:
        forecasts["ensemble"] = np.mean([forecasts[m] for m in ENSEMBLE_MEMBERS], axis=0)
        seconds["ensemble"] = sum(seconds.get(m, 0.0) for m in ENSEMBLE_MEMBERS)
    return Backtest(
        origins=origins,
        forecasts={name: forecasts[name] for name in names},
        actual=joined.actual,
        mase_scale=joined.mase_scale,
        level=joined.level,
        seconds={name: seconds.get(name, 0.0) for name in names},
        final={name: finals[name] for name in final} if final else None,
    )


def _as_sent(panel: Panel) -> Any:
    """The panel as its pieces carry it: its stored form when the cluster's workers see the
    files (asked once here, the reason logged when not), else its array (no stored form left
    for :func:`iotfin_gui.core.cluster.for_workers` to ask about again)."""
    if cluster.address() is not None and panel.remote_form() is not None:
        sent = cluster.for_workers([(panel,)])[0][0]
        if isinstance(sent, cluster.Stored):
            return sent
    return Panel(panel.ids, panel.dates, panel.values, panel.warnings)


def _rows(panel: Panel, start: int, stop: int) -> Panel:
    return Panel(panel.ids[start:stop], panel.dates, panel.values[start:stop], panel.warnings)


@takes_context
def _piece(panel: Panel, rows: tuple[int, int] | None, origin: int | None, horizon: int,
           names: Sequence[str], n_origins: int | None, country: str | None, seed: int,
           final: Sequence[str], ctx: JobContext | None = None) -> Any:
    """A piece of :func:`partitioned`: with ``rows``, the whole backtest of those series;
    without, the global models' forecasts from the days before ``origin`` (None: all)."""
    if rows is None:
        return forecast_piece(panel, origin, horizon, names, country, seed, ctx)
    return run_backtest(_rows(panel, *rows), horizon, names, n_origins=n_origins,
                        country=country, seed=seed, ctx=ctx, final=final)


def _join(parts: list[Backtest]) -> Backtest:
    """Chunks' backtests of the same origins as one, their series one after the other."""
    seconds: dict[str, float] = {}
    for part in parts:
        for name, value in part.seconds.items():
            seconds[name] = seconds.get(name, 0.0) + value
    first = parts[0]
    return Backtest(
        origins=first.origins,
        forecasts={name: np.concatenate([p.forecasts[name] for p in parts])
                   for name in first.forecasts},
        actual=np.concatenate([p.actual for p in parts]),
        mase_scale=np.concatenate([p.mase_scale for p in parts]),
        level=np.concatenate([p.level for p in parts]),
        seconds=seconds,
        final=None if first.final is None else {
            name: np.concatenate([p.final[name] for p in parts]) for name in first.final},
    )
