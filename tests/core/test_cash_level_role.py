"""The cash level is a column role (``cash_level``) the import states: guessed from English and
Chinese names by :func:`name_is_cash_level`, changed with ``--role`` or the import dialog, and
read by every screen through :func:`cash_column` (Fleet's sources too); a column with the role
``metric`` is a metric. A store whose datasets were stored before the role existed gets it on
the ``cash...`` column they read as their cash level (store migration 6), all or nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.fleet.cash_now import cash_column
from iotfin_gui.core.fleet.sources import FleetSources, resolve_sources
from iotfin_gui.core.ingest import ColumnMapping, Mapping, import_file, preview
from iotfin_gui.core.ingest.roles import name_is_cash_level, unstated_cash_level

CASH_LEVELS = ["钞箱余额", "Cassette balance", "ATM余额", "余额", "cash_level_end", "CashLevel",
               "cash_level", "CASH_LEVEL", "cash left", "剩余现金", "库存现金", "现金余额(元)",
               "  balance  ", "closing_cash", "cassettes_remaining", "balance2"]
OTHERS = ["cash", "取款金额", "cash_withdrawn", "cassette_capacity", "钞箱容量", "max_cash_level",
          "cashier_count", "signal_level", "battery remaining", "电池剩余", "加钞", "amount",
          "", "   ", "🙂", "level", "end_date", "cash_in", "现金", "min balance"]


@pytest.mark.parametrize("name", CASH_LEVELS)
def test_names_of_a_cash_level(name: str) -> None:
    assert name_is_cash_level(name)


@pytest.mark.parametrize("name", OTHERS)
def test_names_that_are_not_a_cash_level(name: str) -> None:
    assert not name_is_cash_level(name)


@given(st.text(max_size=60))
def test_any_name_gets_an_answer_and_a_capacity_is_never_a_level(name: str) -> None:
    assert isinstance(name_is_cash_level(name), bool)
    assert not name_is_cash_level(f"{name} capacity")
    assert not name_is_cash_level(f"容量{name}")


@given(st.sampled_from(CASH_LEVELS), st.sampled_from(["", " ", "_", "-", "(", "：", "\t"]))
def test_punctuation_around_a_cash_level_name_keeps_it_one(name: str, mark: str) -> None:
    assert name_is_cash_level(f"{mark}{name}{mark}")


def daily_file(path: Path, cash: str, others: dict[str, str] | None = None) -> Path:
    """Three ATMs over 30 days: device, date, withdrawn amount and a cash column ``cash``."""
    others = others or {"withdrawn": "{amount}"}
    header = ["terminal", "date", *others, cash]
    rows = []
    for atm in range(3):
        for day, date in enumerate(pd.date_range("2026-01-01", periods=30)):
            values = {k: v.format(amount=100 + day, atm=atm) for k, v in others.items()}
            rows.append([f"T{atm}", f"{date:%Y-%m-%d}", *values.values(),
                         str(50_000 - 100 * day)])
    path.write_text("\n".join(",".join(f'"{c}"' for c in row) for row in [header, *rows]) + "\n",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("cash", ["钞箱余额", "Cassette balance", "ATM余额", "cash_level_end"])
def test_the_import_guesses_the_cash_level_of_a_daily_file(tmp_path: Path, store,
                                                          cash: str) -> None:
    path = daily_file(tmp_path / "daily.csv", cash)
    look = preview(path)
    assert look.kind == "withdrawals"
    assert look.mapping.roles() == {"terminal": "device_id", "date": "timestamp",
                                    "withdrawn": "amount", cash: "cash_level"}
    import_file(store, path, name="daily")
    info = store.dataset("daily")
    assert cash_column(info) == cash
    assert resolve_sources(store, FleetSources())["withdrawals"].columns["cash_end"] == cash


def test_daily_readings_of_a_cash_level_and_another_metric_stay_telemetry(tmp_path: Path
                                                                          ) -> None:
    path = daily_file(tmp_path / "snap.csv", "cash_level", {"temperature": "{amount}.5"})
    look = preview(path)
    assert look.kind == "telemetry"
    assert look.mapping.roles()["cash_level"] == "cash_level"
    assert look.mapping.roles()["temperature"] == "metric"


def test_a_registry_has_no_cash_level(tmp_path: Path) -> None:
    path = tmp_path / "registry.csv"
    path.write_text("device_id,branch,city,cassette_capacity,balance\n" +
                    "".join(f"A{i},B{i % 3},Beijing,200000,{i}000\n" for i in range(20)))
    look = preview(path)
    assert look.kind == "registry" and "cash_level" not in look.mapping.roles().values()


def test_only_one_column_is_the_cash_level() -> None:
    mapping = Mapping("withdrawals", (
        ColumnMapping("d", "d", "text", "device_id"),
        ColumnMapping("t", "t", "datetime", "timestamp", "%Y-%m-%d"),
        ColumnMapping("a", "a", "float", "cash_level"),
        ColumnMapping("b", "b", "float", "cash_level")))
    with pytest.raises(InputError, match="only one column can be the cash level") as error:
        mapping.check()
    assert error.value.column == "b"
    mapping.changed(roles={"b": "metric"}).check()


def stored(store, name: str, roles: dict[str, str]):
    frame = pd.DataFrame({"atm": ["A", "A"], "day": pd.to_datetime(["2026-01-01", "2026-01-02"]),
                          **{c: [1.0, 2.0] for c in roles if c not in ("atm", "day")}})
    store.write_dataset(name, frame, "withdrawals",
                        roles={"atm": "device_id", "day": "timestamp", **roles}, source="test")
    return store.dataset(name)


def test_the_stated_role_is_the_cash_level_and_a_metric_is_a_metric(store) -> None:
    stated = stored(store, "stated", {"cash_dispensed": "metric", "余额": "cash_level"})
    assert cash_column(stated) == "余额"
    metric = stored(store, "metric", {"cash_dispensed": "metric", "cash_level_end": "metric"})
    assert cash_column(metric) is None  # the user said it is no cash level
    unroled = stored(store, "unroled", {"cash_level_end": "amount"})
    assert cash_column(unroled) is None


def test_a_column_set_to_metric_plans_from_no_cash_level(tmp_path: Path, store) -> None:
    """``--role cash_level_end=metric`` (or Metric in the dialog): the plan says the dataset
    has no cash-level column, where it used to read the column anyway."""
    from iotfin_gui.core.cashplan.jobs import plan_cash_now

    path = daily_file(tmp_path / "daily.csv", "cash_level_end")
    mapping = preview(path).mapping.changed(roles={"cash_level_end": "metric"})
    import_file(store, path, name="daily", mapping=mapping)
    info = store.dataset("daily")
    assert info.roles["cash_level_end"] == "metric" and cash_column(info) is None
    with pytest.raises(InputError, match="daily has no cash-level column"):
        plan_cash_now(store, info, {"id_col": "terminal", "time_col": "date"}, ["T0"])


# --- datasets stored before the role: store migration 6 ---------------------------------------

#: Datasets as a store kept them before the role ``cash_level``: their roles, and the cash
#: level the fallback of cash_column read then (``None``: none).
OLD_DATASETS: dict[str, tuple[str, dict[str, str | None], str | None]] = {
    "older": ("withdrawals", {"cash_dispensed": "metric", "cash_level_end": "metric"},
              "cash_level_end"),
    "bare": ("withdrawals", {"cash": "metric"}, "cash"),
    "unroled": ("withdrawals", {"cash_level_end": None}, "cash_level_end"),
    "first": ("telemetry", {"cash_in": "metric", "cash_out": "metric"}, "cash_in"),
    "stated": ("withdrawals", {"cash_level_end": "metric", "余额": "cash_level"}, "余额"),
    "chinese": ("withdrawals", {"钞箱余额": "metric", "amount": "amount"}, None),
    "other role": ("withdrawals", {"cash_level_end": "amount"}, None),
    "registry": ("registry", {"cash_balance": None}, None),
    "gone": ("withdrawals", {"cash_level_end": "metric"}, "cash_level_end"),
}


def old_store(path: Path) -> dict[int, str]:
    """A store shaped as one of schema 5 (before the role ``cash_level`` had a migration):
    :data:`OLD_DATASETS` with a text ``cash_note`` each, ``gone`` in the trash. Returns each
    dataset's roles and data hash as stored, by id."""
    from iotfin_gui.core import trash
    from iotfin_gui.core.store import Store

    with Store.open(path) as store:
        for name, (kind, roles, _) in OLD_DATASETS.items():
            frame = pd.DataFrame({"atm": ["A", "B"], "day": pd.to_datetime(
                ["2026-01-01", "2026-01-02"]), "cash_note": ["full", "low"],
                **{c: [1.0, 2.0] for c in roles}})
            store.write_dataset(name, frame, kind, source="test", roles={
                "atm": "device_id", **({} if kind == "registry" else {"day": "timestamp"}),
                **{c: r for c, r in roles.items() if r}})
        trash.trash_dataset(store, "gone")
        before = dict(store.conn.execute("SELECT id, roles || data_hash FROM datasets"))
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 5")
    return before


