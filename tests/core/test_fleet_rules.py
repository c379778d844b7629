"""Fleet rules: defaults, validation with clear messages, the round trip through the store."""

from __future__ import annotations

import json

import pytest

from iotfin_gui.core.errors import UserFacingError
from iotfin_gui.core.fleet import FleetRules, RulesError, load_rules, save_rules
from iotfin_gui.core.fleet.rules import RULES_SETTING


def test_defaults_when_nothing_is_saved(store) -> None:
    assert load_rules(store) == FleetRules()


def test_rules_round_trip_through_the_store(store) -> None:
    rules = FleetRules(offline_after_minutes=90, ignore_components=("receipt_printer",),
                       low_cash_amount=20_000, low_cash_pct=None, low_cash_days=2.5,
                       demand_window_days=7, precedence=("fault", "offline", "low_cash"))
    save_rules(store, rules)
    assert load_rules(store) == rules
    assert json.loads(json.dumps(store.setting(RULES_SETTING))) == rules.to_dict()
    assert store.audit_log()["action"].iloc[0] == "fleet.rules"


def test_saving_a_dict_validates_it(store) -> None:
    saved = save_rules(store, {"offline_after_minutes": 30})
    assert saved.offline_after_minutes == 30 and load_rules(store) == saved
    with pytest.raises(RulesError, match="Unknown fleet rule"):
        save_rules(store, {"offline_minutes": 30})
    assert load_rules(store) == saved


@pytest.mark.parametrize(("changes", "message"), [
    ({"offline_after_minutes": 0}, "offline limit"),
    ({"offline_after_minutes": float("nan")}, "offline limit"),
    ({"offline_after_minutes": "2h"}, "offline limit"),
    ({"low_cash_pct": 150}, "at most 100"),
    ({"low_cash_pct": -5}, "percentage"),
    ({"low_cash_amount": -1}, "low-cash amount"),
    ({"low_cash_days": 0}, "days of demand"),
    ({"demand_window_days": 2.5}, "demand window"),
    ({"demand_window_days": True}, "demand window"),
    ({"lookback_days": 0.05}, "look-back must be longer"),
    ({"precedence": ("offline", "fault")}, "precedence must order"),
    ({"precedence": ("offline", "fault", "ok")}, "precedence must order"),
    ({"ignore_components": "network"}, "list of names"),
])
def test_invalid_rules_are_refused_with_a_clear_message(changes: dict, message: str) -> None:
    with pytest.raises(RulesError, match=message) as error:
        FleetRules(**changes)
    assert isinstance(error.value, UserFacingError)


def test_corrupt_saved_rules_are_reported(store) -> None:
    store.set_setting(RULES_SETTING, {"low_cash_pct": 500})
    with pytest.raises(RulesError, match="saved in the store are invalid"):
        load_rules(store)


def test_description_explains_each_rule_in_precedence_order() -> None:
    rules = FleetRules(precedence=("fault", "low_cash", "offline"), offline_after_minutes=45,
                       low_cash_amount=10_000, ignore_components=("receipt_printer",))
    described = rules.describe()
    assert [d["status"] for d in described] == ["fault", "cash_out", "low_cash", "offline", "ok"]
    text = {d["status"]: d["rule"] for d in described}
    assert "45 minutes" in text["offline"]
    assert "receipt_printer" in text["fault"]
    assert "10,000" in text["low_cash"] and "15% of the cassette capacity" in text["low_cash"]
    assert "Fault, then Low cash, then Offline" in text["ok"]
    disabled = FleetRules(low_cash_pct=None, low_cash_days=None).describe()
    assert "not checked" in disabled[3]["rule"]


def test_rules_statuses_and_errors_are_translatable_messages() -> None:
    from iotfin_gui.core.errors import user_message
    from iotfin_gui.core.fleet import STATUS_LABELS, STATUSES
    from iotfin_gui.core.messages import Message

    assert set(STATUS_LABELS) == set(STATUSES)
    for entry in FleetRules().describe():
        assert isinstance(entry["rule"], Message) and entry["rule"].context == "Core"
    with pytest.raises(RulesError) as raised:
        FleetRules(lookback_days=-1)
    message = user_message(raised.value)
    assert str(message) == "The look-back (days) must be a positive number, not -1"
    assert message.template == "{what} must be a positive number, not {value!r}"
    assert message.params["what"].template == "The look-back (days)"
