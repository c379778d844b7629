"""Fleet status core (no Qt): each ATM's status by explicit rules, as of any moment.

Statuses are ``offline``, ``fault``, ``low_cash`` and ``ok`` (:mod:`.rules`), derived from the
store's telemetry, events and withdrawals datasets (:mod:`.sources`) by a vectorised engine
(:mod:`.evaluate`). For the Fleet panel: :func:`fleet_status` (overview table and counts at an
"as of" time; reuse :func:`load_fleet` data while a slider moves), :func:`status_timeline`
(status bands per ATM), :func:`device_history` (one ATM's frames on a shared time axis) and the
job :func:`fleet_status_job`. Rules are saved with :func:`save_rules` and read with
:func:`load_rules`; :meth:`FleetRules.describe` explains them.
"""

from iotfin_gui.core.fleet.history import device_history
from iotfin_gui.core.fleet.rules import (
    STATUS_LABELS,
    STATUSES,
    FleetRules,
    RulesError,
    load_rules,
    save_rules,
)
from iotfin_gui.core.fleet.sources import (
    FleetData,
    FleetSources,
    load_sources,
    parse_time,
    save_sources,
)
from iotfin_gui.core.fleet.status import (
    FleetStatus,
    fleet_status,
    fleet_status_job,
    load_fleet,
    status_at,
)
from iotfin_gui.core.fleet.timeline import status_timeline

__all__ = [
    "STATUSES",
    "STATUS_LABELS",
    "FleetData",
    "FleetRules",
    "FleetSources",
    "FleetStatus",
    "RulesError",
    "device_history",
    "fleet_status",
    "fleet_status_job",
    "load_fleet",
    "load_rules",
    "load_sources",
    "parse_time",
    "save_rules",
    "save_sources",
    "status_at",
    "status_timeline",
]
