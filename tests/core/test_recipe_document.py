"""Recipe documents: JSON round trip, strict reading of hostile files, versions in the store."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iotfin_gui.core.errors import UserFacingError
from iotfin_gui.core.recipes import (
    STEP_TYPES,
    Recipe,
    RecipeError,
    columns_of,
    export_recipe,
    import_recipe,
    list_recipes,
    load_recipe,
    make_recipe,
    run_recipe,
    save_recipe,
)
from iotfin_gui.core.store import Column, DatasetInfo

GOOD = make_recipe("daily", [
    ("resample", {"frequency": "daily", "aggregations": {"amount": "sum", "count": "sum"}}),
    ("lags", {"columns": ["amount"], "lags": [1, 7]}),
    ("calendar", {"features": ["day_of_week", "is_holiday"], "holidays": "CN"}),
    ("split", {"method": "time", "last_days": 14}),
    ("scale", {"columns": ["amount_lag1"], "method": "robust"}),
], note="daily cash features", author="tests", target="amount")


WITHDRAWALS = pd.DataFrame({
    "device_id": ["A", "A", "B", "B", "B"],
    "date": pd.to_datetime(["2026-01-01", "2026-01-02", "2026-01-01", "2026-01-03",
                            "2026-01-04"]),
    "amount": [1.0, None, 3.0, 4.0, 5.0], "count": [1, 2, 3, 4, 5],
    "note": ["x", None, "y", "z", "x"]})


def withdrawals_info(**roles: str) -> DatasetInfo:
    columns = (Column("device_id", "text"), Column("date", "datetime"),
               Column("amount", "float"), Column("count", "integer"), Column("note", "text"))
    return DatasetInfo(1, "w", "withdrawals", "ds_1", columns,
                       roles or {"device_id": "device_id", "date": "timestamp"}, 0, None, "t",
                       False, "")


def test_json_round_trip_is_readable_and_exact() -> None:
    text = GOOD.to_json()
    document = json.loads(text)
    assert document["format"] == "iotfin-recipe" and document["steps"][1]["type"] == "lags"
    assert "\n  " in text  # indented for people
    assert Recipe.from_json(text) == GOOD
    assert Recipe.from_json(text.encode("utf-8-sig")) == GOOD


def test_every_step_type_describes_its_parameters() -> None:
    for name, step in STEP_TYPES.items():
        described = step.to_dict()
        assert described["name"] == name and described["phase"] in ("row", "split", "learned")
        assert all(p["kind"] and p["label"] for p in described["params"])
        json.dumps(described)


@pytest.mark.parametrize(("text", "message"), [
    ("{", "not valid JSON"),
    ("[]", "must be a JSON object"),
    ('{"name": "x", "steps": [{"type": "explode"}]}',
     "Step 1, at steps[0].type: unknown step type 'explode'"),
    ('{"name": "x", "steps": [{"type": "lags", "params": {"columns": ["a"], "lags": [1], '
     '"speed": 3}}]}',
     "Step 1 (lags), parameter 'speed', at steps[0].params.speed: unknown parameter"),
    ('{"name": "x", "steps": [{"type": "lags", "params": {"columns": ["a"], "lags": [0]}}]}',
     "Step 1 (lags), parameter 'lags', at steps[0].params.lags[0]: must be at least 1"),
    ('{"name": "x", "steps": [{"type": "scale", "params": {}}]}',
     "Step 1 (scale), parameter 'columns', at steps[0].params.columns: this parameter is "
     "required"),
    ('{"name": "x", "steps": [{"type": "clip_outliers", "params": {"columns": ["a"], '
     '"lower": NaN}}]}', "not valid JSON"),
    ('{"name": "", "steps": []}', "needs a name"),
    ('{"name": "x", "steps": [], "colour": 1}', "Unknown recipe field"),
])
def test_bad_documents_name_the_step_and_parameter(text: str, message: str) -> None:
    with pytest.raises(RecipeError, match=re.escape(message)):
        Recipe.from_json(text)


def test_validate_names_step_and_column_without_data() -> None:
    GOOD.validate(withdrawals_info())
    missing = make_recipe("x", [("lags", {"columns": ["amout"], "lags": [1]})])
    with pytest.raises(RecipeError, match=r"Step 1 \(lags\).*'amout' does not exist"):
        missing.validate(withdrawals_info())
    text = make_recipe("x", [("rolling", {"columns": ["note"], "windows": [3]})])
    with pytest.raises(RecipeError, match=r"Step 1 \(rolling\).*'note' is text"):
        text.validate(withdrawals_info())
    with pytest.raises(RecipeError, match=r"Step 1 \(resample\).*timestamp"):
        GOOD.validate(withdrawals_info(device_id="device_id"))
    later = make_recipe("x", [("select_columns", {"columns": ["amount"], "mode": "drop"}),
                              ("diff", {"columns": ["amount"]})])
    with pytest.raises(RecipeError, match=r"Step 2 \(diff\).*'amount' does not exist"):
        later.validate(withdrawals_info())


def test_versions_and_old_versions_kept(store) -> None:
    assert save_recipe(store, GOOD)[1] == 1
    assert save_recipe(store, GOOD)[1] == 1  # unchanged: no new version
    edited = make_recipe("daily", [*GOOD.steps[:2]], target="amount")
    row_id, version = save_recipe(store, edited)
    assert version == 2
    assert load_recipe(store, "daily", 1).steps == GOOD.steps
    assert load_recipe(store, "daily").steps == edited.steps
    assert load_recipe(store, "daily").version == 2 and load_recipe(store, "daily").created
    [summary] = list_recipes(store)
    assert (summary.name, summary.version, summary.versions, summary.id) == ("daily", 2, 2,
                                                                              row_id)
    with pytest.raises(UserFacingError, match="no recipe 'daily' version 9"):
        load_recipe(store, "daily", 9)


def test_export_then_import_shares_a_recipe(store, tmp_path: Path) -> None:
    save_recipe(store, GOOD)
    path = export_recipe(store, "daily", tmp_path / "daily.json")
    assert json.loads(path.read_text("utf-8"))["version"] == 1
    document = json.loads(path.read_text("utf-8"))
    document["name"] = "shared"
    path.write_text(json.dumps(document), "utf-8")
    assert import_recipe(store, path)[1] == 1
    assert load_recipe(store, "shared").steps == GOOD.steps
    with pytest.raises(UserFacingError, match="does not exist"):
        export_recipe(store, "daily", tmp_path / "nowhere" / "x.json")


def _recipes(store) -> int:
    return store.conn.execute("SELECT count(*) FROM recipes").fetchone()[0]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=20)
STEP_NAMES = st.sampled_from(sorted(STEP_TYPES))


@st.composite
def junk_recipes(draw) -> str:
    """Structures from plausible to absurd: real step types with junk parameters, real
    parameter names with junk values, or arbitrary JSON and text."""
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return draw(st.text(max_size=60))
    if kind == 1:
        return json.dumps(draw(JSON))
    steps = []
    for _ in range(draw(st.integers(1, 3))):
        name = draw(STEP_NAMES)
        names = [p.name for p in STEP_TYPES[name].params]
        params = draw(st.dictionaries(st.sampled_from(names) if kind == 3 else st.text(
            max_size=6), JSON | st.sampled_from(["amount", "date", ["amount"], [1, 7], "daily"]),
            max_size=4))
        steps.append({"type": name, "params": params})
    return json.dumps({"name": draw(st.text(max_size=5)) or "junk", "steps": steps})


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=junk_recipes())
def test_hostile_recipes_raise_user_errors_and_save_nothing(store, tmp_path: Path,
                                                            text: str) -> None:
    path = tmp_path / "junk.json"
    path.write_text(text, "utf-8")
    before = _recipes(store)
    try:
        recipe = Recipe.from_json(text)
    except UserFacingError:
        with pytest.raises(UserFacingError):
            import_recipe(store, path)
        assert _recipes(store) == before
        return
    assert Recipe.from_json(recipe.to_json()) == recipe
    try:
        recipe.validate(withdrawals_info())
        run_recipe(WITHDRAWALS, recipe, columns_of(withdrawals_info()))
    except UserFacingError:
        assert _recipes(store) == before


def test_unreadable_file_is_a_user_error(store, tmp_path: Path) -> None:
    binary = tmp_path / "x.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(UserFacingError, match="not UTF-8"):
        import_recipe(store, binary)
    with pytest.raises(UserFacingError, match="does not exist"):
        import_recipe(store, tmp_path / "missing.json")
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(UserFacingError):
        import_recipe(store, deep)
    assert _recipes(store) == 0


def test_recipe_errors_stay_translatable_and_survive_pickling() -> None:
    """The English text is unchanged, while the error keeps the templates and values the UI
    translates: the "step N (type), parameter 'x': " place and the reason."""
    import pickle

    from iotfin_gui.core.errors import user_message
    from iotfin_gui.core.messages import Message

    with pytest.raises(RecipeError) as raised:
        make_recipe("x", [("lags", {"lags": [1]})])
    error = pickle.loads(pickle.dumps(raised.value))
    assert str(error) == ("Step 1 (lags), parameter 'columns', at steps[0].params.columns: this "
                          "parameter is required")
    message = user_message(error)
    assert isinstance(message, Message) and message.context is None
    where, reason = message.params["where"], message.params["message"]
    assert [part.template for part in where.params.values()] == [
        "Step {step} ({type})", "parameter {param!r}", "at {path}"]
    assert (reason.context, reason.template) == ("Core", "this parameter is required")
    with pytest.raises(RecipeError) as raised:
        Recipe.from_json("{")
    assert str(raised.value).startswith("The recipe is not valid JSON")
    assert user_message(raised.value).template == "The recipe is not valid JSON: {error}"
    bad_value = make_recipe("x", [("lags", {"columns": ["amount"], "lags": [1]})]).to_dict()
    bad_value["steps"][0]["params"]["lags"] = [0]
    with pytest.raises(RecipeError) as raised:
        Recipe.from_dict(bad_value)
    assert user_message(raised.value).params["message"].template == (
        "must be at least {minimum:g}, not {value:g}")


def test_step_types_label_their_groups_phases_params_and_choices() -> None:
    from iotfin_gui.core.messages import Message

    for step in STEP_TYPES.values():
        assert isinstance(step.label, Message) and isinstance(step.group, Message)
        assert isinstance(step.description, Message) and isinstance(step.phase_label, Message)
        for param in step.params:
            assert isinstance(param.label, Message), (step.name, param.name)
            assert not param.help or isinstance(param.help, Message), (step.name, param.name)
            for choice in param.choices:
                assert isinstance(param.choice_label(choice), Message), (step.name, choice)
    assert STEP_TYPES["fill_series"].param("method").choice_label("ffill") == "forward fill"
    assert json.loads(json.dumps(STEP_TYPES["lags"].to_dict()))["label"] == "Lags"


def test_a_step_that_reads_another_dataset_needs_the_store() -> None:
    """Found by the fuzzer: run outside a store, time_since_event stopped on an assert."""
    recipe = Recipe.from_json(json.dumps({"name": "since", "steps": [
        {"type": "time_since_event", "params": {"events_dataset": "events",
                                                "event_type": "fault"}}]}))
    with pytest.raises(RecipeError, match="must run on a dataset in the store"):
        run_recipe(WITHDRAWALS, recipe, columns_of(withdrawals_info()))
