"""Types never lose or reject valid data: decided on the whole file, widened without loss,
identifiers kept as text, out-of-range numbers quarantined with a reason."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from iotfin_gui.core.ingest import import_file, preview, quarantined_rows


def column_type(store, dataset: str, column: str) -> str:
    return next(c.type for c in store.dataset(dataset).columns if c.name == column)


def test_cents_after_the_first_chunk_widen_the_column(tmp_path: Path, store) -> None:
    """A 20,000-row export whose amounts are whole for 15,000 rows, then have cents."""
    path = tmp_path / "statement.csv"
    rows = [f"{i},pay,{i * 10}" for i in range(1, 15_001)]
    rows += [f"{i},pay,{i}.25" for i in range(15_001, 20_001)]
    path.write_text("seq,memo,amount\n" + "\n".join(rows) + "\n")
    assert preview(path).mapping.columns[2].type == "integer"
    result = import_file(store, path, chunk_rows=4_000)
    assert (result.rows_imported, result.rows_quarantined) == (20_000, 0)
    assert column_type(store, result.dataset, "amount") == "float"
    amounts = store.read_dataset(result.dataset)["amount"]
    assert amounts.iloc[0] == 10.0 and amounts.iloc[-1] == 20_000.25
    assert any("amount" in str(w) and "float" in str(w) for w in result.warnings)


def test_four_rows_with_one_fraction(tmp_path: Path, store) -> None:
    path = tmp_path / "four.csv"
    path.write_text("v\n-150\n200\n-3.5\n10\n")
    result = import_file(store, path)
    assert result.rows_quarantined == 0
    assert store.read_dataset(result.dataset)["v"].tolist() == [-150, 200, -3.5, 10]


def test_long_account_numbers_and_leading_zeros_stay_text(tmp_path: Path, store) -> None:
    path = tmp_path / "accounts.csv"
    path.write_text("account,branch,amount\n12345678901234567890,00123,1\n"
                    "12345678901234567891,00456,2\n12345678901234567892,10789,3\n")
    result = import_file(store, path)
    frame = store.read_dataset(result.dataset)
    assert frame["account"].tolist() == ["12345678901234567890", "12345678901234567891",
                                         "12345678901234567892"]
    assert frame["branch"].tolist() == ["00123", "00456", "10789"]
    assert column_type(store, result.dataset, "amount") == "integer"


def test_an_identifier_late_in_the_file_widens_to_text(tmp_path: Path, store) -> None:
    path = tmp_path / "late.csv"
    rows = [f"{i}" for i in range(1, 3000)] + ["98765432109876543210123"]
    path.write_text("card\n" + "\n".join(rows) + "\n")
    result = import_file(store, path, chunk_rows=500)
    frame = store.read_dataset(result.dataset)
    assert column_type(store, result.dataset, "card") == "text"
    assert frame["card"].iloc[-1] == "98765432109876543210123"
    assert frame["card"].iloc[0] == "1"


def test_out_of_range_numbers_are_quarantined_with_a_reason(tmp_path: Path, store) -> None:
    path = tmp_path / "range.csv"
    path.write_text("x,y\n1.5,a\n1e400,b\n1e-400,c\n2.5,d\n-1E999,e\n")
    result = import_file(store, path)
    assert (result.rows_imported, result.rows_quarantined) == (2, 3)
    frame = store.read_dataset(result.dataset)
    assert np.isfinite(frame["x"]).all()
    reasons = quarantined_rows(store, result.dataset_id)
    assert reasons["raw"].tolist() == ["1e400", "1e-400", "-1E999"]
    assert "too large" in str(reasons["reason"].iloc[0])
    assert "become 0" in str(reasons["reason"].iloc[1])


def test_a_few_bad_values_do_not_make_a_number_column_text(tmp_path: Path, store) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("v\n" + "\n".join(["1.5"] * 20 + ["n/a", "oops"]) + "\n")
    result = import_file(store, path)
    assert column_type(store, result.dataset, "v") == "float"
    assert result.rows_quarantined == 1


def test_a_statement_with_many_rows_per_date_keeps_them_all(tmp_path, store) -> None:
    """A table (not a per-device series) is never deduplicated by its date column."""
    path = tmp_path / "statement.csv"
    lines = ["交易日期,摘要,交易金额"] + [f"2026年10月{1 + i % 3}日,取款,\"{i:,}.50\""
                                         for i in range(30)]
    path.write_bytes(("\n".join(lines) + "\n").encode("gb18030"))
    result = import_file(store, path, kind="table")
    assert (result.rows_imported, result.rows_quarantined) == (30, 0)
    assert store.read_dataset(result.dataset)["交易金额"].iloc[-1] == 29.5
