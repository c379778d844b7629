"""Bundles and cassettes: a route whose bundle is larger than an ATM's cassettes is refused with
a message naming the route, the ATM, the bundle and the capacity (it once planned a fill of 0),
and no plan ever fills above the capacity or in part of a bundle (hypothesis over pairs)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iotfin_gui.core.cashplan import RouteSettings, atm_rules, make_plan
from iotfin_gui.core.cashplan.demand import DemandModel
from iotfin_gui.core.cashplan.inputs import capacity_problems
from iotfin_gui.core.errors import InputError

MONDAY = pd.Timestamp("2026-01-05")
DAYS = pd.date_range(MONDAY, periods=14, freq="D")
#: Note values a cash operation uses (in its unit: yuan, pounds or thousands of pounds).
NOTE_VALUES = (0.01, 0.02, 0.05, 1.0, 5.0, 10.0, 20.0, 50.0, 100.0)


def model(n: int = 2, demand: float = 10.0, seed: int = 0) -> DemandModel:
    rng = np.random.default_rng(seed)
    return DemandModel([f"A{i}" for i in range(n)], MONDAY, np.full((n, 28), demand),
                       np.full(n, demand), rng.normal(0, 0.3, (100, 28)), max_cycle=14)


def test_a_registry_capacity_below_one_bundle_names_route_atm_bundle_and_capacity() -> None:
    routes = [RouteSettings(route="north", atms=("A1",), denomination=50.0, notes_per_bundle=100),
              RouteSettings(route="rest")]
    capacity = {"A0": 250_000.0, "A1": 4_000.0, "A2": 8_000.0}
    with pytest.raises(InputError) as caught:
        atm_rules(routes, ["A0", "A1", "A2"], DAYS, capacity)
    text = str(caught.value)
    assert caught.value.column == "capacity"
    assert "route 'north': ATM 'A1' holds 4,000 in its cassettes" in text
    assert "one bundle of 5,000 (100 notes of 50)" in text
    found = capacity_problems(routes, ["A0", "A1", "A2"], capacity)
    assert [(row, column) for row, column, _ in found] == [(1, "capacity"), (2, "capacity")]
    assert "ATM 'A2' holds 8,000" in found[1][2] and "bundle of 10,000" in found[1][2]
    assert capacity_problems(routes, ["A0"], capacity) == []
    with pytest.raises(InputError, match="ATM 'A0' holds 7,500"):
        atm_rules([RouteSettings()], ["A0"], DAYS, 7_500.0)  # one number for every ATM


@settings(max_examples=80, deadline=None)
@given(note=st.sampled_from(NOTE_VALUES), notes=st.integers(1, 400),
       capacity=st.floats(0.01, 2_000.0), cash=st.floats(0, 2_000.0),
       demand=st.floats(0.5, 150.0), level=st.sampled_from((0.8, 0.9, 0.95, 0.99)),
       headroom=st.sampled_from((0.0, 0.5, 1.0)))
def test_no_plan_loads_beyond_the_capacity_or_in_part_of_a_bundle(
        note, notes, capacity, cash, demand, level, headroom) -> None:
    route = RouteSettings(denomination=note, notes_per_bundle=notes, lead_days=0)
    bundle = route.bundle
    demands = model(demand=demand)
    if bundle > capacity:
        with pytest.raises(InputError, match="less than one bundle"):
            make_plan(demands, [route], {"A0": cash, "A1": 0.0}, today=MONDAY, level=level,
                      capacity=capacity, headroom=headroom)
        return
    plan = make_plan(demands, [route], {"A0": cash, "A1": 0.0}, today=MONDAY, level=level,
                     capacity=capacity, headroom=headroom)
    assert len(plan) > 0
    tolerance = 1e-9 * max(capacity, 1.0)
    for column in ("fill_to", "expected_load"):
        amounts = plan[column].to_numpy(float)
        assert (amounts <= capacity + tolerance).all()
        assert (amounts >= 0).all()
        bundles = amounts / bundle
        assert np.allclose(bundles, np.round(bundles), rtol=0, atol=1e-6)
    assert (plan["fill_to"] >= bundle - tolerance).all()  # never a fill of 0
