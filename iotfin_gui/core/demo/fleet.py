"""The deterministic ATM-fleet simulator: registry, faults, daily withdrawals and cash levels.

Every ATM gets a site type, a base demand and a cassette size; its daily demand follows the
calendar effects of :mod:`calendar` with multiplicative noise. Faults (card reader, dispenser,
network, receipt printer) arrive as Poisson processes and block withdrawals while they last.
Cash-in-transit visits on two fixed weekdays refill an ATM that is below 65% full; a few
visits are missed, so some ATMs run dry. The last hours contain scripted incidents (open faults,
ATMs offline, missed refills) so that the fleet view shows every status on first launch.
Same config and seed, same fleet: nothing depends on the clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from iotfin_gui.core.demo import calendar
from iotfin_gui.core.demo.credit import simulate_credit_applications
from iotfin_gui.core.demo.telemetry import simulate_telemetry

#: The demo's local time zone; stored event and telemetry times are UTC.
DEMO_TIMEZONE = "Asia/Shanghai"

CITIES = (
    ("Shanghai", 31.2304, 121.4737, ("浦东", "黄浦", "徐汇", "静安")),
    ("Beijing", 39.9042, 116.4074, ("朝阳", "海淀", "东城", "西城")),
    ("Shenzhen", 22.5431, 114.0579, ("福田", "南山", "罗湖")),
    ("Guangzhou", 23.1291, 113.2644, ("天河", "越秀", "海珠")),
    ("Hangzhou", 30.2741, 120.1551, ("西湖", "上城", "滨江")),
    ("Chengdu", 30.5728, 104.0668, ("锦江", "武侯", "高新")),
    ("Wuhan", 30.5928, 114.3055, ("江汉", "武昌", "洪山")),
    ("Nanjing", 32.0603, 118.7969, ("鼓楼", "玄武", "建邺")),
)
#: ATM models and their cassette capacity in CNY.
MODELS = (("Hyosung MX8800", 200_000), ("NCR SelfServ 84", 300_000),
          ("Diebold DN200", 400_000), ("GRG H68N", 500_000))
SITES = tuple(calendar.WEEKDAY_PROFILES)
#: component -> (severity, mean days between faults, median hours, blocks withdrawals)
COMPONENTS = {
    "card_reader": ("major", 90.0, 5.0, True),
    "dispenser": ("critical", 120.0, 10.0, True),
    "network": ("major", 60.0, 1.5, True),
    "receipt_printer": ("minor", 45.0, 20.0, False),
}
VISIT_HOUR = 10
#: Open faults at the simulated "now" (component, hours since it began), one ATM each.
SCRIPTED_INCIDENTS = (("dispenser", 6.5), ("card_reader", 30.2), ("network", 4.8),
                      ("network", 26.4))
#: How many ATMs miss their last refills, so that some run low on cash at the end.
MISSED_REFILLS = 5


@dataclass(frozen=True)
class DemoConfig:
    """What to simulate. The defaults are the embedded demo fleet."""

    n_atms: int = 60
    days: int = 730
    end: date = date(2026, 10, 31)
    telemetry_days: int = 30
    credit_rows: int = 2000
    seed: int = 20261031


@dataclass
class DemoFleet:
    """The simulated fleet as plain tables; times are local (``DEMO_TIMEZONE``), naive."""

    config: DemoConfig
    registry: pd.DataFrame
    withdrawals: pd.DataFrame
    telemetry: pd.DataFrame
    events: pd.DataFrame
    credit: pd.DataFrame
    as_of: pd.Timestamp
    notes: dict[str, str] = field(default_factory=dict)


def simulate_registry(config: DemoConfig, rng: np.random.Generator) -> pd.DataFrame:
    """One row per ATM: where it is, what it is, how much it serves."""
    rows = []
    for number in range(1, config.n_atms + 1):
        city, lat, lon, districts = CITIES[rng.integers(len(CITIES))]
        district = districts[rng.integers(len(districts))]
        site = SITES[rng.integers(len(SITES))]
        base = float(np.exp(rng.normal(np.log(38_000), 0.35)))
        model, capacity = next(
            ((m, c) for m, c in MODELS if c >= 6 * base), MODELS[-1]
        )
        installed = pd.Timestamp(config.end) - pd.Timedelta(days=int(rng.integers(800, 3000)))
        rows.append(
            {
                "device_id": f"ATM-{number:04d}",
                "name": f"{city} {district} {site} {number}",
                "branch": f"{district}支行",
                "city": city,
                "latitude": round(lat + rng.normal(0, 0.04), 5),
                "longitude": round(lon + rng.normal(0, 0.05), 5),
                "model": model,
                "cassette_capacity": float(capacity),
                "install_date": installed.strftime("%Y-%m-%d"),
                "site_type": site,
                "base_demand": round(base, 2),
                "payday": int(rng.choice((10, 15, 25), p=(0.45, 0.35, 0.20))),
                "visit_days": tuple(sorted(rng.choice(5, size=2, replace=False).tolist())),
                "flakiness": float(rng.gamma(4.0, 0.25)),
            }
        )
    return pd.DataFrame(rows)


def simulate_faults(
    config: DemoConfig, registry: pd.DataFrame, start: pd.Timestamp, as_of: pd.Timestamp,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Fault intervals per ATM (start, end, component); ``end`` past ``as_of`` means still open."""
    hours = (as_of - start) / pd.Timedelta(hours=1)
    faults = []
    for atm in registry.itertuples():
        for component, (_, mean_days, median_hours, _) in COMPONENTS.items():
            rate = atm.flakiness / (mean_days * 24)
            count = rng.poisson(rate * hours)
            for offset in np.sort(rng.uniform(0, hours, count)):
                duration = float(np.exp(rng.normal(np.log(median_hours), 0.8)))
                began = start + pd.Timedelta(hours=float(offset))
                faults.append((atm.device_id, began.floor("min"),
                               (began + pd.Timedelta(hours=duration)).floor("min"), component))
    ids = registry["device_id"].to_numpy()
    scripted = rng.choice(ids, size=min(len(SCRIPTED_INCIDENTS), len(ids)), replace=False)
    for device_id, (component, hours_ago) in zip(
        scripted, SCRIPTED_INCIDENTS[:len(scripted)], strict=True
    ):
        began = (as_of - pd.Timedelta(hours=hours_ago)).floor("min")
        faults.append((device_id, began, as_of + pd.Timedelta(days=2), component))
    frame = pd.DataFrame(faults, columns=["device_id", "start", "end", "component"])
    return frame.sort_values(["device_id", "start"], ignore_index=True)


