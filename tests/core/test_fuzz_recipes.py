"""Recipe documents, fuzzed: any JSON, and documents built from the real step types with
hostile parameter values, either read as a recipe or raise a RecipeError; a recipe that reads
then runs on a small dataset or raises a UserFacingError, within the size limits."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iotfin_gui.core.demo import DemoConfig, load_demo
from iotfin_gui.core.errors import UserFacingError
from iotfin_gui.core.recipes import STEP_TYPES, Recipe, RecipeError, apply_recipe
from iotfin_gui.core.recipes.document import MAX_DEPTH
from iotfin_gui.core.store import Store

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20),
                    st.floats(allow_nan=False), st.text(max_size=12),
                    st.sampled_from(["amount", "device_id", "date", "sum", "daily", "mean",
                                     "2026-01-01", "hourly", "CN", "missing"]))
JSON = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=20)
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=5),
                   st.lists(st.integers(-3, 400), min_size=1, max_size=6, unique=True),
                   st.dictionaries(st.sampled_from(["amount", "x"]),
                                   st.sampled_from(["sum", "mean", "zz"]), max_size=2),
                   st.just([{"column": "amount", "op": ">", "value": 3}]))


@st.composite
def step_documents(draw) -> dict:
    kind = draw(st.sampled_from(sorted(STEP_TYPES)))
    names = [p.name for p in STEP_TYPES[kind].params] + ["bogus"]
    params = draw(st.dictionaries(st.sampled_from(names), VALUES, max_size=4))
    return {"type": kind, "params": params}


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory):
    with Store.open(tmp_path_factory.mktemp("fuzz_recipes") / "s.sqlite") as store:
        load_demo(store, DemoConfig(n_atms=2, days=40, telemetry_days=1, credit_rows=40))
        yield store


@settings(max_examples=100, deadline=None)
@given(JSON)
def test_any_json_reads_as_a_recipe_or_a_recipe_error(document) -> None:
    text = json.dumps({"name": "fuzz", "steps": document} if isinstance(document, list)
                      else document)
    try:
        Recipe.from_json(text)
    except RecipeError as error:
        assert str(error)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(step_documents(), min_size=1, max_size=3))
def test_built_recipes_read_and_run_or_say_why(small_store: Store, steps: list[dict]) -> None:
    try:
        recipe = Recipe.from_dict({"name": "fuzz", "steps": steps})
    except RecipeError as error:
        assert "steps[" in str(error) or "Step" in str(error)
        return
    try:
        prepared = apply_recipe(small_store, "demo_withdrawals", recipe)
    except UserFacingError as error:
        assert str(error)
        return
    assert len(prepared.frame.columns) <= 5_000


def test_a_wrong_type_names_its_json_path() -> None:
    with pytest.raises(RecipeError, match=r"at steps\[1\]\.params\.lags\[2\]"):
        Recipe.from_dict({"name": "x", "steps": [
            {"type": "filter_devices", "params": {"devices": ["a"]}},
            {"type": "lags", "params": {"columns": ["amount"], "lags": [1, 2, "x"]}}]})
    with pytest.raises(RecipeError, match=r"at steps\[0\]\.type"):
        Recipe.from_dict({"name": "x", "steps": [{"type": "nope"}]})


def test_depth_and_size_limits() -> None:
    deep = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    with pytest.raises(RecipeError, match="nests more than 32 levels"):
        Recipe.from_json(deep)
    with pytest.raises(RecipeError, match="too large"):
        Recipe.from_json(b" " * (4_000_001))
    quoted = json.dumps({"name": "[" * 100, "steps": []})
    assert Recipe.from_json(quoted).name == "[" * 100
