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
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

import pandas as pd

from iotfin_gui.core.errors import UserFacingError
from iotfin_gui.core.store import Store

#: Statuses, in the default order of precedence; ``ok`` is what remains.
STATUSES = ("offline", "fault", "low_cash", "ok")
FLAGGED = STATUSES[:-1]
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
    * low_cash: the last cash level known at ``t`` is below any enabled threshold: the absolute
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
        object.__setattr__(self, "ignore_components", _texts(self.ignore_components,
                                                             "ignore_components"))
        object.__setattr__(self, "precedence", _texts(self.precedence, "precedence"))
        _positive(self.offline_after_minutes, "the offline limit (minutes)")
        if self.low_cash_amount is not None:
            _positive(self.low_cash_amount, "the low-cash amount", allow_zero=True)
        if self.low_cash_days is not None:
            _positive(self.low_cash_days, "the low-cash days of demand")
        if self.low_cash_pct is not None:
            _positive(self.low_cash_pct, "the low-cash percentage")
            if self.low_cash_pct > 100:
                raise RulesError(f"the low-cash percentage must be at most 100, "
                                 f"not {self.low_cash_pct!r}")
        window = self.demand_window_days
        if isinstance(window, bool) or not isinstance(window, int) or not 1 <= window <= 366:
            raise RulesError(f"the demand window must be a whole number of days from 1 to 366, "
                             f"not {window!r}")
        _positive(self.lookback_days, "the look-back (days)")
        if self.lookback_days * 1440 <= self.offline_after_minutes:
            raise RulesError("the look-back must be longer than the offline limit")
        if sorted(self.precedence) != sorted(FLAGGED):
            raise RulesError(f"the precedence must order exactly {', '.join(FLAGGED)}, "
                             f"not {', '.join(self.precedence) or 'nothing'}")

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
            raise RulesError("the fleet rules must be a mapping of rule names to values")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise RulesError(f"unknown fleet rule(s): {', '.join(map(str, unknown))}; "
                             f"known: {', '.join(sorted(known))}")
        return cls(**dict(data))

    def describe(self) -> list[dict[str, str]]:
        """One entry per status (``status``, ``rule``: a sentence for the UI), in precedence."""
        ignored = (f" (ignoring {', '.join(self.ignore_components)})"
                   if self.ignore_components else "")
        thresholds = []
        if self.low_cash_amount is not None:
            thresholds.append(f"{self.low_cash_amount:,.0f}")
        if self.low_cash_pct is not None:
            thresholds.append(f"{self.low_cash_pct:g}% of the cassette capacity")
        if self.low_cash_days is not None:
            thresholds.append(
                f"{self.low_cash_days:g} day(s) of expected demand (mean daily withdrawals of "
                f"the last {self.demand_window_days} complete days)")
        low = ("Low cash when the last known cash level is below "
               + " or ".join(thresholds) + "." if thresholds
               else "Low cash is not checked (no threshold set).")
        text = {
            "offline": f"Offline when the ATM sent no telemetry (heartbeat) for more than "
                       f"{_duration(self.offline_after_minutes)} before the check time.",
            "fault": f"Fault while a fault event{ignored} has no later recovery of the same "
                     f"component.",
            "low_cash": low,
        }
        order = ", then ".join(self.precedence)
        entries = [{"status": s, "rule": text[s]} for s in self.precedence]
        entries.append({"status": "ok", "rule": f"OK when none of the above holds. When several "
                        f"hold, the status is the first of: {order}; all are listed as reasons. "
                        f"Readings older than {self.lookback_days:g} days are not used."})
        return entries


def load_rules(store: Store) -> FleetRules:
    """The rules saved in the store, or the defaults when none are saved."""
    saved = store.setting(RULES_SETTING)
    if saved is None:
        return FleetRules()
    try:
        return FleetRules.from_dict(saved)
    except (RulesError, TypeError) as error:
        raise RulesError(f"The fleet rules saved in the store are invalid ({error}); "
                         "save new rules to replace them.") from error


def save_rules(store: Store, rules: FleetRules | Mapping[str, Any]) -> FleetRules:
    """Validate and save the rules (a :class:`FleetRules` or its dict); returns them."""
    if not isinstance(rules, FleetRules):
        rules = FleetRules.from_dict(rules)
    with store.atomic():
        store.set_setting(RULES_SETTING, rules.to_dict())
        store.audit("fleet.rules", **rules.to_dict())
    return rules


def _texts(values: Any, what: str) -> tuple[str, ...]:
    if isinstance(values, str) or not all(isinstance(v, str) for v in values):
        raise RulesError(f"{what} must be a list of names, not {values!r}")
    return tuple(values)


def _positive(value: Any, what: str, *, allow_zero: bool = False) -> None:
    ok = (isinstance(value, (int, float)) and not isinstance(value, bool)
          and math.isfinite(value) and (value > 0 or (allow_zero and value == 0)))
    if not ok:
        raise RulesError(f"{what} must be a positive number, not {value!r}")


def _duration(minutes: float) -> str:
    if minutes % 60 == 0:
        hours = int(minutes // 60)
        return f"{hours} hour" + ("s" if hours != 1 else "")
    return f"{minutes:g} minutes"
