"""Route settings: CSV import with row/column messages, hostile input, store round trip, and
the per-ATM arrays the optimiser reads."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iotfin_gui.core.cashplan.inputs import atm_rules
from iotfin_gui.core.cashplan.routes import (
    RouteSettings,
    load_routes,
    parse_visit_days,
    read_routes_csv,
    routes_from_text,
    save_routes,
)
from iotfin_gui.core.errors import InputError

GOOD = """route,atms,visit_days,cit_holidays,lead_days,capacity,denomination,notes_per_bundle,\
visit_cost,surcharge,idle_rate,stockout_penalty,max_interval
north,ATM-1;ATM-2,Mon-Sat,2026-12-25;2026-12-26,2,"400,000",100,100,200,120,7%,5000,14
rest,*,"Mon,Wed,Fri",,1,,50,200,150,100,0.05,1000,
"""


def test_a_route_table_reads_into_settings() -> None:
    north, rest = routes_from_text(GOOD)
    assert north.atms == ("ATM-1", "ATM-2") and north.visit_days == (0, 1, 2, 3, 4, 5)
    assert north.cit_holidays == ("2026-12-25", "2026-12-26")
    assert (north.lead_days, north.capacity, north.bundle) == (2, 400_000.0, 10_000.0)
    assert north.idle_rate == pytest.approx(0.07) and north.max_interval == 14
    assert rest.atms == () and rest.visit_days == (0, 2, 4) and rest.capacity is None
    assert rest.bundle == 10_000.0 and rest.max_interval == RouteSettings().max_interval


@pytest.mark.parametrize(("text", "row", "column", "words"), [
    ("route,visit_days\nx,Mon-Fry\n", 1, "visit_days", "not a weekday"),
    ("route,lead_days\nx,1\ny,two\n", 2, "lead_days", "as a number"),
    ("route,lead_days\nx,1.5\n", 1, "lead_days", "whole number"),
    ("route,capacity\nx,-5\n", 1, "capacity", "positive"),
    ("route,idle_rate\nx,250%\n", 1, "idle_rate", "annual rate"),
    ("route,cit_holidays\nx,2026-13-01\n", 1, "cit_holidays", "as a date"),
    ("route\nx\nx\n", 2, "route", "appears twice"),
    ("route,atms\nx,\ny,*\n", 2, "atms", "both take every other ATM"),
    ("route,atms\nx,A;B\ny,B\n", 2, "atms", "'B' is on route 'x'"),
    ("route,colour\nx,red\n", None, "colour", "unknown column"),
    ("atms\nA\n", None, "route", "no 'route' column"),
    ("route\n", None, "route", "no routes"),
    ("route,lead_days\nx,1\ny,2,3\n", 2, None, "more than the header's 2"),
    ("route,lead_days,Lead_Days\nx,1,2\n", None, "lead_days", "appears twice"),
    ("route,,lead_days\nx,5,1\n", None, "", "unknown column"),
    ("", None, None, "readable CSV"),
])
def test_bad_cells_are_named_by_row_and_column(text, row, column, words) -> None:
    with pytest.raises(InputError) as caught:
        routes_from_text(text)
    assert (caught.value.row, caught.value.column) == (row, column)
    assert words in str(caught.value)


def test_a_table_saved_by_a_spreadsheet_reads_with_its_row_numbers() -> None:
    """Emptied rows saved as ``,,,``, unnamed empty columns, old Mac line ends, blank lines:
    skipped, and a bad row is still named by the row a spreadsheet shows below the header."""
    saved = "route,visit_days,lead_days,atms,\r,,,,\rnorth,Mon-Fri,2,A1,\r\rsouth,Tue,1,,\r,,,,\r"
    north, south = routes_from_text(saved)
    assert (north.route, north.lead_days, south.route, south.visit_days) == \
        ("north", 2, "south", (1,))
    bad_cell = saved.replace("Tue", "Tuesday-ish")
    two_catch_alls = saved.replace("A1", "")  # a rule of the table, not of one cell
    for text, column in ((bad_cell, "visit_days"), (two_catch_alls, "atms")):
        with pytest.raises(InputError) as caught:
            routes_from_text(text)
        assert (caught.value.row, caught.value.column) == (4, column)


def test_a_file_error_names_the_file(tmp_path) -> None:
    bad = tmp_path / "routes.csv"
    bad.write_bytes(b"route,visit_days\nx,Funday\n")
    with pytest.raises(InputError) as caught:
        read_routes_csv(bad)
    assert str(caught.value).startswith(f"file {bad}: row 1, column 'visit_days'")
    assert (caught.value.file, caught.value.row) == (str(bad), 1)
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes("route,atms\n北线,ATM-1\n".encode("gb18030"))
    assert read_routes_csv(gbk)[0].route == "北线"
    with pytest.raises(InputError, match="does not exist"):
        read_routes_csv(tmp_path / "missing.csv")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_any_text_reads_or_is_refused_clearly(text: str) -> None:
    try:
        routes = routes_from_text("route,visit_days,lead_days,idle_rate\n" + text)
    except InputError:
        return
    assert all(isinstance(r, RouteSettings) for r in routes)


def test_visit_days_accept_names_numbers_and_wrapping_ranges() -> None:
    assert parse_visit_days("mon-fri") == (0, 1, 2, 3, 4)
    assert parse_visit_days("1,3,5") == (0, 2, 4)
    assert parse_visit_days("Fri-Mon") == (0, 4, 5, 6)


def test_routes_are_kept_in_the_store(store) -> None:
    assert load_routes(store) == [RouteSettings()]
    routes = routes_from_text(GOOD)
    save_routes(store, routes)
    assert load_routes(store) == routes
    with pytest.raises(InputError, match="appears twice"):
        save_routes(store, [routes[0], routes[0]])
    assert load_routes(store) == routes  # a refused save changes nothing


def test_atm_rules_follow_routes_and_calendars() -> None:
    north, rest = routes_from_text(GOOD)
    dates = pd.date_range("2026-12-21", periods=7)  # Monday to Sunday
    rules = atm_rules([north, rest], ["ATM-1", "ATM-9"], dates, {"ATM-9": 250_000},
                      public_holidays=[dt.date(2026, 12, 25)])
    assert rules.allowed[0].tolist() == [True, True, True, True, False, False, False]
    assert rules.allowed[1].tolist() == [True, False, True, False, True, False, False]
    assert rules.visit_cost[0].tolist() == [200, 200, 200, 200, 320, 320, 320]
    assert rules.capacity.tolist() == [400_000, 250_000]
    assert rules.daily_rate[0] == pytest.approx(0.07 / 365)
    with pytest.raises(InputError, match="No cassette capacity for 1 ATM"):
        atm_rules([rest], ["ATM-9"], dates, None)
    with pytest.raises(InputError, match="on no route"):
        atm_rules([north], ["ATM-9"], dates, 1.0)
    assert np.array_equal(rules.lead_days, [2, 1])
