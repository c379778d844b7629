"""Where the fleet view takes its data from, and the data read into a normalised :class:`FleetData`.

Three datasets feed it, each optional but at least one needed: telemetry (signs of life and cash
levels), events (faults and recoveries, replenishments) and daily withdrawals (demand, end-of-day
cash). :class:`FleetSources` names them (``None``: automatic, own imported data preferred over the
demo; ``""``: not used) and may override any column, by keys such as ``"events.component"``. The
window pins the automatic choice (:func:`pin_sources`): a later import is offered, never used
silently. Without an override a column is found by its dataset role (``device_id``,
``timestamp``, ``amount``, ``event_type``, ``category``), the cash level of telemetry and the
end-of-day cash of withdrawals as :func:`.cash_now.cash_column` defines it for every screen
(the role ``cash_level``), or, for columns no role identifies, by a conventional name
(``heartbeat``, ``component``). Missing required columns raise a :class:`NotFoundError`
naming the dataset, the role and the override key.

Times are naive UTC. The end-of-day cash of a withdrawals row counts from the end of its day.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd

from iotfin_gui.core import source_choice
from iotfin_gui.core.errors import NotFoundError, UserFacingError
from iotfin_gui.core.fleet.cash_now import cash_column, reading_order, run_demand
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message
from iotfin_gui.core.store import TIMESTAMP_FORMAT, DatasetInfo, Store, quote

SOURCES_SETTING = "fleet.sources"
#: The owner of the fleet's choice in :mod:`iotfin_gui.core.source_choice`.
OWNER = "fleet"
KINDS = ("telemetry", "events", "withdrawals")
#: kind -> field -> (role, conventional names, required)
FIELDS: dict[str, dict[str, tuple[str | None, tuple[str, ...], bool]]] = {
    "telemetry": {
        "device_id": ("device_id", (), True),
        "timestamp": ("timestamp", (), True),
        "cash": ("cash_level", (), False),
        "heartbeat": (None, ("heartbeat",), False),
    },
    "events": {
        "device_id": ("device_id", (), True),
        "timestamp": ("timestamp", (), True),
        "event_type": ("event_type", (), True),
        "component": ("category", ("component",), False),
        "severity": ("severity", ("severity",), False),
        "amount": ("amount", ("amount",), False),
    },
    "withdrawals": {
        "device_id": ("device_id", (), True),
        "timestamp": ("timestamp", (), True),
        "amount": ("amount", (), False),
        "cash_end": ("cash_level", (), False),
    },
}
DAY = pd.Timedelta(days=1)
DEFAULT_LOOKBACK = pd.Timedelta(days=2)


@dataclass(frozen=True)
class FleetSources:
    """The datasets and columns the fleet view reads; JSON-able via :meth:`to_dict`."""

    telemetry: str | None = None
    events: str | None = None
    withdrawals: str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)
    fault_values: tuple[str, ...] = ("fault",)
    recovery_values: tuple[str, ...] = ("recovery",)
    replenishment_values: tuple[str, ...] = ("replenishment",)

    def __post_init__(self) -> None:
        valid = {f"{kind}.{name}" for kind, names in FIELDS.items() for name in names}
        unknown = sorted(set(self.columns) - valid)
        if unknown:
            raise UserFacingError(QT_TRANSLATE_NOOP(
                "Core", "Unknown fleet column key(s) {unknown}; use one of {known}").format(
                    unknown=unknown, known=sorted(valid)))
        for name in ("fault_values", "recovery_values", "replenishment_values"):
            values = getattr(self, name)
            if isinstance(values, str) or not values:
                raise UserFacingError(QT_TRANSLATE_NOOP(
                    "Core", "{name} must be a non-empty list of event types").format(name=name))
            object.__setattr__(self, name, tuple(str(v).lower() for v in values))
        object.__setattr__(self, "columns", dict(self.columns))

    def to_dict(self) -> dict[str, Any]:
        return {"telemetry": self.telemetry, "events": self.events,
                "withdrawals": self.withdrawals, "columns": dict(self.columns),
                "fault_values": list(self.fault_values),
                "recovery_values": list(self.recovery_values),
                "replenishment_values": list(self.replenishment_values)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FleetSources:
        unknown = sorted(set(data) - set(cls().to_dict()))
        if unknown:
            raise UserFacingError(QT_TRANSLATE_NOOP(
                "Core", "Unknown fleet source setting(s): {unknown}").format(unknown=unknown))
        return cls(**dict(data))


def load_sources(store: Store) -> FleetSources:
    """The sources saved in the store (``fleet.sources``), or automatic ones."""
    saved = store.setting(SOURCES_SETTING)
    return FleetSources() if saved is None else FleetSources.from_dict(saved)


def save_sources(store: Store, sources: FleetSources) -> None:
    store.set_setting(SOURCES_SETTING, sources.to_dict())


def candidates(store: Store, kind: str) -> list[DatasetInfo]:
    """The datasets that may feed the fleet view as ``kind`` (telemetry, events, withdrawals)."""
    return [d for d in store.datasets() if d.kind == kind]


def _chosen(sources: FleetSources) -> dict[str, str | None]:
    return {kind: getattr(sources, kind) for kind in KINDS}


def pin_sources(store: Store) -> tuple[FleetSources, list[Message]]:
    """The saved sources with every automatic or deleted choice pinned to a dataset and saved,
    so that a later import never changes what the fleet view shows (see
    :mod:`iotfin_gui.core.source_choice`); and notes on deleted choices that were replaced."""
    sources = load_sources(store)
    pinned, notes = source_choice.pin(store, OWNER, _chosen(sources),
                                      lambda kind: candidates(store, kind))
    if pinned != _chosen(sources):
        sources = replace(sources, **pinned)
        save_sources(store, sources)
    return sources, notes


def choose_source(store: Store, kind: str, dataset: str | None) -> FleetSources:
    """Save the analyst's choice of dataset for ``kind`` (``None``: not used) and return the
    sources; the dataset counts as seen, so it is no longer offered."""
    if kind not in KINDS:
        raise UserFacingError(QT_TRANSLATE_NOOP(
            "Core", "Unknown fleet data kind {kind!r}; use one of {known}.").format(
                kind=kind, known=", ".join(KINDS)))
    if dataset is not None and dataset not in {d.name for d in candidates(store, kind)}:
        raise NotFoundError(QT_TRANSLATE_NOOP(
            "Core", "There is no {kind} dataset {dataset!r} in the store.").format(
                kind=kind, dataset=dataset))
    sources = replace(load_sources(store), **{kind: dataset or source_choice.UNUSED})
    save_sources(store, sources)
    if dataset is not None:
        source_choice.remember(store, OWNER, [dataset])
    return sources


def source_offers(store: Store, sources: FleetSources) -> list[source_choice.Offer]:
    """Datasets imported since the fleet's sources were chosen, newest per kind."""
    return source_choice.offers(store, OWNER, _chosen(sources),
                                lambda kind: candidates(store, kind))


