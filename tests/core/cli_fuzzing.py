"""The command-line fuzz harness (a plain module: imported by tests/core/test_fuzz_cli.py and by
bench/fuzz_cli.py, which runs it with many more examples).

Every subcommand gets command lines built by hypothesis from pools of values an attacker (or a
tired analyst) would type: numbers that are negative, zero, huge, NaN or infinite, texts that are
empty, long, non-ASCII or shell-like, files that are pipes, devices, /proc files, folders, link
loops, empty or binary, and recipe documents of every shape. :func:`run_one` runs one command
line in-process on a fresh copy of a small store and returns its :class:`Outcome`.
:func:`command_lines` builds free command lines (most are refused early);
:func:`mutated_lines` takes a valid command line per command and makes one option hostile, so
that the value travels as deep as the command goes before it is refused. A run passes when
it ends with exit code 0 or 2, at most one ``error:`` line and no traceback, within
:data:`MAX_SECONDS`.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

#: A single command line may take this long (a valid forecast or training on the small store
#: takes a few seconds even on a busy machine).
MAX_SECONDS = 120.0

NUMBERS = ("-1", "0", "1", "2", "3", "7", "-0", "0.5", "1e308", "-1e308", "nan", "inf", "-inf",
           "2147483648", "99999999999999999999999", "9223372036854775808", "1.5", "", "abc",
           "0x10", "1_000", "٣", "--", "1e-320")
TEXTS = ("", " ", "x", "demo_withdrawals", "demo_credit_applications", "demo_telemetry",
         "no_such_thing", "a" * 5000, "数据集", "'; DROP TABLE datasets; --", "../../etc/passwd",
         "\u202eevil", "%s%n", "{0}{name}", "-", "none", "CN", "2026-10-30 12:00", "nat",
         "99999-01-01", "1,2,3", "80,95", "0,100", ",", "amount", "device_id", "timestamp")


@dataclass(frozen=True)
class Outcome:
    """How one command line ended."""

    argv: tuple[str, ...]
    code: int | None
    stderr: str
    seconds: float
    crash: str = ""

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if "error:" in line]

    @property
    def kind(self) -> str:
        """ok, refused, or what went wrong: crash, traceback, exit N, lines, slow."""
        if self.crash:
            return "crash"
        if "Traceback" in self.stderr:
            return "traceback"
        if self.code not in (0, 2):
            return f"exit {self.code}"
        if self.code == 2 and len(self.error_lines) != 1:
            return "lines"
        if self.seconds > MAX_SECONDS:
            return "slow"
        return "ok" if self.code == 0 else "refused"

    @property
    def passed(self) -> bool:
        return self.kind in ("ok", "refused")


class Playground:
    """A folder with a small demo store (copied afresh for each run) and hostile input files."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.template = folder / "template"
        self.template.mkdir()
        self.store = self.template / "store.sqlite"
        self.files = self._make_files()
        self._make_store()
        self.work = folder / "work"

    def _make_store(self) -> None:
        from iotfin_gui.core.demo import DemoConfig, load_demo
        from iotfin_gui.core.models import train
        from iotfin_gui.core.recipes import import_recipe
        from iotfin_gui.core.store import Store

        with Store.open(self.store) as store:
            load_demo(store, DemoConfig(n_atms=3, days=70, telemetry_days=1, credit_rows=80))
            import_recipe(store, self.files["recipe.json"])
            self.run_id = train(store, "demo_credit_applications", task="classification",
                                models=["logistic"], folds=2)[-1].run_id

    def _make_files(self) -> dict[str, str]:
        inputs = self.folder / "inputs"
        inputs.mkdir()
        (inputs / "good.csv").write_text("device_id,timestamp,amount\nA1,2026-01-01,5\n"
                                         "A2,2026-01-02,7\n", encoding="utf-8")
        (inputs / "empty.csv").write_bytes(b"")
        (inputs / "binary.csv").write_bytes(bytes(range(256)) * 8)
        (inputs / "recipe.json").write_text(json.dumps({
            "format": "iotfin-recipe", "name": "fuzz_lags", "steps": [
                {"type": "lags", "params": {"columns": ["amount"], "lags": [1, 7]}}]}))
        (inputs / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
        (inputs / "model.iotfin-model").write_bytes(b"PK\x03\x04 not a zip")
        os.mkfifo(inputs / "pipe.csv")
        (inputs / "loop_a.csv").symlink_to(inputs / "loop_b.csv")
        (inputs / "loop_b.csv").symlink_to(inputs / "loop_a.csv")
        (inputs / "dangling.csv").symlink_to(inputs / "nowhere.csv")
        self._socket = socket.socket(socket.AF_UNIX)
        self._socket.bind(str(inputs / "socket.csv"))
        files = {p.name: str(p) for p in inputs.iterdir()}
        files.update({"dev_zero": "/dev/zero", "proc": "/proc/self/environ", "folder": str(inputs),
                      "missing": str(inputs / "missing.csv"), "dev_null": "/dev/null"})
        return files

    def fresh(self) -> Path:
        """A fresh copy of the store (and its folders) for one run; returns the store path."""
        if self.work.exists():
            shutil.rmtree(self.work)
        shutil.copytree(self.template, self.work, symlinks=True)
        return self.work / "store.sqlite"

    def close(self) -> None:
        self._socket.close()


def run_one(playground: Playground, argv: list[str]) -> Outcome:
    """Run ``iotfin ARGV --db <fresh store>`` in this process, in the store's scratch folder;
    its outcome."""
    from iotfin_gui.cli import main

    full = [*argv, "--db", str(playground.fresh()), "--quiet"]
    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    crash = ""
    code: int | None
    # relative output names (a hostile --out such as "-1") land in the scratch folder
    with contextlib.chdir(playground.work), contextlib.redirect_stdout(out), \
            contextlib.redirect_stderr(err):
        try:
            code = main(full)
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 2)
        except BaseException as error:  # the harness records every escape as a failure
            code, crash = None, f"{type(error).__name__}: {error}"[:300]
    return Outcome(tuple(argv), code, err.getvalue(), time.perf_counter() - started, crash)


