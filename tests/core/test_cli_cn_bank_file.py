"""A Chinese bank's daily ATM file, as the bank sends it, through ``main.py import``,
``forecast`` and ``plan`` with the CN calendar.

The file is GBK with a title line and a blank line above the header, Chinese column names
(设备号, 日期, 取款金额, 钞箱余额), amounts with thousands separators (``1,234,567.00``) and
20-digit device numbers, which must come back exactly as written. The fleet is
:func:`cn_fleet.cn_fleet`'s (Spring Festival, golden week, make-up working days, one fleet
outage and a few zero days), smaller and over the last year and a half.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from cn_fleet import CnFleet, cn_fleet

from iotfin_gui.cli import main
from iotfin_gui.core.fleet.cash_now import cash_column
from iotfin_gui.core.store import Store

N_ATMS = 12
HORIZON = 28
#: Cassettes: loaded to this when the end-of-day cash falls under a fifth of it.
FULL = 1_000_000.0


def device_numbers(count: int) -> list[str]:
    """20-digit device numbers (bank, branch, sequence): beyond int64, and one with a
    leading zero."""
    numbers = [f"1035820{atm:013d}" for atm in range(count)]
    numbers[0] = "0" + numbers[0][1:]
    return numbers


def cash_left(withdrawn: np.ndarray) -> np.ndarray:
    """End-of-day cash per (ATM, day): full cassettes, loaded again to full the morning after a
    day that ends under a fifth of them."""
    cash = np.empty_like(withdrawn)
    level = np.full(withdrawn.shape[0], FULL)
    for day in range(withdrawn.shape[1]):
        level = np.maximum(level - withdrawn[:, day], 0.0)
        cash[:, day] = level
        level = np.where(level < FULL / 5, FULL, level)
    return cash


def money(value: float) -> str:
    return f"{value:,.2f}"


def write_bank_file(fleet: CnFleet, path: Path) -> list[str]:
    """The fleet's recorded withdrawals as the bank's daily report; returns the device
    numbers."""
    devices = device_numbers(fleet.recorded.shape[0])
    cash = cash_left(fleet.recorded)
    lines = ["ATM取款日报表（单位：元）", "", "设备号,日期,取款金额,钞箱余额"]
    for atm, device in enumerate(devices):
        for day, date in enumerate(fleet.dates):
            lines.append(f'"{device}",{date:%Y/%m/%d},"{money(fleet.recorded[atm, day])}",'
                         f'"{money(cash[atm, day])}"')
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    return devices


def run(capsys, *args: str) -> dict:
    code = main([*args, "--json", "--quiet"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def bank_file(tmp_path_factory) -> tuple[Path, CnFleet, list[str]]:
    fleet = cn_fleet(n_atms=N_ATMS, start="2025-06-01", end="2026-11-30")
    source = tmp_path_factory.mktemp("bank") / "ATM取款日报.csv"
    return source, fleet, write_bank_file(fleet, source)



def as_excel_shows(cells: pd.Series) -> pd.Series:
    """The texts Excel shows for an export's ``="…"`` cells (the digits inside)."""
    return cells.str.removeprefix('="').str.removesuffix('"')


def test_a_bank_file_imports_forecasts_and_plans_with_the_cn_calendar(capsys, tmp_path,
                                                                       bank_file):
    source, fleet, devices = bank_file
    db = str(tmp_path / "store.sqlite")
    imported = run(capsys, "import", str(source), "--db", db, "--name", "atm_daily")
    assert imported["kind"] == "withdrawals" and imported["quarantined"] == 0
    assert imported["rows"] == fleet.recorded.size
    with Store.open(db) as store:
        table = store.read_dataset("atm_daily")
    assert sorted(table["设备号"].unique()) == sorted(devices)  # 20 digits, leading zero kept
    first = table[table["设备号"] == devices[0]].sort_values("日期")
    np.testing.assert_array_equal(first["取款金额"].to_numpy(float), fleet.recorded[0])

    forecast_out = tmp_path / "forecast.csv"
    forecast = run(capsys, "forecast", "--db", db, "--dataset", "atm_daily", "--horizon",
                   str(HORIZON), "--holidays", "CN", "--out", str(forecast_out))
    rows = pd.read_csv(forecast_out, encoding="utf-8-sig", dtype={"series_id": str},
                       parse_dates=["date"])
    assert rows["series_id"].str.fullmatch(r'="[0-9]{20}"').all()  # Excel keeps every digit
    rows["series_id"] = as_excel_shows(rows["series_id"])
    assert sorted(rows["series_id"].unique()) == sorted(devices)
    assert (rows.groupby("series_id").size() == HORIZON).all()
    assert rows["date"].min() == fleet.dates[-1] + pd.Timedelta(days=1)
    assert np.isfinite(rows["forecast"]).all() and (rows["forecast"] >= 0).all()
    assert forecast["holidays"] == "CN" and forecast["series"] == N_ATMS
    assert forecast["warnings"] == []  # e.g. no other calendar fits the dips better

    # The file's 钞箱余额 is its cash level (guessed at import), so the plan starts from the
    # last day's end-of-day cash, the morning after the last recorded day.
    plan_out = tmp_path / "plan.csv"
    plan = run(capsys, "plan", "--db", db, "--dataset", "atm_daily", "--holidays", "CN",
               "--capacity", str(int(FULL)), "--out", str(plan_out))
    visits = pd.read_csv(plan_out, encoding="utf-8-sig", dtype={"series_id": str},
                         parse_dates=["date"])
    visits["series_id"] = as_excel_shows(visits["series_id"])
    assert plan["atms_planned"] == N_ATMS and len(visits) == plan["visits"] > 0
    assert set(visits["series_id"]) <= set(devices)
    assert plan["cash_now"] == pytest.approx(cash_left(fleet.recorded)[:, -1].sum())
    assert visits["date"].min() >= fleet.dates[-1] + pd.Timedelta(days=1)


def test_the_bank_files_cassette_balance_is_its_cash_level(capsys, tmp_path, bank_file):
    source, _, _ = bank_file
    db = str(tmp_path / "store.sqlite")
    run(capsys, "import", str(source), "--db", db, "--name", "atm_daily")
    with Store.open(db) as store:
        info = store.dataset("atm_daily")
    assert info.roles["钞箱余额"] == "cash_level" and info.roles["取款金额"] == "amount"
    assert cash_column(info) == "钞箱余额"


def test_the_cash_level_is_what_the_import_says(capsys, tmp_path, bank_file):
    """--role states the cash level: another column, or none at all (no cash now then)."""
    source, _, _ = bank_file
    stated, swapped = str(tmp_path / "stated.sqlite"), str(tmp_path / "swapped.sqlite")
    run(capsys, "import", str(source), "--db", stated, "--name", "atm_daily", "--role",
        "钞箱余额=metric")
    run(capsys, "import", str(source), "--db", swapped, "--name", "atm_daily", "--role",
        "钞箱余额=metric", "--role", "取款金额=cash_level")
    with Store.open(stated) as store:
        assert cash_column(store.dataset("atm_daily")) is None
    with Store.open(swapped) as store:
        assert cash_column(store.dataset("atm_daily")) == "取款金额"
    code = main(["import", str(source), "--db", str(tmp_path / "two.sqlite"), "--role",
                 "取款金额=cash_level", "--quiet"])
    assert code != 0 and "only one column can be the cash level" in capsys.readouterr().err
