"""A damaged spreadsheet or Parquet file says which sheet or row group (issue 20: both gave a
traceback or a bare parser message)."""

from __future__ import annotations

from pathlib import Path

import pytest
from damaged_files import corrupted_parquet, xlsx_with_bad_cached_value

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.ingest import import_file
from iotfin_gui.core.store import Store


def test_a_bad_cached_cell_names_the_sheet(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="sheet 'Cash' is damaged"):
        import_file(store, xlsx_with_bad_cached_value(tmp_path))
    assert store.datasets() == []


def test_a_damaged_row_group_is_named_with_its_rows(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"row group 2 of 4 \(rows 10,001 to 20,000\) is "
                                         r"damaged"):
        import_file(store, corrupted_parquet(tmp_path))
    assert store.datasets() == []