def downtime_by_day(faults: pd.DataFrame, dates: pd.DatetimeIndex, device_id: str) -> np.ndarray:
    """Fraction of each day an ATM could not dispense (blocking faults only)."""
    down = np.zeros(len(dates))
    blocking = [c for c, spec in COMPONENTS.items() if spec[3]]
    mine = faults[(faults["device_id"] == device_id) & faults["component"].isin(blocking)]
    day = pd.Timedelta(days=1)
    for began, ended in zip(mine["start"], mine["end"], strict=False):
        for index in range(dates.searchsorted(began.floor("D")), len(dates)):
            lo, hi = max(began, dates[index]), min(ended, dates[index] + day)
            if hi <= lo:
                break
            down[index] += (hi - lo) / day
    return np.minimum(down, 1.0)


def simulate_cash(
    atm: object, demand: np.ndarray, downtime: np.ndarray, dates: pd.DatetimeIndex,
    skip_last_days: int, rng: np.random.Generator,
) -> dict[str, np.ndarray]:
    """Day by day: refill on visit days, serve what the ATM can, record level and cash-outs."""
    capacity = atm.cassette_capacity  # type: ignore[attr-defined]
    visit_days = set(atm.visit_days)  # type: ignore[attr-defined]
    level = capacity * rng.uniform(0.6, 1.0)
    weekdays = dates.day_of_week.to_numpy()
    wanted = np.round(demand * (1 - downtime) / 100) * 100
    emergency_draw, missed_draw = rng.random(len(dates)), rng.random(len(dates))
    served = np.zeros(len(dates))
    loaded = np.zeros(len(dates))
    level_end = np.zeros(len(dates))
    dry = np.zeros(len(dates), dtype=bool)
    last_visit_day = len(dates) - skip_last_days
    for index in range(len(dates)):
        scheduled = weekdays[index] in visit_days and level < 0.65 * capacity
        emergency = level < 0.1 * capacity and emergency_draw[index] < 0.85
        if (scheduled or emergency) and index < last_visit_day and missed_draw[index] > 0.03:
            loaded[index] = np.floor((capacity - level) / 100) * 100
            level += loaded[index]
        served[index] = min(wanted[index], level)
        dry[index] = wanted[index] > level + 100
        level -= served[index]
        level_end[index] = level
    return {"amount": served, "replenished": loaded, "cash_level_end": level_end, "dry": dry}