def _output(playground: Playground) -> st.SearchStrategy[str]:
    folder = playground.folder
    return st.sampled_from([str(folder / "out.csv"), str(folder / "out.json"), str(folder),
                            playground.files["pipe.csv"], "/dev/null", "", str(folder / "x" / "y"),
                            str(playground.work / "store.sqlite"), str(folder / "数据.csv")])


def _options(pairs: dict[str, st.SearchStrategy[str]]) -> st.SearchStrategy[list[str]]:
    """Any subset of the optional ``--flag value`` pairs (a flag with value None is a switch)."""
    def flatten(chosen: dict[str, str | None]) -> list[str]:
        argv: list[str] = []
        for flag, value in chosen.items():
            argv += [flag] if value is None else [flag, value]
        return argv

    return st.fixed_dictionaries({}, optional=pairs).map(flatten)


def command_lines(playground: Playground) -> dict[str, st.SearchStrategy[list[str]]]:
    """One strategy of whole command lines per subcommand (and action)."""
    number, text = st.sampled_from(NUMBERS), st.sampled_from(TEXTS)
    files = st.sampled_from(sorted(playground.files.values()))
    out = _output(playground)
    switch = st.none()
    dataset = st.sampled_from(["demo_withdrawals", "demo_credit_applications", "demo_telemetry",
                               "demo_atm_registry", "no_such", ""])

    def line(*head: str | st.SearchStrategy[str], **options: st.SearchStrategy) -> \
            st.SearchStrategy[list[str]]:
        fixed = st.tuples(*[st.just(h) if isinstance(h, str) else h for h in head])
        flags = {"--" + k.rstrip("_").replace("_", "-"): v for k, v in options.items()}
        return st.tuples(fixed, _options(flags)).map(lambda p: [*p[0], *p[1]])

    return {
        "demo": line("demo", seed=number, remove=switch),
        "datasets": line("datasets"),
        "info": line("info"),
        "train": line("train", "--dataset", dataset, "--task",
                      st.sampled_from(["classification", "regression", "clustering", "x"]),
                      "--models", st.sampled_from(["logistic", "baseline", "logistic,,", "nope",
                                                   "", "ridge", "kmeans"]),
                      target=st.sampled_from(["defaulted", "amount", "missing", ""]),
                      cv=st.sampled_from(["2", "3", "0", "1", "holdout", "group:2", "time:3",
                                          "kfold:x", "stratified:99999999", ":", "nan"]),
                      gap=number, repeats=number, inner_folds=number, cost_fp=number,
                      cost_fn=number, seed=number, balanced=switch, positive=text,
                      threshold=st.sampled_from(["validation", "bayes", "0.5", "0", "1", "nan",
                                                 "x"])),
        "predict": line("predict", "--run", number, "--dataset", dataset, out=out,
                        save_as=text, force=switch),
        "leaderboard": line("leaderboard", task=st.sampled_from(["classification", "x"]),
                            dataset=dataset),
        "forecast": line("forecast", "--dataset", dataset, "--out", out,
                         model=st.sampled_from(["seasonal_naive", "ets", "auto", "nope"]),
                         horizon=number, origins=number, level=text, holidays=text,
                         capacity=number, service_level=number, plan_out=out,
                         cash_col=text, id_col=text, time_col=text, value_col=text,
                         duplicates=st.sampled_from(["error", "sum", "x"]), force=switch,
                         no_save=switch),
        "plan": line("plan", "--out", out, dataset=dataset, run=number, routes=files,
                     cash_now=files, today=text, service_level=number, capacity=number,
                     holidays=text, save_routes=switch, force=switch),
        "fleet": line("fleet", as_of=text),
        "import": line("import", files, name=text, format=st.sampled_from(
                           ["csv", "excel", "parquet", "json", "x"]), encoding=text,
                       delimiter=text, decimal=st.sampled_from([".", ",", ";"]),
                       header_row=number, topic_device_segment=number, date_format=text,
                       tz=text, sheet=text, role=text, type=text, exclude=text, kind=text,
                       profile=text, allow_duplicate_file=switch),
        "export": line("export", st.sampled_from(["dataset", "runs", "quarantine", "forecast",
                                                 "x", "--list"]),
                       out=out, dataset=dataset, run=number, import_=number, as_of=text,
                       mask=text, hash=text, keep=text, delimiter=text, check=switch,
                       force=switch),
        "report": line("report", "--run", number, "--out", out, zip=switch, force=switch),
        "recipe list": line("recipe", "list"),
        "recipe show": line("recipe", "show", text, version=number),
        "recipe import": line("recipe", "import", files),
        "recipe export": line("recipe", "export", text, "--out", out, version=number,
                              force=switch),
        "recipe apply": line("recipe", "apply", st.sampled_from(["fuzz_lags", "x", ""]),
                             "--dataset", dataset, version=number, save_as=text),
        "recipe steps": line("recipe", "steps"),
        "routes show": line("routes", "show"),
        "routes import": line("routes", "import", files),
        "routes export": line("routes", "export", "--out", out, force=switch),
        "check": line("check", full=switch),
        "backup": line("backup"),
        "restore": line("restore", st.one_of(st.sampled_from(["--list", "nope"]), files)),
        "compact": line("compact"),
        "trash list": line("trash", "list"),
        "trash restore": line("trash", "restore", number),
        "trash empty": line("trash", "empty"),
        "model export": line("model", "export", number, "--out", out, force=switch),
        "model import": line("model", "import", files),
    }


