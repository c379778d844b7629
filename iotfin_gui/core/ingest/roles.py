"""The mapping from source columns to a dataset: column types, roles and the dataset kind.

Owns :class:`ColumnMapping` / :class:`Mapping` (JSON-able, saved in import profiles and in each
import record) and the guesses the UI shows for confirmation: :func:`infer_type` per column from a
sample of its values, and :func:`guess_mapping` for the kind and each column's role, from English
and Chinese column names and the inferred types. :func:`name_is_cash_level` is the one place
that knows how an ATM's cash level is named (the role ``cash_level``, which Fleet, Forecast and
the cash plan read; see :func:`iotfin_gui.core.fleet.cash_now.cash_column`), and
:func:`unstated_cash_level` which column a dataset stored before that role existed read as one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.ingest import numbers, timestamps
from iotfin_gui.core.ingest.numbers import NumberFormat
from iotfin_gui.core.ingest.readers import RESERVED_NAMES, folded_name
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message
from iotfin_gui.core.store import DATASET_KIND_LABELS, DATASET_KINDS, DEVICE_COLUMNS

ROLES = ("device_id", "timestamp", "metric", "cash_level", "category", "label", "amount",
         "count", "event_type", "severity", "identifier")
#: Roles only one column of a dataset can play.
UNIQUE_ROLES = ("device_id", "timestamp", "cash_level")
TYPES = ("integer", "float", "text", "boolean", "datetime")
#: How each role is named on screen and in messages.
ROLE_LABELS: dict[str, Message] = {
    "device_id": QT_TRANSLATE_NOOP("Core", "device id"),
    "timestamp": QT_TRANSLATE_NOOP("Core", "timestamp"),
    "metric": QT_TRANSLATE_NOOP("Core", "metric"),
    "cash_level": QT_TRANSLATE_NOOP("Core", "cash level"),
    "category": QT_TRANSLATE_NOOP("Core", "category"),
    "label": QT_TRANSLATE_NOOP("Core", "label"),
    "amount": QT_TRANSLATE_NOOP("Core", "amount"),
    "count": QT_TRANSLATE_NOOP("Core", "count"),
    "event_type": QT_TRANSLATE_NOOP("Core", "event type"),
    "severity": QT_TRANSLATE_NOOP("Core", "severity"),
    "identifier": QT_TRANSLATE_NOOP("Core", "identifier"),
}
REQUIRED_ROLES = {
    "telemetry": ("device_id", "timestamp"),
    "events": ("device_id", "timestamp"),
    "withdrawals": ("device_id", "timestamp"),
    "registry": ("device_id",),
    "table": (),
}
#: Share of a sample's non-empty values that must fit a type for the column to get it; the rest
#: are reported row by row when importing (a few bad values must not turn a column into text).
TYPE_SHARE = 2 / 3
BOOLEANS = {"true": True, "false": False, "yes": True, "no": False, "y": True, "n": False,
            "t": True, "f": False, "是": True, "否": False}
#: Texts (of at most 15 digits) that read exactly as an int64 or a float64 whatever they are.
_PLAIN_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_PLAIN_LENGTH = 16
_HINTS: dict[str, tuple[str, ...]] = {
    "device_id": ("device", "dev", "machine", "terminal", "atm", "series", "sensor", "asset",
                  "设备", "终端", "机具", "机器", "柜员机"),
    "event_type": ("event", "error", "failure", "fault", "alarm", "alert", "comp",
                   "事件", "故障", "告警", "报警", "错误"),
    "severity": ("severity", "priority", "级别", "等级", "严重"),
    "amount": ("amount", "withdrawal", "withdrawn", "金额", "取款", "现金"),
    "count": ("count", "cnt", "transaction", "txn", "笔数", "次数", "数量"),
    "label": ("label", "target", "class", "risk", "default", "outcome", "fraud", "标签"),
    "identifier": ("id", "uuid", "guid", "编号", "序号", "流水号", "账号", "卡号", "单号",
                   "交易号", "凭证号"),
}
#: How an ATM's cash level is named (:func:`name_is_cash_level`): a balance on its own, or cash
#: (a cassette) together with a level; never a capacity or a limit. English words, Chinese parts.
_CASH = ("cash", "cassette", "banknote", "现金", "钞", "款箱")
_LEVEL = ("level", "remaining", "left", "end", "closing", "stock", "available", "balance",
          "余额", "剩余", "库存", "存量", "余量", "结存", "期末", "日终")
_BALANCE = ("balance", "余额", "结存")
_NOT_LEVEL = ("capacity", "max", "maximum", "min", "minimum", "limit", "threshold", "容量",
              "上限", "下限", "阈值", "最大", "最小")
#: Fewest sample rows for a column of consecutive whole numbers to be an identifier.
_ID_ROWS = 10
_REGISTRY_FIELDS = {
    "name": ("name", "名称", "设备名称"), "branch": ("branch", "网点", "支行"),
    "city": ("city", "城市"), "latitude": ("latitude", "lat", "纬度"),
    "longitude": ("longitude", "lon", "lng", "经度"), "model": ("model", "型号"),
    "cassette_capacity": ("cassette_capacity", "capacity", "容量"),
    "install_date": ("install_date", "installed", "安装日期"),
}


@dataclass(frozen=True)
class ColumnMapping:
    """One source column: its name in the dataset, logical type, role, timestamp format and,
    for numbers, the decimal mark and thousands separators (None: the source's)."""

    source: str
    name: str
    type: str
    role: str | None = None
    format: str | None = None
    include: bool = True
    decimal: str | None = None
    thousands: str | None = None

    def number_format(self, default: NumberFormat) -> NumberFormat:
        """The column's number format (``default`` where the mapping names none)."""
        if self.decimal is None:
            return default
        if self.thousands is None:
            return NumberFormat.for_decimal(self.decimal)
        return NumberFormat(self.decimal, self.thousands)


@dataclass(frozen=True)
class Mapping:
    """The dataset kind and every source column's mapping."""

    kind: str
    columns: tuple[ColumnMapping, ...] = field(default_factory=tuple)

    @property
    def included(self) -> list[ColumnMapping]:
        return [c for c in self.columns if c.include]

    def roles(self) -> dict[str, str]:
        """Dataset column name -> role, as the store keeps them."""
        return {c.name: c.role for c in self.included if c.role}

    def column_for(self, role: str) -> ColumnMapping | None:
        return next((c for c in self.included if c.role == role), None)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "columns": [asdict(c) for c in self.columns]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mapping:
        return cls(data["kind"], tuple(ColumnMapping(**c) for c in data["columns"]))

    def changed(
        self,
        *,
        kind: str | None = None,
        roles: dict[str, str | None] | None = None,
        types: dict[str, str] | None = None,
        formats: dict[str, str] | None = None,
        exclude: Sequence[str] = (),
        decimals: dict[str, str] | None = None,
    ) -> Mapping:
        """A copy with some columns' role, type, format or decimal mark (``.`` or ``,``; the
        other separators are then its thousands) changed (keys are source names)."""
        sources = {c.source for c in self.columns}
        for key in [*(roles or {}), *(types or {}), *(formats or {}), *exclude,
                    *(decimals or {})]:
            if key not in sources:
                raise InputError(QT_TRANSLATE_NOOP(
                    "Core", "there is no column {column!r}; columns: {columns}.").format(
                        column=key, columns=str(sorted(sources))))
        columns = []
        for column in self.columns:
            updates: dict[str, Any] = {}
            if roles and column.source in roles:
                updates["role"] = roles[column.source]
            if types and column.source in types:
                updates["type"] = types[column.source]
            if formats and column.source in formats:
                updates["format"] = formats[column.source]
                updates["type"] = "datetime"
            if column.source in exclude:
                updates["include"] = False
            if decimals and column.source in decimals:
                mark = decimals[column.source]
                if mark not in numbers.DECIMAL_MARKS:
                    raise InputError(QT_TRANSLATE_NOOP(
                        "Core", "the decimal mark of column {column!r} must be . or , not "
                        "{mark!r}.").format(column=column.source, mark=mark))
                updates["decimal"] = mark
                updates["thousands"] = NumberFormat.for_decimal(mark).thousands
            columns.append(replace(column, **updates))
        return Mapping(kind or self.kind, tuple(columns))

    def check(self) -> None:
        """Raise :class:`InputError` if the mapping cannot be imported as it stands."""
        if self.kind not in DATASET_KINDS:
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "unknown dataset kind {kind!r}; use one of {kinds}.").format(
                    kind=self.kind, kinds=", ".join(DATASET_KINDS)))
        names = [c.name for c in self.included]
        if not names:
            raise InputError(QT_TRANSLATE_NOOP("Core", "no column is selected for import."))
        _check_names(self.included)
        for column in self.included:
            if column.type not in TYPES:
                raise InputError(QT_TRANSLATE_NOOP("Core", "unknown type {type!r}.").format(
                    type=column.type), column=column.source)
            if column.role is not None and column.role not in ROLES:
                raise InputError(QT_TRANSLATE_NOOP(
                    "Core", "unknown role {role!r}; use one of {roles}.").format(
                        role=column.role, roles=", ".join(ROLES)), column=column.source)
        for role in UNIQUE_ROLES:
            playing = [c.source for c in self.included if c.role == role]
            if len(playing) > 1:
                raise InputError(QT_TRANSLATE_NOOP(
                    "Core", "only one column can be the {role}; {columns} are.").format(
                        role=ROLE_LABELS[role], columns=", ".join(map(repr, playing))),
                    column=playing[1])
        for role in REQUIRED_ROLES[self.kind]:
            if self.column_for(role) is None:
                raise InputError(QT_TRANSLATE_NOOP(
                    "Core", "a {kind} dataset needs a {role} column; mark one with the role "
                    "{key!r}.").format(kind=DATASET_KIND_LABELS[self.kind],
                                       role=ROLE_LABELS[role], key=role))
        stamp = self.column_for("timestamp")
        if stamp is not None and stamp.type != "datetime":
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "the timestamp column must have the type datetime."),
                column=stamp.source)


