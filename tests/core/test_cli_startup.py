"""CLI start-up (issue 15): a command imports only what it uses, so ``--version``, ``--help``,
``datasets`` and ``info`` never load scikit-learn, nor do the writing commands that use no model
(their tidying of the store, :mod:`iotfin_gui.core.leftovers`, once imported the models core,
and storing a recipe the learned steps' estimators), nor the commands that read training runs
(``leaderboard``, ``report`` of a training run, ``export runs``: the models' display names once
lived beside the estimators);
the commands that read only the store's catalogue or files (``datasets``, ``info``,
``leaderboard``, ``backup``, ``restore --list``, ``compact``, ``trash``) load neither pandas,
numpy nor Arrow, and ``check`` no pandas (Arrow reads the parts' footers); nor do the listings of
the exportable tables and stored recipes (``export --list``, ``recipe list``: the packages
``reports``, ``recipes`` and ``cashplan`` import each name's module on first use), nor the
route commands (``routes show / import / export``: the settings are plain Python);
saving and loading a model with skops leaves Dask unloaded (issue H24);
the lazy command index matches what the command modules register; the progress bar line."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from iotfin_gui.cli import COMMAND_MODULES, build_parser, lazy, progress_line
from iotfin_gui.core.jobs import Eta
from iotfin_gui.core.recipes import make_recipe, save_recipe
from iotfin_gui.core.reports import exportable_tables
from iotfin_gui.core.store import Store

ROOT = Path(__file__).resolve().parents[2]
MODEL_LIBRARIES = {"sklearn", "scipy", "skops"}
DATA_LIBRARIES = {"pandas", "numpy", "pyarrow"}
#: Runs ``main.py ARGS`` (``python -c WATCH main.py ARGS``) and, at exit, prints on stderr which
#: of the heavy libraries were loaded.
WATCH = ("import atexit, runpy, sys\n"
         "atexit.register(lambda: print('heavy libraries:', *sorted("
         f"{MODEL_LIBRARIES | DATA_LIBRARIES | {'dask'}!r} & set(sys.modules)), file=sys.stderr))\n"
         "sys.argv = sys.argv[1:]\n"
         "runpy.run_path(sys.argv[0], run_name='__main__')\n")


def imported_modules(*args: str) -> set[str]:
    """The modules ``python -X importtime main.py ARGS`` imports."""
    done = subprocess.run([sys.executable, "-X", "importtime", str(ROOT / "main.py"), *args],
                          capture_output=True, text=True, timeout=300, check=True)
    return {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines()
            if line.startswith("import time:") and "|" in line}


@pytest.mark.parametrize("args", [("--version",), ("--help",)])
def test_version_and_help_import_neither_pandas_nor_sklearn(args) -> None:
    modules = imported_modules(*args)
    assert "iotfin_gui.cli" in modules
    assert not {"sklearn", "pandas", "numpy", "scipy"} & modules


@pytest.mark.parametrize("command", ["datasets", "info"])
def test_store_listing_commands_do_not_import_sklearn(command, tmp_path) -> None:
    modules = imported_modules(command, "--db", str(tmp_path / "store.sqlite"))
    assert "sklearn" not in modules and "scipy" not in modules
    assert "iotfin_gui.cli.models" not in modules  # other commands' modules stay unloaded
    assert "iotfin_gui.core.demo" not in modules  # the simulator is only for ``demo``


def libraries_at_exit(*args: str) -> set[str]:
    """Run ``main.py ARGS`` to its end; the heavy libraries loaded when it exited."""
    done = subprocess.run([sys.executable, "-c", WATCH, str(ROOT / "main.py"), *args, "--quiet"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    return set(done.stderr.rsplit("heavy libraries:", 1)[1].split())


def model_libraries_at_exit(*args: str) -> list[str]:
    """Run ``main.py ARGS`` to its end; the model libraries loaded when it exited."""
    return sorted(libraries_at_exit(*args) & MODEL_LIBRARIES)


def test_catalogue_commands_load_no_data_libraries(demo_db, tmp_path) -> None:
    """Listing, describing, backing up and tidying the store read its catalogue (SQLite) and
    move its files: no pandas, numpy or Arrow; ``check`` reads the parts' footers with Arrow,
    but no pandas."""
    from iotfin_gui.core.models import train  # in this process: the commands run in others

    with Store.open(demo_db) as store:
        train(store, "demo_credit_applications", target="defaulted", task="classification",
              models=["logistic"], cv="stratified", folds=2)
        store.delete_dataset("demo_events")  # something in the trash
    db = ["--db", str(demo_db)]
    commands = {
        "datasets": ["datasets", *db],
        "info": ["info", *db],
        "leaderboard": ["leaderboard", "--task", "classification", *db],
        "backup": ["backup", *db],
        "restore --list": ["restore", "--list", *db],
        "compact": ["compact", *db],
        "trash list": ["trash", "list", *db],
        "trash empty": ["trash", "empty", *db],
    }
    loaded = {name: sorted(libraries_at_exit(*args)) for name, args in commands.items()}
    assert loaded == {name: [] for name in commands}
    assert "pandas" not in libraries_at_exit("check", "--full", *db)


def test_listing_tables_recipes_and_routes_loads_no_data_libraries(demo_db, tmp_path) -> None:
    """The exportable tables are listed from their registry, the recipes from the store's
    catalogue and the routes from their plain-Python settings: the code that produces the rows
    or plans with the routes (pandas, Arrow) is not loaded."""
    with Store.open(demo_db) as store:
        save_recipe(store, make_recipe("tidy", [("impute", {"columns": ["staff"]})]))
    db = ["--db", str(demo_db)]
    routes = tmp_path / "routes.csv"
    routes.write_text("route,atms,visit_days\nnorth,ATM-1,Mon-Fri\nrest,*,\"Mon,Thu\"\n",
                      encoding="utf-8")
    commands = {"export --list": ["export", "--list", *db], "recipe list": ["recipe", "list", *db],
                "routes import": ["routes", "import", str(routes), *db],
                "routes show": ["routes", "show", *db],
                "routes export": ["routes", "export", "--out", str(tmp_path / "out.csv"), *db]}
    loaded = {name: sorted(libraries_at_exit(*args)) for name, args in commands.items()}
    assert loaded == {name: [] for name in commands}


@pytest.mark.parametrize("package", ["iotfin_gui.core.reports", "iotfin_gui.core.recipes",
                                     "iotfin_gui.core.cashplan"])
def test_a_lazy_package_gives_every_name_it_lists(package) -> None:
    """Each name of a lazy package's ``__all__`` is its module's object; others are refused."""
    module = importlib.import_module(package)
    for name in module.__all__:
        value = getattr(module, name)
        home = importlib.import_module(getattr(value, "__module__", None) or package)
        assert getattr(home, name, value) is value, name
    assert set(module.__all__) <= set(dir(module))
    with pytest.raises(AttributeError):
        module.no_such_name  # noqa: B018


def test_every_builtin_table_names_a_producer_that_exists() -> None:
    """The registry names the built-in tables' producers as text: each one imports."""
    for table in exportable_tables():
        assert isinstance(table.producer, str)
        module, _, function = table.producer.partition(":")
        assert callable(getattr(importlib.import_module(module), function)), table.name


