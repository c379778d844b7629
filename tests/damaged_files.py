"""Files damaged as real ones are: a workbook cell whose cached value is not of its type, a
Parquet file with garbage in a row group's pages (for the import tests and bench/input_cases.py),
and a store's part replaced behind the store's back.

A store's parts are hard links shared with its backups and with every copy of the store (the
tests' session demo stores included): :func:`replace_part` tampers with one as an outside program
saving a file does, by renaming a new file over its name, so that only that store sees the
change. Writing the part's path in place would change every linked copy with it.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path


def xlsx_with_bad_cached_value(folder: Path) -> Path:
    """A workbook whose numeric cell B3 holds the cached value ``abc``."""
    import openpyxl

    path = folder / "bad_cell.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Cash"
    sheet.append(["atm", "amount"])
    sheet.append(["A1", 10])
    sheet.append(["A2", 12345])
    book.save(path)
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet_xml = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = sheet_xml.replace("<v>12345</v>", "<v>abc</v>").encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def corrupted_parquet(folder: Path) -> Path:
    """A Parquet file whose second row group's data pages are overwritten with garbage."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = folder / "damaged.parquet"
    table = pa.table({"device_id": [f"A{i % 7}" for i in range(40_000)],
                      "amount": np.arange(40_000, dtype="float64")})
    pq.write_table(table, path, row_group_size=10_000, compression="snappy")
    meta = pq.ParquetFile(path).metadata.row_group(1).column(1)
    data = bytearray(path.read_bytes())
    start = meta.data_page_offset + 40
    data[start:start + 2000] = b"\xff" * 2000
    path.write_bytes(bytes(data))
    return path


def replace_part(part: Path, content: bytes | object) -> None:
    """Give the store's ``part`` new ``content`` (bytes, or a pyarrow Table written as Parquet)
    through a new file renamed over it: the store's other hard links keep the old bytes. Call it
    inside :func:`iotfin_gui.core.store_files.store_access` while the store is open."""
    import pyarrow.parquet as pq

    fresh = part.with_name(f".tampered-{part.name}")
    if isinstance(content, bytes):
        fresh.write_bytes(content)
    else:
        pq.write_table(content, fresh)
    os.replace(fresh, part)