def _check_names(columns: Sequence[ColumnMapping]) -> None:
    """Refuse dataset names that SQLite would take for one another (``amount`` and ``Amount``)
    or for its row id (``rowid``), naming both columns."""
    seen: dict[bytes, ColumnMapping] = {}
    for column in columns:
        key = folded_name(column.name)
        if key in {folded_name(n) for n in RESERVED_NAMES}:
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "the name {name!r} is reserved by SQLite for its row numbers; choose "
                "another name for column {column!r}.").format(name=column.name,
                                                              column=column.source),
                column=column.source)
        if key in seen:
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "columns {first!r} and {second!r} would both be named {name!r} in the "
                "dataset (names are compared ignoring case); rename one of them.").format(
                    first=seen[key].source, second=column.source, name=column.name),
                column=column.source)
        seen[key] = column


def infer_type(values: Sequence[Any], name: str = "",
               number_format: NumberFormat | None = None, texts: list[str] | None = None
               ) -> tuple[str, timestamps.TimestampGuess | None]:
    """The logical type of a column from a sample of its values (and, for times, the format).

    Texts are numbers when at least :data:`TYPE_SHARE` of them read as numbers in
    ``number_format``; a column of numbers is an integer column only if every number is a whole
    one, and text if any number would lose something as a number (leading zeros, a whole number
    beyond int64, more digits than a float keeps): identifiers stay text. ``texts`` are the
    values' :func:`sample_texts` when the caller has them already.
    """
    array = np.asarray(values) if not isinstance(values, np.ndarray) else values
    if array.dtype.kind == "b":
        return "boolean", None
    if array.dtype.kind in "iu":
        return "integer", None
    if array.dtype.kind == "f":
        finite = array[~np.isnan(array)]
        whole = finite.size and np.all(finite == np.round(finite)) and name_is_count(name)
        return ("integer" if whole else "float"), None
    if array.dtype.kind == "M":
        return "datetime", timestamps.TimestampGuess(("native",))
    texts = sample_texts(values) if texts is None else texts
    if not texts:
        return "text", None
    enough = TYPE_SHARE * len(texts)
    counts = Counter(texts)
    if sum(count for text, count in counts.items() if text.lower() in BOOLEANS) >= enough:
        return "boolean", None
    kinds = number_kinds(counts, number_format or NumberFormat(), enough)
    if sum(count for kind, count in kinds.items() if kind) >= enough:
        if kinds.get(numbers.TEXT):
            return "text", None
        guess = timestamps.guess_format(texts, name)
        if guess:
            return "datetime", guess
        return ("integer" if set(kinds) <= {None, numbers.INTEGER} else "float"), None
    guess = timestamps.guess_format(texts, name)
    return ("datetime", guess) if guess else ("text", None)


