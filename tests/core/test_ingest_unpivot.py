"""Wide withdrawal tables (NN5's original shape: a date column and a column per ATM, or a row per
ATM and a column per date) import, when asked, as the long series the long file gives: the same
values, missing cells still missing."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from iotfin_gui.cli import main
from iotfin_gui.core.errors import InputError
from iotfin_gui.core.ingest import import_file, preview
from iotfin_gui.core.ingest.unpivot import DATES_ACROSS, DEVICES_ACROSS, wide_shape
from iotfin_gui.core.store import Store


def small_long(series: int = 4, days: int = 10) -> pd.DataFrame:
    """A long withdrawals table with a few empty cells."""
    rng = np.random.default_rng(3)
    dates = pd.date_range("2024-01-01", periods=days, freq="D").strftime("%Y-%m-%d")
    frame = pd.DataFrame([(f"ATM-{s:03d}", d, round(rng.uniform(100, 900), 2))
                          for s in range(1, series + 1) for d in dates],
                         columns=["series_id", "date", "value"])
    frame.loc[[3, 17, 30], "value"] = np.nan
    return frame


def pivoted(frame: pd.DataFrame, shape: str) -> pd.DataFrame:
    if shape == DEVICES_ACROSS:
        return frame.pivot(index="date", columns="series_id", values="value").reset_index()
    return frame.pivot(index="series_id", columns="date", values="value").reset_index()


def stored_long(store: Store, name: str) -> pd.DataFrame:
    frame = store.read_dataset(name).rename(columns={"series_id": "device_id"})
    return frame.sort_values(["device_id", "date"]).reset_index(drop=True)


def assert_same_series(store: Store, long_name: str, wide_name: str) -> None:
    long, wide = stored_long(store, long_name), stored_long(store, wide_name)
    assert list(wide.columns) == ["device_id", "date", "value"]
    pd.testing.assert_series_equal(long["device_id"], wide["device_id"], check_dtype=False)
    pd.testing.assert_series_equal(long["date"], wide["date"])
    assert np.array_equal(long["value"].to_numpy(), wide["value"].to_numpy(), equal_nan=True)
    assert wide["value"].isna().sum() == long["value"].isna().sum() > 0


@pytest.mark.parametrize("shape", [DEVICES_ACROSS, DATES_ACROSS])
def test_wide_csv_unpivots_to_the_long_import(tmp_path: Path, store, shape: str) -> None:
    long = small_long()
    long.to_csv(tmp_path / "long.csv", index=False)
    pivoted(long, shape).to_csv(tmp_path / "wide.csv", index=False)
    look = preview(tmp_path / "wide.csv")
    assert look.wide == shape
    unpivoted = preview(tmp_path / "wide.csv", unpivot="auto")
    assert unpivoted.source.unpivot == shape and unpivoted.wide is None
    assert unpivoted.kind == "withdrawals"
    assert list(unpivoted.frame.columns) == ["device_id", "date", "value"]
    import_file(store, tmp_path / "long.csv", name="long")
    result = import_file(store, tmp_path / "wide.csv", unpivot="auto", name="wide")
    assert (result.kind, result.rows_imported, result.rows_quarantined) == \
        ("withdrawals", len(long), 0)
    assert json.loads(store.conn.execute("SELECT options FROM imports WHERE id = ?", [
        result.import_id]).fetchone()[0])["unpivot"] == shape
    assert_same_series(store, "long", "wide")


def test_nn5_pivoted_both_ways_and_as_a_workbook_equals_the_long_file(
        tmp_path: Path, store, shared_data: Path) -> None:
    """The shared NN5 file is long; the competition's workbook was wide (a date column and a
    column per ATM). The first 12 series, pivoted both ways and written as .xlsx."""
    long = pd.read_csv(shared_data / "nn5" / "nn5_train.csv")
    long = long[long["series_id"].isin(sorted(long["series_id"].unique())[:12])]
    long.to_csv(tmp_path / "long.csv", index=False)
    import_file(store, tmp_path / "long.csv", name="long")
    for shape in (DEVICES_ACROSS, DATES_ACROSS):
        pivoted(long, shape).to_csv(tmp_path / f"{shape}.csv", index=False)
        import_file(store, tmp_path / f"{shape}.csv", unpivot="auto", name=shape)
        assert_same_series(store, "long", shape)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("NN5")
    wide = pivoted(long, DEVICES_ACROSS)
    sheet.append(list(wide.columns))
    for row in wide.itertuples(index=False):
        sheet.append([pd.Timestamp(row[0]).to_pydatetime(),
                      *(None if pd.isna(v) else float(v) for v in row[1:])])
    book.save(tmp_path / "nn5.xlsx")
    assert preview(tmp_path / "nn5.xlsx").wide == DEVICES_ACROSS
    import_file(store, tmp_path / "nn5.xlsx", unpivot="auto", name="workbook")
    assert_same_series(store, "long", "workbook")


@pytest.mark.parametrize("header", [
    "date,temperature,humidity,pressure",  # measurements, not devices numbered alike
    "date,ATM-1,ATM-2",  # too few series
    "device,name,city,branch",
])
def test_ordinary_tables_are_not_offered_an_unpivot(header: str) -> None:
    names = header.split(",")
    columns = {name: [f"2024-01-0{i + 1}" if index == 0 else str(10 * i + index)
                      for i in range(5)] for index, name in enumerate(names)}
    assert wide_shape(columns) is None


def test_unpivot_of_a_table_that_is_not_wide_is_refused(tmp_path: Path, store) -> None:
    path = tmp_path / "long.csv"
    small_long().to_csv(path, index=False)
    with pytest.raises(InputError, match="not wide"):
        import_file(store, path, unpivot="auto")
    assert store.datasets() == []


def test_cli_unpivot(tmp_path: Path, store_path: Path, capsys) -> None:
    path = tmp_path / "atms.csv"
    pivoted(small_long(), DATES_ACROSS).to_csv(path, index=False)
    assert main(["import", str(path), "--db", str(store_path), "--unpivot", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert (summary["kind"], summary["rows"], summary["columns"]) == \
        ("withdrawals", 40, ["device_id", "date", "value"])
