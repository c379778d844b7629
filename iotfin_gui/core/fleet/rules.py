"""The fleet status rules: what makes an ATM offline, faulty or low on cash, and in which order.

:class:`FleetRules` is a frozen, validated dataclass with the defaults below. It is stored in the
store as the JSON setting ``fleet.rules`` (:func:`load_rules`, :func:`save_rules`) and explains
itself for the UI (:meth:`FleetRules.describe`). Bad values raise :class:`RulesError` with a
message the analyst can act on.

Demand for the ``low_cash_days`` rule is estimated without a forecast model: the mean of the
ATM's daily withdrawals over the ``demand_window_days`` complete days before the check time.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

import pandas as pd

from iotfin_gui.core.errors import UserFacingError, user_message
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message
from iotfin_gui.core.store import Store

#: Statuses, in the default order of precedence; ``ok`` is what remains. ``cash_out`` is the
#: low-cash status of an ATM whose cash now is zero (it takes low cash's place in precedence).
STATUSES = ("offline", "fault", "cash_out", "low_cash", "ok")
FLAGGED = ("offline", "fault", "low_cash")
#: How each status reads on screen (the keys above are what tables and JSON hold).
STATUS_LABELS: dict[str, Message] = {
    "offline": QT_TRANSLATE_NOOP("Core", "Offline"),
    "fault": QT_TRANSLATE_NOOP("Core", "Fault"),
    "cash_out": QT_TRANSLATE_NOOP("Core", "Cash out"),
    "low_cash": QT_TRANSLATE_NOOP("Core", "Low cash"),
    "ok": QT_TRANSLATE_NOOP("Core", "OK (online)"),
}
RULES_SETTING = "fleet.rules"


class RulesError(UserFacingError):
    """The fleet rules hold a value that cannot be used."""


@dataclass(frozen=True)
class FleetRules:
    """How the status of each ATM is derived at a check time ``t`` (UTC).

    * offline: no sign of life (a telemetry row; with a heartbeat column, a row whose heartbeat
      is above zero) for more than ``offline_after_minutes`` before ``t``;
    * fault: a fault event at or before ``t`` with no later recovery of the same component at or
      before ``t``; components in ``ignore_components`` never make a fault;
    * low_cash: the last cash level known at ``t`` is zero (status ``cash_out``) or below any
      enabled threshold: the absolute
      ``low_cash_amount``, ``low_cash_pct`` % of the cassette capacity, or ``low_cash_days`` days
      of expected demand (mean daily withdrawals over ``demand_window_days`` days); ``None``
      disables a threshold;
    * ``precedence`` orders the three flags for the single status; all flags are kept.

    Telemetry and cash readings older than ``lookback_days`` before ``t`` are not used.
    """

    offline_after_minutes: float = 120.0
    ignore_components: tuple[str, ...] = ()
    low_cash_amount: float | None = None
    low_cash_pct: float | None = 15.0
    low_cash_days: float | None = 1.0
    demand_window_days: int = 14
    lookback_days: float = 2.0
    precedence: tuple[str, ...] = FLAGGED

    def __post_init__(self) -> None:
        object.__setattr__(self, "ignore_components", _texts(
            self.ignore_components, QT_TRANSLATE_NOOP("Core", "The components to ignore")))
        object.__setattr__(self, "precedence", _texts(
            self.precedence, QT_TRANSLATE_NOOP("Core", "The precedence")))
        _positive(self.offline_after_minutes,
                  QT_TRANSLATE_NOOP("Core", "The offline limit (minutes)"))
        if self.low_cash_amount is not None:
            _positive(self.low_cash_amount, QT_TRANSLATE_NOOP("Core", "The low-cash amount"),
                      allow_zero=True)
        if self.low_cash_days is not None:
            _positive(self.low_cash_days,
                      QT_TRANSLATE_NOOP("Core", "The low-cash days of demand"))
        if self.low_cash_pct is not None:
            _positive(self.low_cash_pct, QT_TRANSLATE_NOOP("Core", "The low-cash percentage"))
            if self.low_cash_pct > 100:
                raise RulesError(QT_TRANSLATE_NOOP(
                    "Core", "The low-cash percentage must be at most 100, not {value!r}").format(
                        value=self.low_cash_pct))
        window = self.demand_window_days
        if isinstance(window, bool) or not isinstance(window, int) or not 1 <= window <= 366:
            raise RulesError(QT_TRANSLATE_NOOP(
                "Core", "The demand window must be a whole number of days from 1 to 366, not "
                "{value!r}").format(value=window))
        _positive(self.lookback_days, QT_TRANSLATE_NOOP("Core", "The look-back (days)"))
        if self.lookback_days * 1440 <= self.offline_after_minutes:
            raise RulesError(QT_TRANSLATE_NOOP("Core", "The look-back must be longer than the "
                                               "offline limit"))
        if sorted(self.precedence) != sorted(FLAGGED):
            raise RulesError(QT_TRANSLATE_NOOP(
                "Core", "The precedence must order exactly {statuses}, not {given}").format(
                    statuses=", ".join(FLAGGED),
                    given=", ".join(self.precedence) or QT_TRANSLATE_NOOP("Core", "nothing")))

    def status_order(self) -> tuple[str, ...]:
        """Every status in precedence, ``cash_out`` just before ``low_cash``, ``ok`` last."""
        order: list[str] = []
        for name in self.precedence:
            order.extend(("cash_out", name) if name == "low_cash" else (name,))
        return (*order, "ok")

    @property
    def lookback(self) -> pd.Timedelta:
        """How far back telemetry and cash readings are used, as a Timedelta."""
        return pd.Timedelta(days=self.lookback_days)

    @property
    def offline_after(self) -> pd.Timedelta:
        """The offline limit as a Timedelta."""
        return pd.Timedelta(minutes=self.offline_after_minutes)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict (tuples become lists); :meth:`from_dict` reads it back."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FleetRules:
        """Rules from a dict such as :meth:`to_dict` returns; missing keys take the defaults."""
        if not isinstance(data, Mapping):
            raise RulesError(QT_TRANSLATE_NOOP("Core", "The fleet rules must be a mapping of "
                                               "rule names to values"))
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise RulesError(QT_TRANSLATE_NOOP(
                "Core", "Unknown fleet rule(s): {unknown}; known: {known}").format(
                    unknown=", ".join(map(str, unknown)), known=", ".join(sorted(known))))
        return cls(**dict(data))

    def describe(self) -> list[dict[str, str]]:
        """One entry per status (``status``, ``rule``: a sentence for the UI), in precedence."""
        thresholds: list[str] = []
        if self.low_cash_amount is not None:
            thresholds.append(f"{self.low_cash_amount:,.0f}")
        if self.low_cash_pct is not None:
            thresholds.append(QT_TRANSLATE_NOOP("Core", "{percent:g}% of the cassette capacity")
                              .format(percent=self.low_cash_pct))
        if self.low_cash_days is not None:
            thresholds.append(QT_TRANSLATE_NOOP(
                "Core", "{days:g} day(s) of expected demand (mean daily withdrawals of the last "
                "{window} complete days)").format(days=self.low_cash_days,
                                                  window=self.demand_window_days))
        text = {
            "offline": QT_TRANSLATE_NOOP(
                "Core", "Offline when the ATM sent no telemetry (heartbeat) for more than "
                "{duration} before the check time.").format(
                    duration=_duration(self.offline_after_minutes)),
            "fault": QT_TRANSLATE_NOOP(
                "Core", "Fault while a fault event (ignoring {components}) has no later recovery "
                "of the same component.").format(components=", ".join(self.ignore_components))
            if self.ignore_components else QT_TRANSLATE_NOOP(
                "Core", "Fault while a fault event has no later recovery of the same "
                "component."),
            "low_cash": QT_TRANSLATE_NOOP(
                "Core", "Low cash when the last known cash level is below {thresholds}.").format(
                    thresholds=chained(thresholds, QT_TRANSLATE_NOOP("Core", "{first} or "
                                                                      "{second}")))
            if thresholds else QT_TRANSLATE_NOOP("Core", "Low cash is not checked (no threshold "
                                                 "set)."),
        }
        order = chained([STATUS_LABELS[s] for s in self.precedence],
                         QT_TRANSLATE_NOOP("Core", "{first}, then {second}"))
        text["cash_out"] = QT_TRANSLATE_NOOP(
            "Core", "Cash out when the last known cash level is 0 (whatever the thresholds).")
        entries = [{"status": s, "rule": text[s]} for s in self.status_order()[:-1]]
        entries.append({"status": "ok", "rule": QT_TRANSLATE_NOOP(
            "Core", "OK when none of the above holds. When several hold, the status is the first "
            "of: {order}; all are listed as reasons. Readings older than {days:g} days are not "
            "used.").format(order=order, days=self.lookback_days)})
        return entries


def load_rules(store: Store) -> FleetRules:
    """The rules saved in the store, or the defaults when none are saved."""
    saved = store.setting(RULES_SETTING)
    if saved is None:
        return FleetRules()
    try:
        return FleetRules.from_dict(saved)
    except (RulesError, TypeError) as error:
        reason = user_message(error) if isinstance(error, RulesError) else str(error)
        raise RulesError(QT_TRANSLATE_NOOP(
            "Core", "The fleet rules saved in the store are invalid ({reason}); save new rules "
            "to replace them.").format(reason=reason)) from error


def save_rules(store: Store, rules: FleetRules | Mapping[str, Any]) -> FleetRules:
    """Validate and save the rules (a :class:`FleetRules` or its dict); returns them."""
    if not isinstance(rules, FleetRules):
        rules = FleetRules.from_dict(rules)
    with store.atomic():
        store.set_setting(RULES_SETTING, rules.to_dict())
        store.audit("fleet.rules", **rules.to_dict())
    return rules


def _texts(values: Any, what: Message) -> tuple[str, ...]:
    if isinstance(values, str) or not all(isinstance(v, str) for v in values):
        raise RulesError(QT_TRANSLATE_NOOP("Core", "{what} must be a list of names, not "
                                           "{value!r}").format(what=what, value=values))
    return tuple(values)


def _positive(value: Any, what: Message, *, allow_zero: bool = False) -> None:
    ok = (isinstance(value, (int, float)) and not isinstance(value, bool)
          and math.isfinite(value) and (value > 0 or (allow_zero and value == 0)))
    if not ok:
        raise RulesError(QT_TRANSLATE_NOOP("Core", "{what} must be a positive number, not "
                                           "{value!r}").format(what=what, value=value))


def _duration(minutes: float) -> Message:
    if minutes == 60:
        return QT_TRANSLATE_NOOP("Core", "1 hour")
    if minutes % 60 == 0:
        return QT_TRANSLATE_NOOP("Core", "{hours} hours").format(hours=int(minutes // 60))
    return QT_TRANSLATE_NOOP("Core", "{minutes:g} minutes").format(minutes=minutes)


def chained(parts: Sequence[str], pair: Message) -> str:
    """``parts`` linked two by two with ``pair`` (e.g. "{first} or {second}"), translatably."""
    result = parts[0]
    for part in parts[1:]:
        result = pair.format(first=result, second=part)
    return result