def sample_texts(values: Sequence[Any]) -> list[str]:
    """A sample column's values as stripped texts, missing values and their tokens left out
    (each distinct value is looked at once)."""
    try:
        distinct = dict.fromkeys(v for v in values if v is not None)
    except TypeError:  # unhashable cells (lists): each read on its own
        values = [str(v) for v in values if v is not None]
        distinct = dict.fromkeys(values)
    cleaned: dict[Any, str | None] = {}
    for value in distinct:
        text = str(value).strip()
        cleaned[value] = None if text.lower() in numbers.MISSING_MARKERS else text
    return [t for t in (cleaned[v] for v in values if v is not None) if t is not None]


def number_kinds(texts: Counter[str], fmt: NumberFormat, enough: float = 0.0
                 ) -> dict[str | None, int]:
    """How many of ``texts`` (text -> count) are of each :func:`numbers.classify` kind (None:
    not a number); counting stops once fewer than ``enough`` of them can still be numbers."""
    counts: dict[str | None, int] = {}
    allowed = sum(texts.values()) - enough
    for text, count in texts.items():
        if counts.get(None, 0) > allowed:
            break
        if fmt.plain and len(text) <= _PLAIN_LENGTH and _PLAIN_NUMBER.fullmatch(text):
            kind: str | None = numbers.FLOAT if "." in text else numbers.INTEGER
        else:
            parsed = numbers.parse(text, fmt)
            kind = None if parsed is None else numbers.classify(parsed)
        counts[kind] = counts.get(kind, 0) + count
    return counts


