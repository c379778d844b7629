"""Dates: Chinese dates with or without times, Unix times by magnitude, pandas' format guess,
one bad value quarantining its row, and a ThingsBoard ``ts`` that is not a number."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from iotfin_gui.core.ingest import import_file, quarantined_rows
from iotfin_gui.core.ingest.timestamps import guess_format


@pytest.mark.parametrize(("text", "expected"), [
    ("2026年10月31日", "2026-10-31 00:00:00"), ("2026年1月5日 08:05", "2026-01-05 08:05:00"),
    ("2026年10月31日 14:30:00", "2026-10-31 14:30:00"),
    ("2026年10月31日14时30分", "2026-10-31 14:30:00"),
    ("2026年10月31日 14时30分05秒", "2026-10-31 14:30:05")])
def test_chinese_dates(tmp_path: Path, store, text: str, expected: str) -> None:
    path = tmp_path / "cn.csv"
    path.write_text(f"设备,交易时间,金额\nATM-1,{text},100\nATM-2,{text},200\n",
                    encoding="utf-8")
    result = import_file(store, path)
    assert result.rows_quarantined == 0
    assert str(store.read_dataset(result.dataset)["交易时间"].iloc[0]) == expected


@pytest.mark.parametrize(("values", "fmt"), [
    (["1700000000", "1700000060"], "epoch_s"), (["1700000000000", "1700000060000"], "epoch_ms"),
    (["1700000000000000", "1700000060000000"], "epoch_us"),
    (["1700000000000000000", "1700000060000000000"], "epoch_ns")])
def test_epoch_units_by_magnitude(tmp_path: Path, store, values: list[str], fmt: str) -> None:
    assert guess_format(values, "ts").format == fmt
    path = tmp_path / f"{fmt}.csv"
    path.write_text("device,ts,v\n" + "".join(f"A,{v},{i}\n" for i, v in enumerate(values)))
    frame = store.read_dataset(import_file(store, path).dataset)
    assert str(frame["ts"].iloc[0]) == "2023-11-14 22:13:20"


def test_pandas_guess_reads_month_names(tmp_path: Path, store) -> None:
    path = tmp_path / "names.csv"
    path.write_text('atm,posted,amount\nA,"Jan 5, 2024",1\nB,"Feb 29, 2024",2\n')
    frame = store.read_dataset(import_file(store, path).dataset)
    assert frame["posted"].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-05", "2024-02-29"]


def test_a_few_bad_dates_quarantine_their_rows_only(tmp_path: Path, store) -> None:
    rows = [f"A,2024/01/{d:02d},{d}" for d in range(1, 29)]
    rows[0] = "A,not a date,1"
    rows[10] = "A,2024/02/31,11"
    path = tmp_path / "bad_dates.csv"
    path.write_text("device,date,v\n" + "\n".join(rows) + "\n")
    result = import_file(store, path)
    assert (result.rows_imported, result.rows_quarantined) == (26, 2)
    assert quarantined_rows(store, result.dataset_id)["line"].tolist() == [2, 12]


def test_thingsboard_nan_and_infinite_ts_are_quarantined(tmp_path: Path, store) -> None:
    path = tmp_path / "ATM-7.json"
    path.write_text(json.dumps({"temperature": [
        {"ts": 1700000000000, "value": 21.5}, {"ts": float("nan"), "value": 1},
        {"ts": float("inf"), "value": 2}, {"ts": 1700000060000, "value": 22.0}]}))
    result = import_file(store, path)
    assert (result.rows_imported, result.rows_quarantined) == (2, 2)
    reasons = quarantined_rows(store, result.dataset_id)["reason"]
    assert all("finite" in str(r) for r in reasons)