def _events(
    faults: pd.DataFrame, withdrawals: pd.DataFrame, as_of: pd.Timestamp
) -> pd.DataFrame:
    severity = {c: spec[0] for c, spec in COMPONENTS.items()}
    fault_rows = pd.DataFrame({
        "device_id": faults["device_id"], "timestamp": faults["start"], "event_type": "fault",
        "component": faults["component"], "severity": faults["component"].map(severity),
        "amount": np.nan,
    })
    recovered = faults[faults["end"] <= as_of]
    recovery_rows = pd.DataFrame({
        "device_id": recovered["device_id"], "timestamp": recovered["end"],
        "event_type": "recovery", "component": recovered["component"], "severity": "info",
        "amount": np.nan,
    })
    refills = withdrawals[withdrawals["replenished"] > 0]
    refill_rows = pd.DataFrame({
        "device_id": refills["device_id"],
        "timestamp": refills["date"] + pd.Timedelta(hours=VISIT_HOUR),
        "event_type": "replenishment", "component": "cash", "severity": "info",
        "amount": refills["replenished"],
    })
    dry = withdrawals[withdrawals["_dry"]]
    dry_rows = pd.DataFrame({
        "device_id": dry["device_id"], "timestamp": dry["date"] + pd.Timedelta(hours=19),
        "event_type": "cash_out", "component": "cash", "severity": "major", "amount": np.nan,
    })
    events = pd.concat([fault_rows, recovery_rows, refill_rows, dry_rows], ignore_index=True)
    events = events[events["timestamp"] <= as_of]
    return events.sort_values(["timestamp", "device_id"], ignore_index=True)


def simulate_fleet(config: DemoConfig | None = None) -> DemoFleet:
    """Simulate the whole demo fleet; deterministic for a given config."""
    config = config or DemoConfig()
    rng = np.random.default_rng(config.seed)
    registry = simulate_registry(config, rng)
    dates = pd.date_range(end=pd.Timestamp(config.end), periods=config.days, freq="D")
    as_of = dates[-1] + pd.Timedelta(hours=23)
    named_holidays = calendar.china_holidays(dates)
    off_days = set(named_holidays)
    trend = calendar.season_and_trend(dates)
    faults = simulate_faults(config, registry, dates[0], as_of, rng)
    ids = registry["device_id"].to_numpy()
    short_of_cash = set(rng.choice(ids, size=min(MISSED_REFILLS, len(ids)), replace=False))
    frames = []
    for atm in registry.itertuples():
        effect = (
            trend
            * calendar.weekday_effect(dates, atm.site_type)
            * calendar.payday_effect(dates, atm.payday, off_days)
            * calendar.holiday_effect(dates, atm.site_type, named_holidays)
        )
        noise = np.exp(rng.normal(0, 0.18, len(dates)))
        noise[rng.random(len(dates)) < 0.01] *= 1.8
        demand = atm.base_demand * effect * noise
        downtime = downtime_by_day(faults, dates, atm.device_id)
        skip = 4 if atm.device_id in short_of_cash else 0
        cash = simulate_cash(atm, demand, downtime, dates, skip, rng)
        ticket = rng.uniform(700, 1100)
        counts = rng.poisson(cash["amount"] / ticket)
        frames.append(pd.DataFrame({
            "device_id": atm.device_id, "date": dates, "amount": cash["amount"],
            "count": counts.astype("int64"), "cash_level_end": cash["cash_level_end"],
            "replenished": cash["replenished"], "_dry": cash["dry"],
        }))
    withdrawals = pd.concat(frames, ignore_index=True)
    events = _events(faults, withdrawals, as_of)
    telemetry = simulate_telemetry(registry, withdrawals, faults, as_of,
                                   config.telemetry_days, rng)
    credit = simulate_credit_applications(config.credit_rows, rng)
    public_registry = registry[[
        "device_id", "name", "branch", "city", "latitude", "longitude", "model",
        "cassette_capacity", "install_date", "site_type",
    ]]
    return DemoFleet(
        config=config,
        registry=public_registry,
        withdrawals=withdrawals.drop(columns="_dry"),
        telemetry=telemetry,
        events=events,
        credit=credit,
        as_of=as_of,
    )
