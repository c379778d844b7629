"""How tests/data/store_v3.sqlite was made: run with the release at 0360be3 (schema 3, rows in
ds_<id> tables), then journal_mode=DELETE and VACUUM. Kept to say what the fixture holds."""
import sys

import numpy as np
import pandas as pd

from iotfin_gui.core import trash
from iotfin_gui.core.store import Store

path = sys.argv[1]
frame = pd.DataFrame({
    "device_id": ["ATM-1", "ATM-2", None, "网点", "ATM-1"],
    "count": pd.array([1, 2, None, -4, 7], dtype="Int64"),
    "amount": [1.5, -0.0, np.nan, 1e300, 2.25],
    "ok": pd.array([True, False, None, True, False], dtype="boolean"),
    "time": pd.to_datetime(["2024-01-01 00:00:00", "1969-12-31 23:59:59", None,
                            "2024-02-29 12:30:45", "2024-03-01 08:00:00"]),
})
tele = pd.DataFrame({
    "device_id": [f"ATM-{i % 3}" for i in range(48)],
    "timestamp": pd.date_range("2024-05-01", periods=48, freq="h"),
    "cash": np.arange(48, dtype=float) * 100.0,
    "heartbeat": np.ones(48, dtype=np.int64),
})
with Store.open(path) as store:
    store.write_dataset("mixed", frame, "table", source="test")
    store.write_dataset("telemetry", tele, "telemetry", source="test",
                        roles={"device_id": "device_id", "timestamp": "timestamp", "cash": "cash"})
    store.write_dataset("gone", tele.head(5), "table", source="test")
    trash.trash_dataset(store, "gone")
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for info in store.datasets():
        print(info.id, info.name, info.table_name, info.row_count, info.data_hash)
