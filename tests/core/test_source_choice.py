"""The fleet's and the forecast's data sources: pinned on first use, never switched silently."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iotfin_gui.core import source_choice
from iotfin_gui.core.backups import duplicate
from iotfin_gui.core.errors import NotFoundError, UserFacingError
from iotfin_gui.core.fleet import fleet_status
from iotfin_gui.core.fleet.sources import (
    choose_source,
    dismiss_offers,
    load_sources,
    pin_sources,
    source_offers,
)
from iotfin_gui.core.store import Store

T0 = pd.Timestamp("2015-03-01 12:00")


@pytest.fixture
def both(demo_path, tmp_path):
    """A copy of the small demo, opened."""
    copy = tmp_path / "both.sqlite"
    duplicate(demo_path, copy)
    with Store.open(copy) as store:
        yield store


def _own_telemetry(store: Store, name: str = "pdm_telemetry") -> None:
    frame = pd.DataFrame({"machineID": [1, 2], "datetime": [T0, T0], "volt": [170.0, 160.0]})
    store.write_dataset(name, frame, "telemetry",
                        roles={"machineID": "device_id", "datetime": "timestamp"}, source="test")


def test_first_use_pins_the_demo_and_a_later_import_is_only_offered(both) -> None:
    sources, notes = pin_sources(both)
    assert (sources.telemetry, sources.events, sources.withdrawals) == (
        "demo_telemetry", "demo_events", "demo_withdrawals") and notes == []
    assert source_offers(both, sources) == []
    _own_telemetry(both)
    again, _ = pin_sources(both)
    assert again == sources, "an import must not change the pinned sources"
    assert fleet_status(both).sources["telemetry"] == "demo_telemetry"
    assert source_offers(both, again) == [
        source_choice.Offer("telemetry", "pdm_telemetry", "demo_telemetry")]
    dismiss_offers(both, again)
    assert source_offers(both, again) == []
    assert load_sources(both).telemetry == "demo_telemetry"


def test_choosing_a_source_is_saved_and_used(both) -> None:
    pin_sources(both)
    _own_telemetry(both)
    chosen = choose_source(both, "telemetry", "pdm_telemetry")
    assert load_sources(both) == chosen and source_offers(both, chosen) == []
    assert fleet_status(both).sources["telemetry"] == "pdm_telemetry"
    unused = choose_source(both, "events", None)
    assert unused.events == source_choice.UNUSED
    assert "events" not in fleet_status(both).sources
    with pytest.raises(NotFoundError, match="no telemetry dataset 'demo_events'"):
        choose_source(both, "telemetry", "demo_events")
    with pytest.raises(UserFacingError, match="Unknown fleet data kind 'cash'"):
        choose_source(both, "cash", "demo_events")


def test_a_deleted_choice_is_replaced_with_a_note(both) -> None:
    _own_telemetry(both, "mine")
    choose_source(both, "telemetry", "mine")
    both.delete_dataset("mine")
    sources, notes = pin_sources(both)
    assert sources.telemetry == "demo_telemetry"
    assert len(notes) == 1 and "'mine' no longer exists" in str(notes[0])


def test_an_empty_store_pins_nothing_and_the_demo_is_not_offered_later(store) -> None:
    sources, notes = pin_sources(store)
    assert sources.telemetry is None and notes == []
    assert store.setting(source_choice.known_key("fleet")) is None
    _own_telemetry(store)
    sources, _ = pin_sources(store)
    assert sources.telemetry == "pdm_telemetry" and source_offers(store, sources) == []


@settings(max_examples=30, deadline=None)
@given(st.dictionaries(st.sampled_from(["telemetry", "events", "withdrawals", "x"]),
                       st.one_of(st.none(), st.text(max_size=8))))
def test_hostile_saved_choices_never_raise_in_pinning(tmp_path_factory, saved) -> None:
    path = tmp_path_factory.mktemp("hostile") / "s.sqlite"
    with Store.open(path) as store:
        _own_telemetry(store)
        pinned, _ = source_choice.pin(
            store, "test", saved,
            lambda slot: [d for d in store.datasets() if d.kind == slot])
        assert set(pinned) == set(saved)
        names = {d.name for d in store.datasets()}
        assert all(v is None or v == "" or v in names for v in pinned.values())


def test_the_forecast_dataset_is_pinned_and_new_withdrawals_offered(both) -> None:
    name, _ = source_choice.pin_forecast_dataset(both)
    assert name == "demo_withdrawals" and source_choice.forecast_offers(both) == []
    frame = pd.DataFrame({"series_id": ["NN5-001"], "date": [T0], "value": [12.5]})
    both.write_dataset("nn5_withdrawals", frame, "withdrawals",
                       roles={"series_id": "device_id", "date": "timestamp", "value": "amount"},
                       source="test")
    assert source_choice.pin_forecast_dataset(both)[0] == "demo_withdrawals"
    assert [o.dataset for o in source_choice.forecast_offers(both)] == ["nn5_withdrawals"]
    source_choice.choose_forecast_dataset(both, "nn5_withdrawals")
    assert both.setting(source_choice.FORECAST_SETTING) == "nn5_withdrawals"
    assert source_choice.forecast_offers(both) == []
    with pytest.raises(NotFoundError, match="'demo_atm_registry' with an ATM, a time and an"):
        source_choice.choose_forecast_dataset(both, "demo_atm_registry")
