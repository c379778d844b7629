"""The cash level is a column role (``cash_level``) the import states: guessed from English and
Chinese names by :func:`name_is_cash_level`, changed with ``--role`` or the import dialog, and
read by every screen through :func:`cash_column` (Fleet's sources too). A dataset imported
before the role existed keeps its ``cash...`` metric."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.fleet.cash_now import cash_column
from iotfin_gui.core.fleet.sources import FleetSources, resolve_sources
from iotfin_gui.core.ingest import ColumnMapping, Mapping, import_file, preview
from iotfin_gui.core.ingest.roles import name_is_cash_level

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


def test_the_stated_role_wins_and_older_datasets_keep_their_cash_metric(store) -> None:
    stated = stored(store, "stated", {"cash_dispensed": "metric", "余额": "cash_level"})
    assert cash_column(stated) == "余额"
    older = stored(store, "older", {"cash_dispensed": "metric", "cash_level_end": "metric"})
    assert cash_column(older) == "cash_level_end"  # the name the import would now guess
    bare = stored(store, "bare", {"cash": "metric"})
    assert cash_column(bare) == "cash"
    unroled = store.write_dataset("unroled", pd.DataFrame({
        "atm": ["A"], "day": pd.to_datetime(["2026-01-01"]), "cash_level_end": [5.0]}),
        "withdrawals", roles={"atm": "device_id", "day": "timestamp"}, source="test")
    assert cash_column(unroled) == "cash_level_end"  # what the fixed names used to read
    demoted = stored(store, "demoted", {"钞箱余额": "metric", "amount": "amount"})
    assert cash_column(demoted) is None  # the user said it is no cash level


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