def dismiss_offers(store: Store, sources: FleetSources) -> None:
    """Keep the current sources: no dataset present now is offered again."""
    source_choice.remember(store, OWNER, source_choice.unseen(
        store, OWNER, _chosen(sources), lambda kind: candidates(store, kind)))


@dataclass(frozen=True)
class Resolved:
    """One source dataset and the column playing each field (absent optional fields omitted)."""

    info: DatasetInfo
    columns: dict[str, str]

    def has(self, name: str) -> bool:
        return name in self.columns


def resolve_sources(store: Store, sources: FleetSources) -> dict[str, Resolved]:
    """The datasets to use, by kind, with their columns; raises if none can be used."""
    start = source_choice.automatic({kind: candidates(store, kind) for kind in KINDS})
    resolved: dict[str, Resolved] = {}
    for kind in KINDS:
        name = getattr(sources, kind)
        info = store.dataset(name) if name else start[kind] if name is None else None
        if info is not None:
            resolved[kind] = Resolved(info, _columns(info, kind, sources.columns))
    if not resolved:
        raise NotFoundError(QT_TRANSLATE_NOOP(
            "Core", "The fleet view needs telemetry, events or withdrawals data, and the store "
            "holds none. Load the demo fleet or import your ATMs' data first."))
    return resolved