#: Per command with a valid line: the options :func:`mutated_lines` makes hostile.
HOSTILE_FLAGS = {
    "train": ["--seed", "--cost-fp", "--cost-fn", "--gap", "--repeats", "--inner-folds", "--cv",
              "--threshold", "--target", "--positive", "--recipe", "--models"],
    "predict": ["--run", "--dataset", "--out", "--save-as"],
    "forecast": ["--horizon", "--origins", "--level", "--holidays", "--capacity",
                 "--service-level", "--id-col", "--time-col", "--value-col", "--out",
                 "--plan-out", "--cash-col"],
    "export": ["--dataset", "--delimiter", "--mask", "--hash", "--keep", "--out", "--as-of"],
    "report": ["--run", "--out", "--delimiter"],
    "import": ["--name", "--encoding", "--delimiter", "--header-row", "--date-format", "--tz",
               "--sheet", "--role", "--type", "--exclude", "--kind", "--topic-device-segment"],
    "recipe apply": ["--version", "--save-as", "--dataset"],
    "model export": ["--out"],
    "fleet": ["--as-of"],
}


def valid_lines(playground: Playground) -> dict[str, list[str]]:
    """A command line per command of :data:`HOSTILE_FLAGS` that works on the playground."""
    folder, files, run = playground.folder, playground.files, str(playground.run_id)
    out = str(folder / "valid.csv")
    return {
        "train": ["train", "--dataset", "demo_credit_applications", "--task", "classification",
                  "--models", "logistic", "--cv", "2"],
        "predict": ["predict", "--run", run, "--dataset", "demo_credit_applications", "--out",
                    out, "--force"],
        "forecast": ["forecast", "--dataset", "demo_withdrawals", "--model", "seasonal_naive",
                     "--horizon", "7", "--out", out, "--force", "--no-save"],
        "export": ["export", "dataset", "--dataset", "demo_withdrawals", "--out", out,
                   "--force"],
        "report": ["report", "--run", run, "--out", str(folder / "report"), "--force"],
        "import": ["import", files["good.csv"], "--allow-duplicate-file"],
        "recipe apply": ["recipe", "apply", "fuzz_lags", "--dataset", "demo_withdrawals"],
        "model export": ["model", "export", run, "--out", str(folder / "m.iotfin-model"),
                         "--force"],
        "fleet": ["fleet"],
    }


def _mutate(base: list[str], flag: str, value: str) -> list[str]:
    argv = list(base)
    if flag in argv:
        argv[argv.index(flag) + 1] = value
    else:
        argv += [flag, value]
    return argv


def mutated_lines(playground: Playground) -> dict[str, st.SearchStrategy[list[str]]]:
    """Per command: its valid line with one option given a hostile value (or added)."""
    values = st.one_of(st.sampled_from(NUMBERS), st.sampled_from(TEXTS),
                       st.sampled_from(sorted(playground.files.values())))
    return {command: st.builds(_mutate, st.just(base), st.sampled_from(HOSTILE_FLAGS[command]),
                               values)
            for command, base in valid_lines(playground).items()}
