"""Tiny synthetic datasets for the models tests (a plain module, imported by the tests)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def classification_frame(rows: int = 160, seed: int = 0) -> pd.DataFrame:
    """Two informative numbers, a noise number, a category with signal; ``bad`` is 0/1."""
    rng = np.random.default_rng(seed)
    x1, x2, noise = rng.normal(size=(3, rows))
    segment = rng.choice(["a", "b", "c"], rows)
    logit = 1.8 * x1 - 1.2 * x2 + np.where(segment == "c", 1.0, 0.0) - 1.0
    bad = (rng.random(rows) < 1 / (1 + np.exp(-logit))).astype("int64")
    return pd.DataFrame({"x1": x1, "x2": x2, "noise": noise, "segment": segment, "bad": bad})


def regression_frame(rows: int = 120, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x1, x2 = rng.normal(size=(2, rows))
    kind = rng.choice(["p", "q"], rows)
    amount = 100 + 20 * x1 - 10 * x2 + np.where(kind == "q", 15.0, 0.0) + rng.normal(0, 3, rows)
    return pd.DataFrame({"x1": x1, "x2": x2, "kind": kind, "amount": amount})


def device_frame(devices: int = 6, days: int = 20, seed: int = 2) -> pd.DataFrame:
    """Daily rows per device with a timestamp: for grouped and time-series CV."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({
        "device_id": np.repeat([f"ATM{i:02d}" for i in range(devices)], days),
        "date": np.tile(pd.date_range("2024-01-01", periods=days, freq="D"), devices),
    })
    frame["load"] = rng.normal(size=len(frame))
    frame["fault"] = (rng.random(len(frame)) < 1 / (1 + np.exp(-2 * frame["load"]))).astype(int)
    return frame


def fault_type_frame(rows: int = 240, seed: int = 4) -> pd.DataFrame:
    """Telemetry-like readings and a three-class ``fault_type`` they signal: overheating with
    high temperature, power faults with low voltage, ``none`` otherwise."""
    rng = np.random.default_rng(seed)
    temperature, voltage, vibration = rng.normal(size=(3, rows))
    site = rng.choice(["branch", "mall", "airport"], rows)
    heat = 2.0 * temperature + rng.normal(0, 0.7, rows)
    power = -2.0 * voltage + rng.normal(0, 0.7, rows)
    fault = np.where((heat > 1.0) & (heat >= power), "overheat",
                     np.where(power > 1.0, "power", "none"))
    return pd.DataFrame({"temperature": temperature, "voltage": voltage,
                         "vibration": vibration, "site": site, "fault_type": fault})
