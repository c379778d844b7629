"""A second process sharing a store, driven over a pipe (the store-lock tests' process B).

Each message is ``(operation, argument)``; the reply is ``("ok", result)`` or ``("error", text)``.
"""

from __future__ import annotations

import os
from multiprocessing.connection import Connection
from typing import Any

import pandas as pd

from iotfin_gui.core.store import Store
from iotfin_gui.core.store_files import StoreFileError, sqlite_files


def frame_for(name: str) -> pd.DataFrame:
    """The rows every process writes for a dataset called ``name`` (so all can check them)."""
    size = 50 + sum(map(ord, name)) % 200
    return pd.DataFrame({"device_id": [f"ATM-{i % 9:04d}" for i in range(size)],
                         "value": [i * 0.5 for i in range(size)],
                         "label": [f"{name}-{i}" for i in range(size)]})


def touch_files(db: str) -> list[str]:
    """Try to open and close each SQLite file of the store as other code might; what happened."""
    outcomes = []
    for file in sqlite_files(db)[:3]:
        try:
            os.close(os.open(file, os.O_RDONLY | os.O_CREAT))
            outcomes.append("opened")
        except StoreFileError:
            outcomes.append("refused")
    return outcomes


def _apply(store: Store | None, db: str, operation: str, argument: Any) -> tuple[Store | None, Any]:
    if operation == "open":
        return Store.open(argument), None
    assert store is not None
    if operation == "write":
        store.write_dataset(argument, frame_for(argument), "table", source="peer")
        return store, None
    if operation == "delete":
        store.delete_dataset(argument)
        return store, None
    if operation == "names":
        return store, sorted(d.name for d in store.datasets())
    if operation == "read":
        return store, store.read_dataset(argument).equals(frame_for(argument))
    if operation == "settings":
        for i in range(argument):
            store.set_setting(f"peer{i}", i)
        return store, None
    if operation == "touch":
        return store, touch_files(db)
    if operation == "close":
        store.close()
        return None, None
    raise ValueError(operation)


def serve(conn: Connection) -> None:
    """Run operations until ``("stop", None)``."""
    store: Store | None = None
    db = ""
    while True:
        operation, argument = conn.recv()
        if operation == "stop":
            break
        if operation == "open":
            db = argument
        try:
            store, result = _apply(store, db, operation, argument)
            conn.send(("ok", result))
        except Exception as error:  # reported to the test, which fails with it
            conn.send(("error", f"{type(error).__name__}: {error}"))
    if store is not None:
        store.close()