def test_a_store_from_before_the_role_states_it_and_reads_the_same_cash_levels(
        tmp_path: Path) -> None:
    from iotfin_gui.core import backups, trash
    from iotfin_gui.core.schema import SCHEMA_VERSION
    from iotfin_gui.core.store import Store

    path = tmp_path / "old.sqlite"
    before = old_store(path)
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        trash.restore(store, trash.entries(store)[0].id)
        for name, (_, roles, cash) in OLD_DATASETS.items():
            info = store.dataset(name)
            assert cash_column(info) == cash, name
            stated = {c: r for c, r in roles.items() if r}
            if cash is not None and roles[cash] != "cash_level":
                stated[cash] = "cash_level"
            assert {c: r for c, r in info.roles.items() if c not in ("atm", "day")} == stated
            assert info.data_hash == before[info.id][-64:]
        [(detail,)] = store.conn.execute(
            "SELECT detail FROM audit_log WHERE action = 'store.cash_level'").fetchall()
        assert json.loads(detail) == {"datasets": 5, "profiles": 0}
        made = next(b for b in backups.list_backups(path) if b.reason == "migrate")
    with sqlite3.connect(made.path) as copy:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 5
    with Store.open(path) as store:  # once only
        assert len(store.audit_log().query("action == 'store.cash_level'")) == 1


