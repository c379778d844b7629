"""The ranges of every numeric option, in one table the command line and the window share.

An :class:`OptionRange` says what one numeric option may be: whole or decimal, finite, its
bounds (inclusive, or open where a bound itself is meaningless, e.g. a probability of 1), and
what it means. :data:`COMMAND_OPTIONS` lists, per subcommand, which argument (by its argparse
``dest``) takes which range; :func:`check_args` checks a parsed command line against it before
the command opens the store or does any work, and raises :class:`OptionError` (exit code 2 on
the command line) naming the option, the value and the allowed range::

    --seed -1 is out of range: a whole number from 0 to 2,147,483,647 (random seed).

The window's spin boxes take their ranges from the same objects (``spin.setRange(*SEED.bounds)``),
and ``--help`` shows each range after the option's text (:func:`range_help`). Bounds that depend
on the data (backtest origins x horizon within the history) are checked where the data is known,
with :func:`check_backtest`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message

#: Largest id SQLite stores (a signed 64-bit integer); a bigger one cannot name any row.
MAX_ID = 2**63 - 1
#: Largest seed: what numpy and scikit-learn accept that a Qt spin box can also hold.
MAX_SEED = 2**31 - 1


class OptionError(InputError):
    """An option's value is outside its documented range (or of the wrong kind)."""


@dataclass(frozen=True)
class OptionRange:
    """What a numeric option may be. ``low_open``/``high_open`` exclude the bound itself."""

    flag: str
    whole: bool
    minimum: float
    maximum: float
    meaning: Message
    low_open: bool = False
    high_open: bool = False

    @property
    def bounds(self) -> tuple[Any, Any]:
        """(minimum, maximum), as the window's spin boxes take them."""
        if self.whole:
            return int(self.minimum), int(self.maximum)
        return float(self.minimum), float(self.maximum)

    def describe(self) -> Message:
        """The range in words, e.g. "a whole number from 1 to 20"."""
        low, high = _number(self.minimum), _number(self.maximum)
        if self.whole:
            return QT_TRANSLATE_NOOP("Core", "a whole number from {low} to {high}").format(
                low=low, high=high)
        if self.low_open and self.high_open:
            return QT_TRANSLATE_NOOP("Core", "a number between {low} and {high} (both "
                                     "excluded)").format(low=low, high=high)
        if self.low_open:
            return QT_TRANSLATE_NOOP("Core", "a number above {low}, at most {high}").format(
                low=low, high=high)
        return QT_TRANSLATE_NOOP("Core", "a number from {low} to {high}").format(
            low=low, high=high)

    def contains(self, value: float) -> bool:
        """Whether ``value`` (a finite number of the right kind) lies in the range."""
        above = value > self.minimum if self.low_open else value >= self.minimum
        below = value < self.maximum if self.high_open else value <= self.maximum
        return above and below

    def check(self, value: Any, flag: str | None = None) -> Any:
        """``value`` if it is in range; else an :class:`OptionError` naming ``flag`` (default
        this option's), the value and the range."""
        kind_ok = isinstance(value, int) if self.whole else isinstance(value, int | float)
        if isinstance(value, bool) or not kind_ok or (
                not self.whole and not math.isfinite(value)) or not self.contains(value):
            raise OptionError(QT_TRANSLATE_NOOP(
                "Core", "{option} {value} is out of range: {range} ({meaning}).").format(
                    option=flag or self.flag, value=_shown(value), range=self.describe(),
                    meaning=self.meaning))
        return value


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"


def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


SEED = OptionRange("--seed", True, 0, MAX_SEED, QT_TRANSLATE_NOOP("Core", "random seed"))
COST_FP = OptionRange("--cost-fp", False, 0, 1e9, QT_TRANSLATE_NOOP(
    "Core", "cost of a false positive"))
COST_FN = OptionRange("--cost-fn", False, 0, 1e9, QT_TRANSLATE_NOOP(
    "Core", "cost of a false negative"))
GAP_HOURS = OptionRange("--gap", False, 0, 87_600, QT_TRANSLATE_NOOP(
    "Core", "hours left out before each scored fold"))
FOLDS = OptionRange("--cv", True, 2, 20, QT_TRANSLATE_NOOP("Core", "cross-validation folds"))
REPEATS = OptionRange("--repeats", True, 1, 10, QT_TRANSLATE_NOOP(
    "Core", "repeats of the cross-validation"))
INNER_FOLDS = OptionRange("--inner-folds", True, 2, 10, QT_TRANSLATE_NOOP(
    "Core", "folds of the search's inner cross-validation"))
HORIZON = OptionRange("--horizon", True, 1, 366, QT_TRANSLATE_NOOP("Core", "days ahead"))
ORIGINS = OptionRange("--origins", True, 1, 20, QT_TRANSLATE_NOOP(
    "Core", "backtest origins; origins x horizon must also fit in the history"))
CAPACITY = OptionRange("--capacity", False, 0, 1e12, QT_TRANSLATE_NOOP(
    "Core", "cassette capacity, in the amount's unit"), low_open=True)
SERVICE_LEVEL = OptionRange("--service-level", False, 0.5, 0.99, QT_TRANSLATE_NOOP(
    "Core", "probability of not running out between visits"))