def name_is_count(name: str) -> bool:
    return _matches(name, "count")


def name_is_cash_level(name: str) -> bool:
    """Whether a column name says it holds an ATM's cash level (the import's default for the
    role ``cash_level``): a balance (``Cassette balance``, ``余额``, ``ATM余额``) or cash with a
    level (``cash_level_end``, ``钞箱余额``, ``剩余现金``), never a capacity or a limit
    (``cassette_capacity``, ``max_cash_level``). A bare ``cash`` is not: it may as well be the
    cash drawn."""
    key = _normal(name)
    words = _words(name)

    def said(hints: tuple[str, ...]) -> bool:
        return any(w in hints or (w.endswith("s") and w[:-1] in hints) for w in words) or \
            any(hint in key for hint in hints if not hint.isascii())

    if said(_NOT_LEVEL):
        return False
    return said(_BALANCE) or (said(_CASH) and said(_LEVEL))


def unstated_cash_level(kind: str, columns: Sequence[tuple[str, str]],
                        roles: dict[str, str]) -> str | None:
    """The column a dataset stored before the role ``cash_level`` existed read as its cash
    level, which store migration 6 states as that role (``columns``: name and logical type in
    order; ``roles``: column -> role as stored). None when a column has the role already, for
    a registry (the import never gives one a cash level) and when no numeric column without a
    role or with the role ``metric`` has a name starting with ``cash``; else the first of
    those named as a cash level (:func:`name_is_cash_level`, ``cash_level_end``), or the first
    (``cash``)."""
    if kind == "registry" or "cash_level" in roles.values():
        return None
    named = [name for name, logical in columns if logical in ("integer", "float") and
             roles.get(name, "metric") == "metric" and name.lower().startswith("cash")]
    return next((c for c in named if name_is_cash_level(c)), next(iter(named), None))


