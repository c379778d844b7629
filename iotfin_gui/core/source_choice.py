"""Which datasets a panel reads: the analyst's explicit choice, kept in the store's settings.

A panel reads one dataset per *slot* (Fleet: telemetry, events, withdrawals; Forecast: the
withdrawals dataset). The first time a slot is needed it is pinned to what is there (own data
preferred over the demo, the newest first); from then on only the analyst changes it. A dataset
imported later is never used silently: :func:`offers` lists, per slot, the newest dataset that
appeared since the choice was made, for a notice that offers to switch, until the analyst takes
or dismisses it (:func:`remember`). A pinned dataset that was deleted is replaced by what is
there, with a note that says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from iotfin_gui.core.errors import NotFoundError
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message
from iotfin_gui.core.store import DatasetInfo, Store

#: The value of a slot the analyst chose to leave unused.
UNUSED = ""


@dataclass(frozen=True)
class Offer:
    """A dataset the analyst has not seen yet that could replace ``current`` in ``slot``."""

    slot: str
    dataset: str
    current: str | None


def automatic(pool: Mapping[str, list[DatasetInfo]]) -> dict[str, DatasetInfo | None]:
    """The datasets the slots start with: the newest of each slot, taken from the analyst's
    own data when any slot has some (own and demo data are never mixed), else from the demo."""
    has_own = any(not d.is_demo for datasets in pool.values() for d in datasets)
    chosen: dict[str, DatasetInfo | None] = {}
    for slot, datasets in pool.items():
        usable = [d for d in datasets if not d.is_demo] if has_own else list(datasets)
        chosen[slot] = max(usable, key=lambda d: (d.created_at, d.id)) if usable else None
    return chosen


def known_key(owner: str) -> str:
    """The setting that lists the datasets ``owner`` has already shown or offered."""
    return f"{owner}.sources.known"


def known(store: Store, owner: str) -> set[str]:
    return set(store.setting(known_key(owner), []) or [])


def remember(store: Store, owner: str, names: Iterable[str]) -> None:
    """Mark datasets as seen by ``owner``: they are no longer offered."""
    seen = known(store, owner) | {str(n) for n in names}
    store.set_setting(known_key(owner), sorted(seen))


def pin(
    store: Store,
    owner: str,
    chosen: Mapping[str, str | None],
    candidates: Callable[[str], list[DatasetInfo]],
) -> tuple[dict[str, str | None], list[Message]]:
    """The slots with every automatic (``None``) or vanished choice pinned to a dataset.

    ``candidates(slot)`` lists the datasets that may fill a slot. Returns the pinned choice
    and notes about the vanished datasets that were replaced. On the first pin, every dataset
    present counts as seen, so only later imports are offered."""
    pool = {slot: candidates(slot) for slot in chosen}
    names = {d.name for d in store.datasets()}
    pinned: dict[str, str | None] = {}
    notes: list[Message] = []
    filled: list[str] = []
    start = automatic(pool)
    for slot, name in chosen.items():
        if name == UNUSED or (name is not None and name in names):
            pinned[slot] = name
            continue
        choice = start[slot]
        pinned[slot] = choice.name if choice is not None else None
        if choice is not None:
            filled.append(choice.name)
        if name is not None:
            notes.append(QT_TRANSLATE_NOOP(
                "Core", "The {slot} dataset {old!r} no longer exists; now using {new}.").format(
                    slot=slot, old=name,
                    new=repr(choice.name) if choice is not None else "none"))
    if store.setting(known_key(owner)) is None and any(pool.values()):
        filled += [d.name for datasets in pool.values() for d in datasets]
    if filled:
        remember(store, owner, filled)
    return pinned, notes


def offers(
    store: Store,
    owner: str,
    chosen: Mapping[str, str | None],
    candidates: Callable[[str], list[DatasetInfo]],
) -> list[Offer]:
    """Per slot, the newest dataset not chosen and not yet seen by ``owner``."""
    seen = known(store, owner)
    found = []
    for slot, current in chosen.items():
        fresh = [d for d in candidates(slot) if d.name not in seen and d.name != current]
        if fresh:
            newest = max(fresh, key=lambda d: (d.created_at, d.id))
            found.append(Offer(slot, newest.name, current or None))
    return found


def unseen(store: Store, owner: str, chosen: Mapping[str, str | None],
           candidates: Callable[[str], list[DatasetInfo]]) -> list[str]:
    """Every candidate dataset ``owner`` has not seen yet (to dismiss all offers at once)."""
    seen = known(store, owner)
    return sorted({d.name for slot in chosen for d in candidates(slot)} - seen)


# The Forecast panel's one slot: the withdrawals dataset it forecasts. -------------------------

FORECAST_OWNER = "forecast"
FORECAST_SETTING = "forecast.dataset"
FORECAST_SLOT = "withdrawals"


def forecast_candidates(store: Store) -> list[DatasetInfo]:
    """Datasets a forecast can read: an ATM, a time and an amount per row."""
    return [d for d in store.datasets()
            if d.column_for("timestamp") and d.column_for("amount") and d.column_for("device_id")]


def _withdrawals_first(store: Store) -> list[DatasetInfo]:
    """The candidates of kind withdrawals when there are any (they start and are offered),
    else every candidate."""
    usable = forecast_candidates(store)
    return [d for d in usable if d.kind == FORECAST_SLOT] or usable


def pin_forecast_dataset(store: Store) -> tuple[str | None, list[Message]]:
    """The saved forecast dataset, pinned on first use (see :func:`pin`), and notes."""
    saved = store.setting(FORECAST_SETTING)
    pinned, notes = pin(store, FORECAST_OWNER, {FORECAST_SLOT: saved},
                        lambda _slot: _withdrawals_first(store))
    name = pinned[FORECAST_SLOT]
    if name != saved:
        store.set_setting(FORECAST_SETTING, name)
    return name, notes


def choose_forecast_dataset(store: Store, name: str) -> None:
    """Save the analyst's choice of the dataset to forecast."""
    if name not in {d.name for d in forecast_candidates(store)}:
        raise NotFoundError(QT_TRANSLATE_NOOP(
            "Core", "There is no dataset {dataset!r} with an ATM, a time and an amount to "
            "forecast.").format(dataset=name))
    store.set_setting(FORECAST_SETTING, name)
    remember(store, FORECAST_OWNER, [name])


def forecast_offers(store: Store) -> list[Offer]:
    """A withdrawals dataset imported since the forecast's dataset was chosen."""
    return offers(store, FORECAST_OWNER, {FORECAST_SLOT: store.setting(FORECAST_SETTING)},
                  lambda _slot: _withdrawals_first(store))


def dismiss_forecast_offers(store: Store) -> None:
    remember(store, FORECAST_OWNER, [d.name for d in forecast_candidates(store)])
