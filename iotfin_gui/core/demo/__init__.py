"""The embedded demo: a deterministic ATM-fleet simulator and the job that loads it into a store.

``simulate_fleet(DemoConfig())`` returns plain DataFrames (registry, daily withdrawals, hourly
telemetry, fault/recovery/replenishment events, credit applications); ``load_demo`` writes them as
datasets marked ``is_demo`` in one transaction.
"""

from iotfin_gui.core.demo.fleet import DemoConfig, DemoFleet, simulate_fleet
from iotfin_gui.core.demo.loader import DEMO_DATASETS, load_demo, load_demo_job

__all__ = ["DEMO_DATASETS", "DemoConfig", "DemoFleet", "load_demo", "load_demo_job",
           "simulate_fleet"]