HEADER_ROW = OptionRange("--header-row", True, 1, 1_048_576, QT_TRANSLATE_NOOP(
    "Core", "workbook row of the column names"))
TOPIC_SEGMENT = OptionRange("--topic-device-segment", True, -64, 63, QT_TRANSLATE_NOOP(
    "Core", "segment of the topic; negative counts from the end"))
CORES = OptionRange("--cores", True, 1, 1024, QT_TRANSLATE_NOOP("Core", "cores for the job"))
RUN_ID = OptionRange("--run", True, 1, MAX_ID, QT_TRANSLATE_NOOP("Core", "a run id"))
IMPORT_ID = OptionRange("--import", True, 1, MAX_ID, QT_TRANSLATE_NOOP("Core", "an import id"))
VERSION = OptionRange("--version", True, 1, MAX_ID, QT_TRANSLATE_NOOP(
    "Core", "a recipe version"))
TRASH_ID = OptionRange("ID", True, 1, MAX_ID, QT_TRANSLATE_NOOP("Core", "a trash entry id"))
MODEL_RUN = OptionRange("RUN", True, 1, MAX_ID, QT_TRANSLATE_NOOP("Core", "a training run id"))

#: Every command's numeric options: command (with its action) -> argparse dest -> range.
COMMAND_OPTIONS: Mapping[str, Mapping[str, OptionRange]] = {
    "": {"cores": CORES},
    "demo": {"seed": SEED},
    "train": {"seed": SEED, "cost_fp": COST_FP, "cost_fn": COST_FN, "gap": GAP_HOURS,
              "repeats": REPEATS, "inner_folds": INNER_FOLDS},
    "predict": {"run_id": RUN_ID},
    "forecast": {"horizon": HORIZON, "origins": ORIGINS, "capacity": CAPACITY,
                 "service_level": SERVICE_LEVEL},
    "plan": {"run_id": RUN_ID, "service_level": SERVICE_LEVEL, "capacity": CAPACITY},
    "import": {"header_row": HEADER_ROW, "topic_device_segment": TOPIC_SEGMENT},
    "export": {"run_id": RUN_ID, "import_id": IMPORT_ID},
    "report": {"run_id": RUN_ID},
    "recipe show": {"version": VERSION},
    "recipe export": {"version": VERSION},
    "recipe apply": {"version": VERSION},
    "trash restore": {"id": TRASH_ID},
    "model export": {"run_id": MODEL_RUN},
}


def command_key(command: str | None, action: str | None = None) -> str:
    """The key of :data:`COMMAND_OPTIONS` for a command and its action (``recipe show``)."""
    return f"{command} {action}" if command and action else command or ""


def options_of(command: str | None, action: str | None = None) -> dict[str, OptionRange]:
    """The numeric options a command takes (the common ones included)."""
    return {**COMMAND_OPTIONS[""], **COMMAND_OPTIONS.get(command_key(command, action), {})}


def check_args(args: Any) -> None:
    """Check every numeric option of a parsed command line against its range, the text options
    of a fixed form (``import --delimiter``: one character, ``train --cv``: its folds) and the
    options that bound each other; raises :class:`OptionError` for the first one that is not."""
    for dest, spec in options_of(getattr(args, "command", None),
                                 getattr(args, "action", None)).items():
        value = getattr(args, dest, None)
        if value is not None:
            spec.check(value)
    command = getattr(args, "command", None)
    if command == "import" and args.delimiter is not None \
            and len(args.delimiter.replace("\\t", "\t")) != 1:
        raise OptionError(QT_TRANSLATE_NOOP(
            "Core", "--delimiter {value!r} must be one character (\\t for a tab).").format(
                value=args.delimiter))
    if command != "train":
        return
    scheme, _, folds = args.cv.partition(":")
    if (folds or scheme).isdigit():
        FOLDS.check(int(folds or scheme), "--cv")
    if args.cost_fp == 0 and args.cost_fn == 0:
        raise OptionError(QT_TRANSLATE_NOOP(
            "Core", "--cost-fp and --cost-fn are both 0: at least one error must cost "
            "something to choose a threshold."))


def range_help(spec: OptionRange) -> Message:
    """The range of ``spec`` as ``--help`` shows it after the option's text."""
    return QT_TRANSLATE_NOOP("Core", "range: {range}").format(range=spec.describe())


def check_backtest(history_days: int, horizon: int, origins: int, min_history: int) -> None:
    """Refuse a backtest whose ``origins`` x ``horizon`` days, after ``min_history`` days to
    learn from, do not fit in ``history_days``; the message says how many origins fit."""
    HORIZON.check(horizon)
    ORIGINS.check(origins)
    fitting = max(0, (history_days - min_history) // horizon)
    if origins > fitting:
        raise OptionError(QT_TRANSLATE_NOOP(
            "Core", "A backtest of {origins} origin(s) at a horizon of {horizon} days needs at "
            "least {needed} days of history ({min_history} to learn from, then {origins} x "
            "{horizon}); the data span {days} days, so at most {fitting} origin(s) fit: lower "
            "the origins (--origins) or the horizon, or add history.").format(
                origins=origins, horizon=horizon, needed=min_history + origins * horizon,
                min_history=min_history, days=history_days, fitting=fitting))