def _columns(info: DatasetInfo, kind: str, overrides: Mapping[str, str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, (role, conventional, required) in FIELDS[kind].items():
        key = f"{kind}.{name}"
        column = overrides.get(key)
        if column is not None and column not in info.column_names:
            raise NotFoundError(QT_TRANSLATE_NOOP(
                "Core", "Dataset {dataset!r} has no column {column!r} (chosen for {key}); its "
                "columns are {columns}.").format(dataset=info.name, column=column, key=key,
                                                  columns=", ".join(info.column_names)))
        if column is None and role == "cash_level":
            column = cash_column(info)
        elif column is None and role is not None:
            column = info.column_for(role)
        if column is None:
            column = next((c for c in conventional if c in info.column_names), None)
        if column is not None:
            found[name] = column
        elif required:
            raise NotFoundError(QT_TRANSLATE_NOOP(
                "Core", "Dataset {dataset!r} has no column with the role {role!r}, which the "
                "fleet view needs. Give a column that role, or choose it as {key!r} in the fleet "
                "data sources. Its columns are {columns}.").format(
                    dataset=info.name, role=role, key=key, columns=", ".join(info.column_names)))
    return found


#: What :func:`parse_time` may be reading, as its messages name it.
TIME_NAMES: dict[str, Message] = {
    "time": QT_TRANSLATE_NOOP("Core", "time"),
    "start": QT_TRANSLATE_NOOP("Core", "start"),
    "end": QT_TRANSLATE_NOOP("Core", "end"),
    "as-of time": QT_TRANSLATE_NOOP("Core", "as-of time"),
    "timeline start": QT_TRANSLATE_NOOP("Core", "timeline start"),
    "timeline end": QT_TRANSLATE_NOOP("Core", "timeline end"),
}


def parse_time(value: str | datetime | pd.Timestamp, what: str = "time") -> pd.Timestamp:
    """A naive UTC timestamp from text (``YYYY-MM-DD[ HH:MM[:SS]]``, ISO with zone) or datetime.

    ``what`` (a key of :data:`TIME_NAMES`) names the value in error messages."""
    name = TIME_NAMES.get(what, what)
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError) as error:
        raise UserFacingError(QT_TRANSLATE_NOOP(
            "Core", "Cannot read the {what} {value!r}; write it as YYYY-MM-DD HH:MM (UTC).")
            .format(what=name, value=value)) from error
    if pd.isna(stamp):
        raise UserFacingError(QT_TRANSLATE_NOOP(
            "Core", "The {what} is empty; write it as YYYY-MM-DD HH:MM (UTC).").format(what=name))
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    try:
        return stamp.as_unit("ns")
    except (ValueError, OverflowError) as error:  # pandas' OutOfBoundsDatetime
        raise UserFacingError(QT_TRANSLATE_NOOP(
            "Core", "The {what} {value!r} is out of range; write a date between 1678 and "
            "2261.").format(what=name, value=value)) from error


def simulated_now(store: Store, resolved: Mapping[str, Resolved]) -> pd.Timestamp | None:
    """The demo's simulated "now" (``demo.as_of``) when every fleet source is demo data, else
    ``None``. Demo rows after it (the last day's end-of-day cash) lie in its future."""
    demo_as_of = store.setting("demo.as_of")
    if demo_as_of and all(r.info.is_demo for r in resolved.values()):
        return parse_time(demo_as_of)
    return None


def default_as_of(store: Store, resolved: Mapping[str, Resolved]) -> pd.Timestamp:
    """The latest data time: the demo's simulated "now" for demo data, else the newest row."""
    simulated = simulated_now(store, resolved)
    if simulated is not None:
        return simulated
    latest = []
    for kind, source in resolved.items():
        column = source.columns["timestamp"]
        value = store.query_dataset(source.info, f"SELECT max({quote(column)}) FROM data")[0][0]
        if value is not None:
            stamp = _times(pd.Series([value]), source.info, column).iloc[0]
            latest.append(stamp + DAY if kind == "withdrawals" else stamp)
    if not latest:
        raise NotFoundError(QT_TRANSLATE_NOOP("Core", "The fleet data sets hold no rows with a "
                                              "time."))
    return max(latest)


def read_source(
    store: Store,
    source: Resolved,
    names: Sequence[str],
    *,
    start: pd.Timestamp | None = None,
    end: pd.Timestamp | None = None,
    device: str | None = None,
    event_types: Sequence[str] | None = None,
    all_columns: bool = False,
) -> pd.DataFrame:
    """The rows of a source in ``[start, end]``, columns renamed to field names, times parsed.

    With ``all_columns``, the dataset's other columns follow under their own names."""
    info, columns = source.info, source.columns
    names = [n for n in dict.fromkeys(["device_id", "timestamp", *names]) if n in columns]
    extras = ([c for c in info.column_names if c not in {columns[n] for n in names}]
              if all_columns else [])
    time_column = columns["timestamp"]
    clauses, params = [], []
    in_sql = _column_type(info, time_column) == "datetime"
    for bound, op in ((start, ">="), (end, "<=")):
        if bound is not None and in_sql:
            clauses.append(f"{quote(time_column)} {op} ?")
            params.append(bound.to_pydatetime())
    if device is not None:
        clauses.append(f"CAST({quote(columns['device_id'])} AS TEXT) = ?")
        params.append(device)
    if event_types is not None:
        clauses.append(f"lower({quote(columns['event_type'])}) IN "
                       f"({', '.join('?' * len(event_types))})")
        params.extend(event_types)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    select = ", ".join(quote(c) for c in [*(columns[n] for n in names), *extras])
    frame = store.query_dataset_frame(info, f"SELECT {select} FROM data{where}", params)
    frame.columns = [*names, *extras]
    for extra in extras:
        kind = _column_type(info, extra)
        if kind == "datetime":
            frame[extra] = _times(frame[extra], info, extra)
        elif kind in ("integer", "float"):
            frame[extra] = pd.to_numeric(frame[extra], errors="coerce")
    frame["device_id"] = frame["device_id"].astype(str)
    frame["timestamp"] = _times(frame["timestamp"], info, time_column)
    frame = frame.dropna(subset=["timestamp"])
    if not in_sql and (start is not None or end is not None):
        lo = start if start is not None else pd.Timestamp.min
        hi = end if end is not None else pd.Timestamp.max
        frame = frame[frame["timestamp"].between(lo, hi)]
    for name in names:
        if name in ("cash", "heartbeat", "amount", "cash_end"):
            frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
        elif name in ("event_type", "component", "severity"):
            frame[name] = frame[name].fillna("").astype(str).str.strip().str.lower()
    return frame.reset_index(drop=True)


def _column_type(info: DatasetInfo, column: str) -> str:
    return next(c.type for c in info.columns if c.name == column)


def _times(values: pd.Series, info: DatasetInfo, column: str) -> pd.Series:
    if _column_type(info, column) == "datetime":
        return pd.to_datetime(values, format=TIMESTAMP_FORMAT).astype("datetime64[ns]")
    parsed = utc_times(values)
    if len(values) and parsed.isna().all():
        raise UserFacingError(QT_TRANSLATE_NOOP(
            "Core", "The column {column!r} of dataset {dataset!r} holds no readable times; "
            "import it with a datetime type.").format(column=column, dataset=info.name))
    return parsed


def utc_times(values: pd.Series) -> pd.Series:
    """Times of any form (datetimes, text with or without a UTC offset, mixed offsets) as naive
    UTC, how the fleet compares them (unreadable ones ``NaT``)."""
    parsed = pd.to_datetime(values, errors="coerce", utc=True, format="mixed")
    return parsed.dt.tz_localize(None).astype("datetime64[ns]")


@dataclass(frozen=True)
class FleetData:
    """The fleet's data, normalised, for evaluating statuses at any time in ``[start, end]``.

    ``devices``: device_id, name, branch, city, latitude, longitude, capacity (one row per ATM,
    position = the device code used in the other frames' ``dev`` column). ``seen``: dev, time of
    each sign of life. ``cash``: dev, time, cash (readings, by the time they became known).
    ``daily``: dev, date, amount. ``faults``: dev, component, severity, start, end (NaT: not
    recovered by ``end``). ``telemetry_start``: the first telemetry time (NaT without telemetry).
    ``currency``: the one the cash amounts' columns name in their metadata (``None``: unknown).
    ``forecast``: series_id, date, demand of the withdrawals' newest forecast run, from which
    days to cash-out are counted (:func:`.cash_now.days_to_cash_out`; ``None``: no run).
    """

    devices: pd.DataFrame
    seen: pd.DataFrame
    cash: pd.DataFrame
    daily: pd.DataFrame
    faults: pd.DataFrame
    telemetry_start: pd.Timestamp
    start: pd.Timestamp | None
    end: pd.Timestamp | None
    used: dict[str, str]
    notes: tuple[str, ...]
    currency: str | None = None
    forecast: pd.DataFrame | None = None


def cash_currency(resolved: Mapping[str, Resolved]) -> str | None:
    """The currency of the fleet's cash and withdrawals, from the metadata of the columns that
    hold them; ``None`` when none names one or two name different ones."""
    fields = (("telemetry", "cash"), ("withdrawals", "cash_end"), ("withdrawals", "amount"))
    named = {resolved[kind].info.currency_of(resolved[kind].columns.get(field))
             for kind, field in fields if kind in resolved} - {None}
    return named.pop() if len(named) == 1 else None


def load_fleet_data(
    store: Store,
    sources: FleetSources,
    *,
    start: pd.Timestamp | None = None,
    end: pd.Timestamp | None = None,
    lookback: pd.Timedelta = DEFAULT_LOOKBACK,
    demand_days: int = 14,
    resolved: Mapping[str, Resolved] | None = None,
    device: str | None = None,
) -> FleetData:
    """Read what statuses at times in ``[start, end]`` need (``None``: unbounded).

    Telemetry is read from ``start - lookback``, withdrawals from ``demand_days`` days earlier
    still; fault and recovery events from the beginning (a fault may stay open for long).
    With ``device``, only that ATM is read."""
    resolved = resolved if resolved is not None else resolve_sources(store, sources)
    notes: list[str] = []
    read_from = None if start is None else start - lookback
    frames: dict[str, pd.DataFrame] = {}
    ids: list[pd.Series] = []
    telemetry_start = pd.NaT
    if "telemetry" in resolved:
        source = resolved["telemetry"]
        frames["telemetry"] = read_source(store, source, ["cash", "heartbeat"],
                                          start=read_from, end=end, device=device)
        telemetry_start = _first_time(store, source)
        ids.append(_distinct_devices(store, source))
        if not source.has("cash"):
            notes.append(QT_TRANSLATE_NOOP(
                "Core", "Telemetry {dataset!r} has no cash level column.").format(
                    dataset=source.info.name))
    else:
        notes.append(QT_TRANSLATE_NOOP("Core", "Offline is not checked: no telemetry dataset."))
    if "events" in resolved:
        source = resolved["events"]
        kinds = [*sources.fault_values, *sources.recovery_values]
        frames["events"] = read_source(store, source, ["event_type", "component", "severity"],
                                       end=end, event_types=kinds, device=device)
        ids.append(_distinct_devices(store, source))
    else:
        notes.append(QT_TRANSLATE_NOOP("Core", "Faults are not checked: no events dataset."))
    if "withdrawals" in resolved:
        source = resolved["withdrawals"]
        since = None if read_from is None else (read_from - (demand_days + 1) * DAY).floor("D")
        frames["withdrawals"] = read_source(store, source, ["amount", "cash_end"],
                                            start=since, end=end, device=device)
        ids.append(_distinct_devices(store, source))
    else:
        notes.append(QT_TRANSLATE_NOOP("Core", "Demand is unknown: no withdrawals dataset."))
    all_ids = pd.concat(ids, ignore_index=True)
    if device is not None:
        all_ids = all_ids[all_ids == device]
    devices = _devices(store, all_ids)
    code = pd.Series(np.arange(len(devices)), index=devices["device_id"])
    return FleetData(
        devices=devices,
        seen=_seen(frames.get("telemetry"), code),
        cash=_cash(frames.get("telemetry"), frames.get("withdrawals"), code),
        daily=_daily(frames.get("withdrawals"), code),
        faults=_faults(frames.get("events"), code, sources),
        telemetry_start=telemetry_start,
        start=start,
        end=end,
        used={kind: source.info.name for kind, source in resolved.items()},
        notes=tuple(notes),
        currency=cash_currency(resolved),
        forecast=run_demand(store, resolved["withdrawals"].info.id)
        if "withdrawals" in resolved else None,
    )


def _first_time(store: Store, source: Resolved) -> pd.Timestamp:
    column = source.columns["timestamp"]
    value = store.query_dataset(source.info, f"SELECT min({quote(column)}) FROM data")[0][0]
    return pd.NaT if value is None else _times(pd.Series([value]), source.info, column).iloc[0]


def _distinct_devices(store: Store, source: Resolved) -> pd.Series:
    column = quote(source.columns["device_id"])
    rows = store.query_dataset(source.info,
                               f"SELECT DISTINCT {column} FROM data WHERE {column} IS NOT NULL")
    return pd.Series([str(r[0]) for r in rows], dtype=object)


def _devices(store: Store, ids: pd.Series) -> pd.DataFrame:
    registry = store.devices().drop(columns=["is_demo"])
    registry["device_id"] = registry["device_id"].astype(str)
    table = pd.DataFrame({"device_id": sorted(set(ids))})
    table = table.merge(registry, on="device_id", how="left")
    table["capacity"] = pd.to_numeric(table.pop("cassette_capacity"), errors="coerce")
    for column in ("latitude", "longitude"):
        table[column] = pd.to_numeric(table[column], errors="coerce")
    keep = ["device_id", "name", "branch", "city", "latitude", "longitude", "capacity"]
    return table[keep].astype({"capacity": "float64"})


def _coded(frame: pd.DataFrame, code: pd.Series) -> pd.DataFrame:
    return frame.assign(dev=code.reindex(frame["device_id"]).to_numpy())


def _seen(telemetry: pd.DataFrame | None, code: pd.Series) -> pd.DataFrame:
    if telemetry is None:
        return pd.DataFrame({"dev": np.array([], dtype=np.int64),
                             "time": pd.Series([], dtype="datetime64[ns]")})
    alive = telemetry
    if "heartbeat" in telemetry:
        alive = telemetry[telemetry["heartbeat"].fillna(0) > 0]
    frame = _coded(alive, code)
    return (frame[["dev", "timestamp"]].rename(columns={"timestamp": "time"})
            .sort_values("time", ignore_index=True))


def _cash(
    telemetry: pd.DataFrame | None, withdrawals: pd.DataFrame | None, code: pd.Series
) -> pd.DataFrame:
    parts = [pd.DataFrame({"dev": np.array([], dtype=np.int64),
                           "time": pd.Series([], dtype="datetime64[ns]"),
                           "cash": np.array([], dtype=float), "source": []})]
    if telemetry is not None and "cash" in telemetry:
        known = _coded(telemetry.dropna(subset=["cash"]), code)
        parts.append(pd.DataFrame({"dev": known["dev"], "time": known["timestamp"],
                                   "cash": known["cash"], "source": "telemetry"}))
    if withdrawals is not None and "cash_end" in withdrawals:
        known = _coded(withdrawals.dropna(subset=["cash_end"]), code)
        parts.append(pd.DataFrame({"dev": known["dev"],
                                   "time": known["timestamp"].dt.floor("D") + DAY,
                                   "cash": known["cash_end"], "source": "withdrawals"}))
    return reading_order(pd.concat(parts, ignore_index=True))


def _daily(withdrawals: pd.DataFrame | None, code: pd.Series) -> pd.DataFrame:
    if withdrawals is None or "amount" not in withdrawals:
        return pd.DataFrame({"dev": np.array([], dtype=np.int64),
                             "date": pd.Series([], dtype="datetime64[ns]"),
                             "amount": np.array([], dtype=float)})
    frame = _coded(withdrawals.dropna(subset=["amount"]), code)
    frame = frame.assign(date=frame["timestamp"].dt.floor("D"))
    return frame.groupby(["dev", "date"], as_index=False)["amount"].sum()


def _faults(events: pd.DataFrame | None, code: pd.Series, sources: FleetSources) -> pd.DataFrame:
    """Fault intervals: each fault ends at the first recovery of its component strictly after it
    (of any component when the events carry none)."""
    columns = ["dev", "component", "severity", "start", "end"]
    if events is None or events.empty:
        return pd.DataFrame({"dev": np.array([], dtype=np.int64), "component": [],
                             "severity": [], "start": pd.Series([], dtype="datetime64[ns]"),
                             "end": pd.Series([], dtype="datetime64[ns]")})[columns]
    frame = _coded(events, code)
    if "component" not in frame:
        frame["component"] = ""
    if "severity" not in frame:
        frame["severity"] = ""
    is_fault = frame["event_type"].isin(sources.fault_values)
    is_recovery = frame["event_type"].isin(sources.recovery_values)
    frame = frame[is_fault | is_recovery].assign(recovery=is_recovery[is_fault | is_recovery])
    if (frame["component"] == "").all():
        frame["key"] = frame["dev"].astype(str)
    else:
        frame["key"] = frame["dev"].astype(str) + "\x1f" + frame["component"]
    order = frame.assign(rank=np.where(frame["recovery"], 0, 1))
    order = order.sort_values(["key", "timestamp", "rank"], ignore_index=True)
    order["recovered_at"] = order["timestamp"].where(order["recovery"])
    order["end"] = order.groupby("key")["recovered_at"].bfill()
    faults = order[~order["recovery"]].rename(columns={"timestamp": "start"})
    return faults[columns].sort_values(["dev", "start"], ignore_index=True)