def test_the_leaderboard_prints_what_its_frame_holds(demo_db) -> None:
    """``leaderboard`` prints plain rows (no pandas); the window's frame holds the same runs in
    the same order, a missing metric NaN there and null in the JSON."""
    from iotfin_gui.core.leaderboard import leaderboard
    from iotfin_gui.core.models import train

    with Store.open(demo_db) as store:
        train(store, "demo_credit_applications", target="defaulted", task="classification",
              models=["logistic", "naive_bayes"], cv="stratified", folds=2)
        frame = leaderboard(store, task="classification")
    printed = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "leaderboard", "--task", "classification",
         "--json", "--db", str(demo_db)], capture_output=True, text=True, timeout=300,
        cwd=ROOT, check=True)
    runs = json.loads(printed.stdout.splitlines()[-1])["runs"]
    assert [run["run_id"] for run in runs] == frame["run_id"].tolist()
    assert [run["label"] for run in runs] == [str(label) for label in frame["label"]]
    metric = "roc_auc"
    assert [run[metric] for run in runs] == [None if value != value else value
                                            for value in frame[metric]]
    assert not any(key.endswith("_std") for run in runs for key in run)


SAVE_AND_LOAD = """
import sys
import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from iotfin_gui.core.models import persistence
from iotfin_gui.core.store import Store

rows = np.random.default_rng(0).normal(size=(60, 3))
labels = (rows[:, 0] > 0).astype(int)
with Store.open(sys.argv[1]) as store:
    for number, model in enumerate([LogisticRegression(), RandomForestClassifier(5)]):
        model.fit(rows, labels)
        path, digest = persistence.save_bundle(store, f"m{number}", {"model": model})
        again = persistence.load_bundle(store, path, digest)["model"]
        assert (again.predict(rows) == model.predict(rows)).all()
print("skops.io" in sys.modules, "dask" in sys.modules)
"""