def test_a_saved_import_profile_from_before_the_role_imports_the_cash_level_as_before(
        tmp_path: Path) -> None:
    from iotfin_gui.core.ingest import load_profile, profile_options, save_profile
    from iotfin_gui.core.store import Store

    source = tmp_path / "atm_day.csv"
    source.write_text("atm,day,cash_level_end,withdrawn\nA,2026-01-01,900,100\n")
    look = preview(source)
    old = look.mapping.changed(kind="withdrawals", roles={"cash_level_end": "metric"})
    path = tmp_path / "old.sqlite"
    with Store.open(path) as store:
        save_profile(store, "daily", mapping=old, source=look.source)
        save_profile(store, "registry", mapping=old.changed(kind="registry"), source=look.source)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 5")
    with Store.open(path) as store:
        roles = {c["name"]: c["role"] for c in load_profile(store, "daily")["mapping"]["columns"]}
        assert roles["cash_level_end"] == "cash_level"
        assert "cash_level" not in {
            c["role"] for c in load_profile(store, "registry")["mapping"]["columns"]}
        result = import_file(store, source, **profile_options(load_profile(store, "daily")))
        assert cash_column(store.dataset(result.dataset)) == "cash_level_end"
        [(detail,)] = store.conn.execute(
            "SELECT detail FROM audit_log WHERE action = 'store.cash_level'").fetchall()
        assert json.loads(detail) == {"datasets": 0, "profiles": 1}


def test_a_migration_that_fails_leaves_the_roles_as_they_were(tmp_path: Path,
                                                              monkeypatch) -> None:
    from iotfin_gui.core import store_migration
    from iotfin_gui.core.store import Store

    path = tmp_path / "old.sqlite"
    before = old_store(path)
    real = store_migration.unstated_cash_level
    calls = {"n": 0}

    def guess_then_fail(*args):
        calls["n"] += 1
        if calls["n"] == 4:
            raise OSError("disk full")
        return real(*args)

    monkeypatch.setattr(store_migration, "unstated_cash_level", guess_then_fail)
    with pytest.raises(OSError, match="disk full"):
        Store.open(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 5
        assert dict(conn.execute("SELECT id, roles || data_hash FROM datasets")) == before
    monkeypatch.setattr(store_migration, "unstated_cash_level", real)
    with Store.open(path) as store:
        assert cash_column(store.dataset("older")) == "cash_level_end"


names = st.text(max_size=12) | st.sampled_from(["cash", "cash_level_end", "Cash", "余额"])


@given(st.lists(st.tuples(names, st.sampled_from(["float", "integer", "text"]),
                          st.sampled_from([None, "metric", "amount", "cash_level"])),
                max_size=6, unique_by=lambda c: c[0]),
       st.sampled_from(["withdrawals", "telemetry", "table", "registry"]))
def test_the_migration_picks_a_numeric_cash_metric_or_nothing(columns, kind) -> None:
    roles = {name: role for name, _, role in columns if role}
    picked = unstated_cash_level(kind, [(n, t) for n, t, _ in columns], roles)
    if picked is None:
        return
    assert kind != "registry" and "cash_level" not in roles.values()
    name, logical, role = next(c for c in columns if c[0] == picked)
    assert logical in ("float", "integer") and role in (None, "metric")
    assert name.lower().startswith("cash")


def test_an_atms_history_names_the_telemetry_cash_level_whatever_the_bank_called_it(
        tmp_path: Path, store) -> None:
    """The Fleet history draws the cash level in its cash plot and the other telemetry as
    lines; a cash column named 钞箱余额 comes as ``cash_level``, not as one more line."""
    from iotfin_gui.core.fleet.history import device_history

    path = daily_file(tmp_path / "snap.csv", "钞箱余额", {"temperature": "{amount}.5"})
    import_file(store, path, name="snap")
    assert store.dataset("snap").kind == "telemetry"
    history = device_history(store, "T1")
    assert set(history["telemetry"].columns) == {"time", "cash_level", "temperature"}
    assert history["telemetry"]["cash_level"].iloc[-1] == 47_100.0
    assert history["cash"]["cash"].iloc[-1] == 47_100.0
