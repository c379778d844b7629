"""Route settings written as CSV and read back: any valid table round-trips exactly (hypothesis),
formula-like text is neutralised for spreadsheets, the file goes through the app's output writer,
and every problem of a table is listed with its row and column (the window's editor shows them)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iotfin_gui.core.cashplan.routes import (
    WHOLE_RANGES,
    RouteSettings,
    read_routes_csv,
    route_problems,
    routes_csv_text,
    routes_from_text,
    table_problems,
    write_routes_csv,
)
from iotfin_gui.core.errors import InputError
from iotfin_gui.core.outputs import OutputError

#: Text as a person may type it into a cell: any letters, digits, punctuation and spaces
#: (quotes, commas, semicolons, formula signs, Chinese), without surrounding spaces.
CELL_TEXT = st.text(st.characters(categories=("L", "N", "P", "S", "Zs")), min_size=1,
                    max_size=12).map(str.strip).filter(bool)
ATM_ID = CELL_TEXT.filter(lambda text: ";" not in text and text != "*")
AMOUNT = st.floats(min_value=0, max_value=1e12, allow_nan=False)
POSITIVE = st.floats(min_value=1e-6, max_value=1e12, allow_nan=False)


def whole(column: str) -> st.SearchStrategy[int]:
    low, high = WHOLE_RANGES[column]
    return st.integers(low, high)


@st.composite
def route_tables(draw: st.DrawFn) -> list[RouteSettings]:
    names = draw(st.lists(CELL_TEXT, min_size=1, max_size=4, unique=True))
    atms = iter(draw(st.lists(ATM_ID, min_size=len(names) * 3, max_size=len(names) * 3,
                              unique=True)))
    catch_all = draw(st.integers(-1, len(names) - 1))
    routes = []
    for index, name in enumerate(names):
        own = tuple(next(atms) for _ in range(draw(st.integers(1, 3))))
        denomination, notes = draw(POSITIVE), draw(whole("notes_per_bundle"))
        capacity = draw(st.none() | POSITIVE)  # at least one bundle: a smaller one is refused
        capacity = None if capacity is None else max(capacity, denomination * notes)
        routes.append(RouteSettings(
            route=name, atms=() if index == catch_all else own,
            visit_days=tuple(sorted(draw(st.sets(st.integers(0, 6), min_size=1)))),
            cit_holidays=tuple(d.isoformat() for d in draw(st.lists(
                st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)), max_size=3))),
            lead_days=draw(whole("lead_days")),
            capacity=capacity, denomination=denomination,
            notes_per_bundle=notes, visit_cost=draw(AMOUNT),
            surcharge=draw(AMOUNT), idle_rate=draw(st.floats(0, 1)),
            stockout_penalty=draw(AMOUNT), max_interval=draw(whole("max_interval"))))
    return routes


@settings(max_examples=150, deadline=None)
@given(route_tables())
def test_any_valid_route_table_reads_back_equal(routes) -> None:
    assert table_problems(routes) == []
    assert routes_from_text(routes_csv_text(routes)) == routes


@pytest.mark.parametrize("name", ["=SUM(A1)", "+1", "-x", "@cmd", "＝1", "'quoted", "''twice"])
def test_formula_like_names_are_neutralised_and_read_back(name) -> None:
    text = routes_csv_text([RouteSettings(route=name)])
    cell = text.splitlines()[1].split(",")[0]
    assert cell.startswith("'") and cell[1:] == name
    assert routes_from_text(text)[0].route == name


def test_an_atm_id_the_list_cannot_hold_is_named() -> None:
    with pytest.raises(InputError) as caught:
        routes_csv_text([RouteSettings(route="a", atms=("A;B",))])
    assert (caught.value.row, caught.value.column) == (1, "atms")


def test_export_goes_through_the_output_writer(tmp_path) -> None:
    routes = [RouteSettings(route="north", atms=("ATM-1",), capacity=400_000.0),
              RouteSettings(route="rest", idle_rate=0.07)]
    path = write_routes_csv(routes, tmp_path / "routes.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert read_routes_csv(path) == routes
    with pytest.raises(OutputError):
        write_routes_csv(routes, path)
    write_routes_csv(routes[:1], path, force=True)
    assert read_routes_csv(path) == routes[:1]
    assert not [p for p in tmp_path.iterdir() if p.name != "routes.csv"]


def test_every_problem_of_a_table_is_listed_with_row_and_column() -> None:
    routes = [RouteSettings(route="north", atms=("A",), denomination=0.0, visit_days=()),
              RouteSettings(route="north", atms=("A",)),
              RouteSettings(route=" south ")]
    found = {(row, column) for row, column, _ in table_problems(routes)}
    assert found == {(1, "denomination"), (1, "visit_days"), (2, "route"), (2, "atms"),
                     (3, "route")}
    assert [c for c, _ in route_problems(RouteSettings(lead_days=15, max_interval=0))] == [
        "lead_days", "max_interval"]
    assert route_problems(RouteSettings(cit_holidays=("2026-02-30",)))[0][0] == "cit_holidays"


def test_a_bundle_larger_than_the_route_cassettes_is_named_where_it_is_read() -> None:
    problems = route_problems(RouteSettings(capacity=5_000.0))
    assert [column for column, _ in problems] == ["capacity"]
    assert "the cassettes hold 5,000" in problems[0][1]
    assert "one bundle of 10,000 (100 notes of 100)" in problems[0][1]
    assert route_problems(RouteSettings(capacity=10_000.0)) == []  # exactly one bundle fits
    with pytest.raises(InputError) as caught:
        routes_from_text("route,capacity,denomination,notes_per_bundle\n"
                         "north,20000,50,100\nsouth,4000,50,100\n")
    assert (caught.value.row, caught.value.column) == (2, "capacity")
    assert "less than one bundle of 5,000 (100 notes of 50)" in str(caught.value)