def test_saving_and_loading_a_model_does_not_import_dask(tmp_path) -> None:
    done = subprocess.run([sys.executable, "-c", SAVE_AND_LOAD, str(tmp_path / "s.sqlite")],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["True", "False"]


TRUSTED_NAMES = """
import sys
if sys.argv[1] == "dask first":
    import dask
if sys.argv[1] == "plain":
    import skops.io
else:
    from iotfin_gui.core.models.safe_format import skops_io
    skops_io()
from skops.io._trusted_types import SKLEARN_ESTIMATOR_TYPE_NAMES
print(len(SKLEARN_ESTIMATOR_TYPE_NAMES), hash(tuple(sorted(SKLEARN_ESTIMATOR_TYPE_NAMES))),
      "dask" in sys.modules)
"""


def test_skops_trusts_the_same_estimators_without_dask() -> None:
    """Hiding Dask from skops' import changes nothing it trusts; a process that loaded Dask (a
    cluster) keeps it."""
    def listing(how: str) -> list[str]:
        done = subprocess.run([sys.executable, "-c", TRUSTED_NAMES, how], capture_output=True,
                              text=True, timeout=300, cwd=ROOT, env={**os.environ,
                                                                    "PYTHONHASHSEED": "0"})
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout.split()

    plain, hidden, dask_first = listing("plain"), listing("hidden"), listing("dask first")
    assert plain[:2] == hidden[:2] == dask_first[:2]
    assert int(plain[0]) > 100
    assert (plain[2], hidden[2], dask_first[2]) == ("True", "False", "True")


def test_writing_commands_without_a_model_do_not_import_sklearn(demo_db, tmp_path) -> None:
    db = ["--db", str(demo_db)]
    csv = tmp_path / "branches.csv"
    csv.write_text("branch,city,staff\nB1,Lyon,12\nB2,Nantes,7\nB3,Lille,9\n", encoding="utf-8")
    recipe = tmp_path / "tidy.json"  # learned steps: run, they need scikit-learn; stored, not
    recipe.write_text(make_recipe("tidy", [("impute", {"columns": ["staff"]}),
                                           ("scale", {"columns": ["staff"]})]).to_json(),
                      encoding="utf-8")
    commands = {
        "import": ["import", str(csv), "--name", "branches", *db],
        "export": ["export", "dataset", "--dataset", "branches", "--out",
                   str(tmp_path / "branches_out.csv"), *db],
        "report": ["report", "--run", "1", "--out", str(tmp_path / "report"), *db],
        "plan": ["plan", "--run", "1", "--out", str(tmp_path / "plan.csv"), *db],
        "backup": ["backup", *db],
        "compact": ["compact", *db],
        "trash empty": ["trash", "empty", *db],
        "recipe import": ["recipe", "import", str(recipe), *db],
        "recipe export": ["recipe", "export", "tidy", "--out", str(tmp_path / "out.json"), *db],
    }
    loaded = {name: model_libraries_at_exit(*args) for name, args in commands.items()}
    assert loaded == {name: [] for name in commands}


def test_commands_reading_training_runs_do_not_import_sklearn(demo_db, tmp_path) -> None:
    """The leaderboard, a training run's report and the runs export name each run's model, CV
    and search (:mod:`iotfin_gui.core.model_names`) without the models core."""
    from iotfin_gui.core.models import train  # in this process: the commands run in others

    with Store.open(demo_db) as store:
        results = train(store, "demo_credit_applications", target="defaulted",
                        task="classification", models=["logistic"], cv="stratified", folds=2,
                        search="grid", inner_folds=2)
    tuned = str(results[-1].run_id)
    db = ["--db", str(demo_db)]
    commands = {
        "leaderboard": ["leaderboard", *db],
        "leaderboard --task": ["leaderboard", "--task", "classification", *db],
        "report": ["report", "--run", tuned, "--out", str(tmp_path / "report"), *db],
        "export runs": ["export", "runs", "--out", str(tmp_path / "runs.csv"), *db],
    }
    loaded = {name: model_libraries_at_exit(*args) for name, args in commands.items()}
    assert loaded == {name: [] for name in commands}
    summary = (tmp_path / "report" / "summary.md").read_text(encoding="utf-8")
    assert "Logistic regression" in summary
    assert "Logistic regression" in (tmp_path / "runs.csv").read_text(encoding="utf-8-sig")


def test_the_lazy_index_matches_what_the_modules_register() -> None:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    registered = {choice.dest: choice.help for choice in action._choices_actions}
    index = lazy.command_index(COMMAND_MODULES)
    assert {name: command.help for name, command in index.items()} == registered


def test_a_command_builds_only_its_own_module() -> None:
    parser = build_parser(["train", "--help"])
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert {"train", "predict", "leaderboard"} <= set(action.choices)
    assert "forecast" not in action.choices


@pytest.mark.parametrize(("argv", "modules"), [
    (["routes", "import", "r.csv"], ["iotfin_gui.cli.routes"]),  # "import" is routes' action
    (["datasets", "--db", "import"], ["iotfin_gui.cli.basic"]),
    (["--panel", "fleet"], ["iotfin_gui.cli.fleet"]),  # an option's value may name a command
    (["--panel", "fleet", "datasets"], ["iotfin_gui.cli.fleet", "iotfin_gui.cli.basic"]),
    (["--size=900x600", "import", "f.csv"], ["iotfin_gui.cli.importing"]),
    (["--help"], []),
])
def test_the_command_being_run_is_the_first_word_naming_one(argv, modules) -> None:
    index = lazy.command_index(COMMAND_MODULES)
    assert lazy.requested_modules(argv, index) == modules


def test_progress_line() -> None:
    now = [0.0]
    eta = Eta(lambda: now[0])
    now[0] = 42.0
    eta.update(0.375)
    line = progress_line(0.375, "Random forest: fold 4 of 10", eta)
    assert line == ("[#########---------------]  38%  0:42 elapsed, about 1:10 left  "
                    "Random forest: fold 4 of 10")
