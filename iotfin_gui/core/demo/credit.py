"""Simulated retail credit applications for the risk models of the demo.

Default risk follows a logistic model of debt-to-income, credit history, employment, age,
term and existing loans, so a classifier has something real (and imperfect) to learn, with
about one default in five. Names and phone numbers are fake but look real, so the export
masking of personal data has something to mask.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红"
HISTORY = ("none", "good", "delayed", "defaulted_before")
PURPOSES = ("car", "home_improvement", "education", "business", "consumer", "medical")
HOUSING = ("own", "rent", "family")
CITIES = ("Shanghai", "Beijing", "Shenzhen", "Guangzhou", "Hangzhou", "Chengdu", "Wuhan",
          "Nanjing")


def simulate_credit_applications(rows: int, rng: np.random.Generator) -> pd.DataFrame:
    """``rows`` applications with a 0/1 ``defaulted`` label."""
    age = rng.integers(21, 68, rows)
    employment = np.minimum(rng.gamma(2.0, 3.0, rows), age - 18).round(1)
    income = np.round(np.exp(rng.normal(np.log(120_000), 0.5, rows)) / 100) * 100
    term = rng.choice((12, 24, 36, 48, 60), rows, p=(0.15, 0.3, 0.3, 0.15, 0.1))
    amount = np.round(income * rng.uniform(0.1, 1.2, rows) / 1000) * 1000
    history = rng.choice(HISTORY, rows, p=(0.2, 0.55, 0.18, 0.07))
    existing = rng.poisson(0.8, rows)
    housing = rng.choice(HOUSING, rows, p=(0.45, 0.4, 0.15))
    debt_to_income = amount / (income * term / 12)
    logit = (
        -2.2
        + 2.2 * debt_to_income
        + pd.Series(history).map(
            {"none": 0.3, "good": -0.6, "delayed": 0.9, "defaulted_before": 1.8}).to_numpy()
        - 0.06 * employment
        - 0.012 * (age - 40)
        + 0.012 * (term - 36)
        + 0.25 * existing
        + np.where(housing == "rent", 0.3, 0.0)
        + rng.normal(0, 0.6, rows)
    )
    defaulted = (rng.random(rows) < 1 / (1 + np.exp(-logit))).astype("int64")
    names = [
        SURNAMES[rng.integers(len(SURNAMES))]
        + "".join(GIVEN[i] for i in rng.integers(len(GIVEN), size=rng.integers(1, 3)))
        for _ in range(rows)
    ]
    phones = [f"1{rng.integers(30, 90)}{rng.integers(0, 10**8):08d}" for _ in range(rows)]
    return pd.DataFrame({
        "application_id": [f"APP-{i:06d}" for i in range(1, rows + 1)],
        "customer_name": names,
        "phone": phones,
        "age": age.astype("int64"),
        "city": rng.choice(CITIES, rows),
        "annual_income": income,
        "employment_years": employment,
        "loan_amount": amount,
        "term_months": term.astype("int64"),
        "purpose": rng.choice(PURPOSES, rows),
        "housing": housing,
        "credit_history": history,
        "existing_loans": existing.astype("int64"),
        "defaulted": defaulted,
    })