def guess_mapping(
    columns: dict[str, tuple[str, timestamps.TimestampGuess | None]],
    kind: str | None = None,
    sample: dict[str, Sequence[Any]] | None = None,
    number_formats: dict[str, NumberFormat] | None = None,
) -> Mapping:
    """Guess each column's role and (unless given) the dataset kind.

    ``columns`` maps each source column to its inferred type and timestamp guess; ``sample``
    (values per column) lets text columns with few distinct values become categories, columns
    of consecutive whole numbers (row numbers) identifiers, and one row per device and day make
    withdrawals; ``number_formats`` are the numeric columns' formats.
    """
    roles: dict[str, str | None] = dict.fromkeys(columns)
    types = {name: t for name, (t, _) in columns.items()}
    formats = {name: (g.format if g else None) for name, (_, g) in columns.items()}
    device = next((n for n in columns if _matches(n, "device_id")), None)
    if device is not None:
        roles[device] = "device_id"
        types[device] = "text"
        formats[device] = None
    datetimes = [n for n, t in types.items() if t == "datetime"]
    stamp = next((n for n in datetimes if timestamps.TIME_NAME.search(n)), None) or \
        (datetimes[0] if datetimes else None)
    if stamp is not None:
        roles[stamp] = "timestamp"
    free = [n for n in columns if roles[n] is None]
    for name in [n for n in free if _matches(n, "identifier")]:
        roles[name] = "identifier"
        free.remove(name)
    cash = next((n for n in free if types[n] in ("float", "integer") and
                 name_is_cash_level(n)), None)
    if cash is not None:
        free.remove(cash)
    for role in ("event_type", "severity", "amount", "count", "label"):
        match = next((n for n in free if _matches(n, role)), None)
        if match is not None:
            roles[match] = role
            free.remove(match)
    for name in [n for n in free if _serial(types[n], (sample or {}).get(n, ()))]:
        roles[name] = "identifier"
        free.remove(name)
    numeric = [n for n in free if types[n] in ("float", "integer")]
    measures = len(numeric) + (cash is not None)
    daily = sample is not None and device is not None and stamp is not None and \
        "event_type" not in roles.values() and measures == 1 and \
        _daily_per_device(sample[device], sample[stamp], formats[stamp])
    if kind is None:
        kind = "withdrawals" if daily else _guess_kind(roles, list(columns))
    if kind == "withdrawals" and "amount" not in roles.values() and numeric:
        roles[numeric[0]] = "amount"
        free.remove(numeric[0])
    if cash is not None:
        roles[cash] = "cash_level" if kind != "registry" else None
    for name in free:
        if types[name] in ("float", "integer") and kind != "registry":
            roles[name] = "metric"
        elif types[name] in ("text", "boolean") and sample is not None:
            values = [v for v in sample.get(name, ()) if v not in (None, "")]
            if values and len(set(values)) <= max(20, len(values) // 20):
                roles[name] = "category"
    return Mapping(kind, tuple(
        ColumnMapping(name, name, types[name], roles[name],
                      formats[name] if types[name] == "datetime" else None,
                      **_number_fields(types[name], (number_formats or {}).get(name)))
        for name in columns
    ))


def _number_fields(kind: str, fmt: NumberFormat | None) -> dict[str, str]:
    if fmt is None or kind not in ("integer", "float"):
        return {}
    return {"decimal": fmt.decimal, "thousands": fmt.thousands}


def _serial(kind: str, values: Sequence[Any]) -> bool:
    """Whether a column's sample counts up one by one (row or record numbers)."""
    if kind != "integer" or len(values) < _ID_ROWS:
        return False
    numbers = pd.to_numeric(pd.Series(list(values), dtype=object), errors="coerce")
    return bool(numbers.notna().all() and (numbers.diff().iloc[1:] == 1).all())


def _daily_per_device(devices: Sequence[Any], times: Sequence[Any], fmt: str | None) -> bool:
    """Whether the sample holds one row per device and day (times at midnight): the shape of
    daily withdrawal series such as NN5's."""
    if fmt is None or len(times) < 2:
        return False
    series = pd.Series(list(times), dtype=object)
    try:
        parsed, bad, _ = timestamps.parse(series.where(series.notna(), None), fmt)
    except (ValueError, TypeError):
        return False
    if bad.any() or parsed.isna().any() or (parsed != parsed.dt.normalize()).any():
        return False
    keys = pd.DataFrame({"device": list(devices), "day": parsed.to_numpy()})
    return not keys.duplicated().any()


def registry_fields(mapping: Mapping) -> dict[str, str]:
    """Dataset column -> field of the store's device registry, for registry imports."""
    fields: dict[str, str] = {}
    for column in mapping.included:
        if column.role == "device_id":
            fields[column.name] = "device_id"
            continue
        key = _normal(column.name)
        for target, hints in _REGISTRY_FIELDS.items():
            if target in DEVICE_COLUMNS and target not in fields.values() and (
                    key in hints or any(h in key for h in hints if not h.isascii())):
                fields[column.name] = target
                break
    return fields


def _guess_kind(roles: dict[str, str | None], names: list[str]) -> str:
    found = set(roles.values())
    if {"device_id", "timestamp"} <= found:
        if "event_type" in found:
            return "events"
        if found & {"amount", "count"}:
            return "withdrawals"
        return "telemetry"
    if "device_id" in found and "timestamp" not in found:
        probe = Mapping("registry", tuple(ColumnMapping(n, n, "text", roles[n]) for n in names))
        if len(registry_fields(probe)) > 1:
            return "registry"
    return "table"


def _normal(name: str) -> str:
    return re.sub(r"[^0-9a-z_\u4e00-\u9fff]+", "_", str(name).lower()).strip("_")


def _words(name: str) -> set[str]:
    """A column name's English words, lower case (``CashLevel2`` -> cash, level, 2)."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", "_", str(name)).lower()
    return {w for w in re.split(r"[^0-9a-z]+|(?<=[a-z])(?=\d)", spaced) if w}


def _matches(name: str, role: str) -> bool:
    """Whether a column name suggests ``role`` (whole English words, Chinese substrings)."""
    key = _normal(name)
    hints = _HINTS[role]
    for word in _words(name):
        if word in hints or (word.endswith("id") and word[:-2] in hints) or \
                (word.endswith("s") and word[:-1] in hints):
            return True
    return any(hint in key for hint in hints if not hint.isascii())
