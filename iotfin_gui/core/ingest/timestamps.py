"""Timestamp columns: guessing ONE format per column, and parsing a column with it into UTC.

A column is never parsed value by value with different formats. :func:`guess_format` tries each
known format on a sample (ISO, pandas' guess, ``31/12/2024``-like dates with ``14:30`` or
``下午3:30`` times, ``2024年10月31日``, months like ``2024年1月`` or ``Jan 2024``, Unix times and
Excel day numbers in columns named like times) and keeps the one that reads the most values;
when day-first and month-first read equally well (every day is 12 or less) the guess is
*ambiguous* and the caller must ask the user (``dayfirst``). Naive times are taken to be in the
source time zone and converted to UTC; times that do not exist or are ambiguous there (DST) are
reported, not guessed.
:func:`parse_plain_iso` gives :func:`parse`'s result faster, with Arrow, for a column of plain
``YYYY-MM-DD HH:MM:SS`` texts (the CSV fast path), and declines any other column.
"""

from __future__ import annotations

import re
import warnings
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pandas.tseries.api import guess_datetime_format

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.ingest.numbers import normalise
from iotfin_gui.core.ingest.readers import text_bytes
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP

ISO = "ISO8601"
EPOCH_S = "epoch_s"
EPOCH_MS = "epoch_ms"
EPOCH_US = "epoch_us"
EPOCH_NS = "epoch_ns"
#: Excel's day numbers (1 = 1900-01-01, as Excel counts: from 1899-12-30), in a date column of a
#: CSV written from a sheet whose dates lost their format.
EXCEL_SERIAL = "excel_serial"
_EXCEL_ORIGIN = "1899-12-30"
#: Day numbers taken for dates: 1954-10-03 to 2099-12-31, and only when every number is one.
_EXCEL_DAYS = (20_000, 73_051)
_EXCEL_TEXT = re.compile(r"\d{5}(?:\.\d+)?")
_PLAIN_NUMBER = re.compile(r"[-+]?\d+(?:\.\d*)?")
#: Unix time units, the pandas unit of each and the magnitudes (from, to) that mean it: seconds
#: 1973-2286, milliseconds, microseconds and nanoseconds of the same years.
EPOCHS = {EPOCH_S: ("s", 1e8, 1e10), EPOCH_MS: ("ms", 1e11, 1e13),
          EPOCH_US: ("us", 1e14, 1e16), EPOCH_NS: ("ns", 1e17, 1e19)}
DATE_FORMATS = (
    "%Y/%m/%d", "%Y.%m.%d", "%d.%m.%Y", "%d/%m/%Y", "%m/%d/%Y", "%d-%m-%Y", "%m-%d-%Y",
    "%Y年%m月%d日",
)
TIME_SUFFIXES = ("", " %H:%M", " %H:%M:%S", " %H:%M:%S.%f")
#: Times after a ``年月日`` date: with or without a space, ``14:30`` or ``14时30分(00秒)``.
CHINESE_TIME_SUFFIXES = ("%H:%M", "%H:%M:%S", " %H时%M分", " %H时%M分%S秒", "%H时%M分",
                         "%H时%M分%S秒")
#: ``下午3:30`` (Windows' Chinese times), ``上午 09:05``: 上午/下午 are read as AM/PM before the
#: format applies.
MERIDIEM = {"上午": "AM", "下午": "PM"}
MERIDIEM_SUFFIXES = (" %p%I:%M", " %p%I:%M:%S", "%p%I:%M", "%p%I:%M:%S", " %p %I:%M",
                     " %p %I:%M:%S")
#: Dates with the month's name: ``02-JAN-24`` (as Oracle writes them), ``2-Jan-2024``,
#: ``2 January 2024``, ``Jan 2, 2024``; with Oracle's timestamps too
#: (``02-JAN-24 09.05.00.000000 AM``).
NAMED_MONTH_FORMATS = ("%d-%b-%y", "%d-%b-%Y", "%d-%B-%Y", "%d %b %Y", "%d %B %Y", "%b %d, %Y",
                       "%B %d, %Y")
ORACLE_TIME_SUFFIXES = (" %I.%M.%S.%f %p", " %I.%M.%S %p")
_NAMED_MONTH = re.compile(r"\s*(?:\d{1,2}[- ][A-Za-z]{3,9}[- ]\d{2,4}|"
                          r"[A-Za-z]{3,9} \d{1,2}, \d{4})")
#: Two-digit years (``%y``) that Excel (00-29 are 20xx), Oracle (RR: 00-49) and Python (00-68)
#: all read alike: 00-29 are 2000-2029 and 69-99 are 1969-1999. A year of 30-68 is 19xx to
#: some and 20xx to others: refused, never guessed (Python would make ``15-MAR-55`` 2055).
_UNSURE_TWO_DIGIT_YEARS = (2030, 2068)
#: The prefix of a format whose values name the day of the week (``2024年1月2日 星期二``): the
#: day is read without it, and a value whose day of the week is not its date's is refused.
WEEKDAY = "weekday:"
_WEEKDAY = re.compile(r"\s*[(（]?(?:星期|礼拜|禮拜|周|週)([一二三四五六日天])[)）]?")
_WEEKDAY_NUMBERS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
#: Dates without a day (``2024年1月``, ``2024-01``, ``Jan 2024``): the first of the month.
MONTH_FORMATS = ("%Y年%m月", "%Y-%m", "%Y/%m", "%b %Y", "%B %Y", "%b-%Y")
#: ``2024.01`` is a month only in a column named like a date (else it is a number).
DOTTED_MONTH = "%Y.%m"
_MONTH_LIKE = re.compile(r"\s*(?:\d{4}[-/.年]\d{1,2}月?|[A-Za-z]{3,9}[ -]\d{4})\s*")
_DATE_LIKE = re.compile(r"^\s*\d{1,4}[-/.年]\d{1,2}[-/.月]\d{1,4}")
_EPOCH_TEXT = re.compile(r"\d{9,19}(\.\d+)?")
#: The prefix of a format whose year is a Minguo (Republic of China) year, as Taiwanese banks
#: write dates: ``113/01/02`` is 2024-01-02 (the year plus 1911), ``1130102``, ``113年1月2日`` and
#: ``民國99年12月31日`` too. The rest of the format names the shape (for messages); each value is
#: read by :func:`minguo_iso`, year, month and day in that order whatever its marks.
MINGUO = "minguo:"
#: A column named as holding Minguo dates: its one- and two-digit years are Minguo years.
MINGUO_NAME = re.compile(r"民[國国]|\bROC\b|minguo", re.IGNORECASE)
_MINGUO_DATE = re.compile(
    r"\s*(?P<era>民[國国]\s*)?(?P<year>[01]?\d{1,2})\s*"
    r"(?:(?P<sep>[/.-])\s*(?P<month>\d{1,2})\s*(?P=sep)|年\s*(?P<cjk_month>\d{1,2})\s*月)"
    r"\s*(?P<day>\d{1,2})\s*日?(?:\s+(?P<time>\d{1,2}:\d{2}(?::\d{2})?))?\s*"
    r"|(?P<compact>1\d{6})")
#: Dates written as digits alone, by length, in a column named like a time (see
#: :func:`_compact_format`).
COMPACT_FORMATS = {8: "%Y%m%d", 12: "%Y%m%d%H%M", 14: "%Y%m%d%H%M%S"}
_COMPACT_TEXT = re.compile(r"(?:19|20)\d{6}(?:\d{4}(?:\d{2})?)?")
#: Texts pandas' format guesser is not asked about: plain numbers and long texts (no date is
#: longer, and dateutil's time grows fast with the length).
_NUMBER_TEXT = re.compile(r"[-+]?[\d.,]*\d")
_GUESS_LENGTH = 64
_ISO_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?\s?(?:Z|[+-]\d{2}:?\d{2})?$"
)
_OFFSET = r"(?:Z|[+-]\d{2}:?\d{2})$"
#: The bytes each place of ``YYYY-MM-DD HH:MM:SS`` may hold, from and to (the 11th, `` `` or
#: ``T``, is checked apart).
_ISO_LOW = np.frombuffer(b"0000-00-00 00:00:00", dtype=np.uint8)
_ISO_HIGH = np.frombuffer(b"9999-99-99T99:99:99", dtype=np.uint8)
_ISO_SPAN = _ISO_HIGH - _ISO_LOW
#: Seconds since 1970 of 1678-01-01 and 2262-01-01: the years every datetime unit can hold.
_PLAIN_YEARS = (-9_214_560_000, 9_214_646_400)
TIME_NAME = re.compile(r"time|date|^ts$|_ts$|^ts_|epoch|时间|時間|日期|日付", re.IGNORECASE)
_MIN_SHARE = 2 / 3
_YEARS = (pd.Timestamp("1970-01-01"), pd.Timestamp("2100-01-01"))


@dataclass(frozen=True)
class TimestampGuess:
    """The format that reads a column best; several ``candidates`` mean it is ambiguous."""

    candidates: tuple[str, ...]

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1

    @property
    def format(self) -> str | None:
        return None if self.ambiguous else self.candidates[0]

    def resolve(self, dayfirst: bool | None) -> str | None:
        """The format to use given the user's day-first answer (None while still ambiguous)."""
        if not self.ambiguous:
            return self.candidates[0]
        if dayfirst is None:
            return None
        for fmt in self.candidates:
            if (fmt.find("%d") < fmt.find("%m")) == dayfirst:
                return fmt
        return None


def guess_format(values: Sequence[str], name: str = "") -> TimestampGuess | None:
    """The timestamp format of a column from a sample of its (non-empty, stripped) texts.

    A format needs to read :data:`_MIN_SHARE` of the sample (a few bad values are quarantined
    at import, they do not make the column text). Tried in turn: Unix times by magnitude (in a
    column named like a time), ISO 8601, then the formats pandas guesses from the first values
    and our own list; formats that read as many values but give different dates (day-first and
    month-first) make the guess ambiguous.
    """
    sample = [normalise(v) for v in values if v][:2000]
    if not sample:
        return None
    enough = _MIN_SHARE * len(sample)
    if any(_WEEKDAY.search(v) for v in sample[:20]) and \
            sum(1 for v in sample if _WEEKDAY.search(v)) >= enough:
        return _weekday_guess(sample, name)
    roc = MINGUO_NAME.search(name) is not None
    dated = roc or TIME_NAME.search(name) is not None
    compact = (_compact_format(sample, enough) or _minguo_format(sample, enough, roc)) \
        if dated else None
    if compact:
        return TimestampGuess((compact,))
    if dated and sum(1 for v in sample if _EPOCH_TEXT.fullmatch(v)) >= enough:
        return _epoch_guess(sample, enough)
    if dated and _excel_days(sample, enough):
        return TimestampGuess((EXCEL_SERIAL,))
    series = pd.Series(sample, dtype=object)
    if sum(1 for v in sample if _ISO_RE.match(v)) >= enough:
        parsed = pd.to_datetime(series, format=ISO, errors="coerce", utc=True)
        if parsed.notna().sum() >= enough:
            return TimestampGuess((ISO,))
    candidates = _candidates(sample, enough, dated)
    if not candidates:
        return _mixed_year_first(sample, enough)
    plain = _with_meridiem(series) if any("%p" in fmt for fmt in candidates) else series
    parsed = {fmt: _two_digit_years_sure(pd.to_datetime(plain, format=fmt, errors="coerce"),
                                         fmt) for fmt in candidates}
    scores = {fmt: int(values.notna().sum()) for fmt, values in parsed.items()}
    best = max(scores.values())
    if best < enough:
        return _mixed_year_first(sample, enough)
    winners = [fmt for fmt, score in scores.items() if score == best]
    distinct = [fmt for index, fmt in enumerate(winners)
                if not any(parsed[fmt].equals(parsed[other]) for other in winners[:index])]
    return TimestampGuess(tuple(distinct))


#: A date written year first with other marks than ISO's (``2024/1/4``, ``2024.01.04``,
#: ``2024年1月4日``), and what follows it.
_YEAR_FIRST = re.compile(r"(\d{4})\s*[/.年]\s*(\d{1,2})\s*[/.月]\s*(\d{1,2})\s*日?(.*)", re.S)


def iso_date(text: str) -> str:
    """A date written year first with ``/``, ``.`` or 年月日 as ISO 8601 writes it
    (``2024-01-04``), the time after it kept; other text as it is. Year first, the order is
    always year, month, day, so an ISO column typed by hand reads whichever marks a cell has."""
    found = _YEAR_FIRST.fullmatch(text)
    if found is None:
        return text
    year, month, day, rest = found.groups()
    rest = rest.strip()
    return f"{year}-{int(month):02d}-{int(day):02d}" + (f" {rest}" if rest else "")


def _mixed_year_first(sample: list[str], enough: float) -> TimestampGuess | None:
    """ISO 8601 for dates all written year first but with different marks (``2024-01-02``,
    ``2024/1/3``, ``2024年1月4日``: a sheet typed by hand), which the import reads as ISO
    with :func:`iso_date`; None when too few read so."""
    written = [iso_date(v) for v in sample]
    if sum(1 for v in written if _ISO_RE.match(v)) < enough:
        return None
    parsed = pd.to_datetime(pd.Series(written, dtype=object), format=ISO, errors="coerce",
                            utc=True)
    return TimestampGuess((ISO,)) if parsed.notna().sum() >= enough else None


def _excel_days(sample: list[str], enough: float) -> bool:
    """Whether the sample's numbers (two thirds of it at least) are all Excel day numbers of
    :data:`_EXCEL_DAYS`; one number out of that range and the column is not dates."""
    numbers = [v for v in sample if _PLAIN_NUMBER.fullmatch(v)]
    return len(numbers) >= enough and all(
        _EXCEL_TEXT.fullmatch(v) and _EXCEL_DAYS[0] <= float(v) < _EXCEL_DAYS[1] for v in numbers)


def _compact_format(sample: list[str], enough: float) -> str | None:
    """The format of dates written as digits alone (``20240102``, ``202401020905``,
    ``20240102090500``) when the sample's numbers (two thirds of it at least) are all of one
    such length and all real dates of 1900-2099; one number that is not, and the column is
    not read so (checked before Unix times: ``202401020905`` is also a count of milliseconds,
    of 1976)."""
    numbers = [v for v in sample if _PLAIN_NUMBER.fullmatch(v)]
    if len(numbers) < enough or not all(_COMPACT_TEXT.fullmatch(v) for v in numbers):
        return None
    lengths = {len(v) for v in numbers}
    fmt = COMPACT_FORMATS.get(lengths.pop()) if len(lengths) == 1 else None
    if fmt is None:
        return None
    parsed = pd.to_datetime(pd.Series(numbers, dtype=object), format=fmt, errors="coerce")
    return fmt if parsed.notna().all() else None


def _minguo_format(sample: list[str], enough: float, named: bool) -> str | None:
    """The Minguo format (:data:`MINGUO`) when two thirds of the sample at least are dates of
    the Minguo shape (see :func:`minguo_iso`), every one a real date. A three-digit year
    (``113/01/02``, 2011 on) or the era (``民國99年``) can only be a Minguo year; a one- or
    two-digit one (``99/12/31``, ``9/1/2``) is read as one only in a column named so
    (:data:`MINGUO_NAME`) or beside three-digit years (a yy/mm/dd column writes every year with
    two digits). Else ``99/12/31`` would be 1999 as much as 2010: not a Minguo column."""
    shaped = [found for found in map(_MINGUO_DATE.fullmatch, sample) if found is not None]
    if len(shaped) < enough:
        return None
    sure = [f for f in shaped if f["compact"] or f["era"] or len(f["year"].lstrip("0")) == 3]
    if len(sure) < len(shaped) and not (named or sure):
        return None
    written = pd.Series([_minguo_text(found) for found in shaped], dtype=object)
    if pd.to_datetime(written, format=ISO, errors="coerce").isna().any():
        return None
    first = shaped[0]
    if first["compact"]:
        return MINGUO + "%Y%m%d"
    date = "%Y年%m月%d日" if first["cjk_month"] else "%Y{0}%m{0}%d".format(first["sep"])
    time = first["time"]
    return MINGUO + date + ("" if not time else " %H:%M:%S" if time.count(":") == 2
                            else " %H:%M")


def minguo_iso(text: str) -> str | None:
    """A Minguo date (``113/01/02``, ``99.12.31 09:05``, ``民國9年1月2日``, ``1130102``) as
    ISO 8601 writes the Gregorian date (the year plus 1911), the time after it kept; None
    when the text is not of that shape or its year is not one of 1 to 199."""
    found = _MINGUO_DATE.fullmatch(text)
    return None if found is None else _minguo_text(found)


def _minguo_text(found: re.Match[str]) -> str | None:
    if found["compact"]:
        digits = found["compact"]
        year, month, day, time = digits[:3], digits[3:5], digits[5:], None
    else:
        year, month, day, time = (found["year"], found["month"] or found["cjk_month"],
                                  found["day"], found["time"])
    if not 1 <= int(year) <= 199:
        return None
    written = f"{int(year) + 1911}-{int(month):02d}-{int(day):02d}"
    return f"{written} {time:0>8}" if time and time.count(":") == 2 else \
        f"{written} {time:0>5}" if time else written


def _two_digit_years_sure(parsed: pd.Series, fmt: str) -> pd.Series:
    """``parsed`` without the dates whose two-digit year (``%y``) is read differently by
    different programs (see :data:`_UNSURE_TWO_DIGIT_YEARS`)."""
    if "%y" not in fmt:
        return parsed
    return parsed.where(~parsed.dt.year.between(*_UNSURE_TWO_DIGIT_YEARS))


def _weekday_guess(sample: list[str], name: str) -> TimestampGuess | None:
    """The guess for dates that name their day of the week (:data:`WEEKDAY`), made without it."""
    guess = guess_format([_WEEKDAY.sub("", v).strip() for v in sample], name)
    return None if guess is None else TimestampGuess(tuple(WEEKDAY + fmt
                                                           for fmt in guess.candidates))


def _parse_with_weekday(values: pd.Series, fmt: str, tz: str
                        ) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """:func:`parse` of dates naming their day of the week, read without it; a value whose day
    of the week is not its (local) date's is unreadable."""
    texts = values.astype(object)
    present = texts.notna()
    written = texts.where(present, "").astype(str)
    said = written.str.extract(_WEEKDAY, expand=False).map(_WEEKDAY_NUMBERS)
    plain = texts.where(~present, written.str.replace(_WEEKDAY, "", regex=True).str.strip())
    local, bad, _ = parse(plain, fmt)
    wrong = (said.notna() & local.notna() & (local.dt.day_of_week != said)).to_numpy()
    parsed, bad, zone_bad = (local, bad, np.zeros(len(values), bool)) if tz == "UTC" \
        else parse(plain, fmt, tz)
    return parsed.where(~wrong), bad | wrong, zone_bad & ~wrong


def _epoch_guess(sample: list[str], enough: float) -> TimestampGuess | None:
    numbers = pd.to_numeric(pd.Series(sample), errors="coerce").to_numpy(dtype=np.float64)
    for fmt, (_, low, high) in EPOCHS.items():
        if ((numbers >= low) & (numbers < high)).sum() >= enough:
            return TimestampGuess((fmt,))
    return None


def _with_meridiem(values: pd.Series) -> pd.Series:
    """Texts with ``上午``/``下午`` written ``AM``/``PM`` (what ``%p`` reads)."""
    texts = values.astype(object)
    present = texts.notna()
    for chinese, latin in MERIDIEM.items():
        texts = texts.where(~present, texts.str.replace(chinese, latin, regex=False))
    return texts


def _candidates(sample: list[str], enough: float, dated: bool = False) -> list[str]:
    """The formats worth scoring: pandas' guesses for the first values (day-first and not),
    then ours when the texts look like ``2024/01/31`` or ``2024年1月31日`` (with ``下午3:30``
    when the texts hold one) or like a month (``2024年1月``, ``Jan 2024``)."""
    formats: list[str] = []
    for text in sample[:5]:
        if len(text) > _GUESS_LENGTH or _NUMBER_TEXT.fullmatch(text):
            continue
        for dayfirst in (False, True):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                fmt = guess_datetime_format(text, dayfirst=dayfirst)
            if fmt and not _year_day_month(fmt) and fmt not in formats:
                formats.append(fmt)
    if sum(1 for v in sample if _DATE_LIKE.match(v)) >= enough:
        chinese = any("年" in v for v in sample[:20])
        meridiem = any(m in v for v in sample[:20] for m in MERIDIEM)
        # ISO dates are read before; with 上午/下午 (``2024-01-02 上午 09:05``) they are not ISO.
        for date in DATE_FORMATS + (("%Y-%m-%d",) if meridiem else ()):
            suffixes = TIME_SUFFIXES + (CHINESE_TIME_SUFFIXES if "年" in date else ()) + \
                (MERIDIEM_SUFFIXES if meridiem else ())
            if "年" in date and not chinese:
                continue
            formats.extend(f for f in (date + s for s in suffixes) if f not in formats)
    if any(_NAMED_MONTH.match(v) for v in sample[:20]) and \
            sum(1 for v in sample if _NAMED_MONTH.match(v)) >= enough:
        formats.extend(f for f in (date + s for date in NAMED_MONTH_FORMATS
                                   for s in TIME_SUFFIXES + ORACLE_TIME_SUFFIXES)
                       if f not in formats)
    if sum(1 for v in sample if _MONTH_LIKE.fullmatch(v)) >= enough:
        months = MONTH_FORMATS + ((DOTTED_MONTH,) if dated else ())
        formats.extend(f for f in months if f not in formats)
    return [f for f in formats if f != DOTTED_MONTH or dated]


def _year_day_month(fmt: str) -> bool:
    """Whether ``fmt`` puts the day between year and month (``%Y/%d/%m``, which nobody writes:
    pandas offers it for ``2024/01/05`` when asked for day-first)."""
    year, day, month = (fmt.find(code) for code in ("%Y", "%d", "%m"))
    return -1 not in (year, day, month) and year < day < month


def check_timezone(tz: str) -> str:
    """``tz`` if it is a known IANA zone name (or UTC), else an :class:`InputError`."""
    if tz.upper() == "UTC":
        return "UTC"
    try:
        zoneinfo.ZoneInfo(tz)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "unknown time zone {zone!r}; use a name like Asia/Shanghai or UTC.").format(
                zone=tz)) from error
    return tz


def parse(values: pd.Series, fmt: str, tz: str = "UTC") -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """Parse stripped texts (None = missing) with ``fmt``; naive times are in zone ``tz``.

    Returns UTC-naive datetimes, a mask of values that could not be read, and a mask of local
    times that do not exist or are ambiguous in ``tz``.
    """
    present = values.notna().to_numpy()
    if fmt == EXCEL_SERIAL:
        numbers = pd.to_numeric(values, errors="coerce").astype("float64")
        numbers = numbers.where((numbers >= _EXCEL_DAYS[0]) & (numbers < _EXCEL_DAYS[1]))
        parsed = pd.to_datetime(numbers, unit="D", origin=_EXCEL_ORIGIN).dt.round("s")
        return parsed, present & parsed.isna().to_numpy(), np.zeros(len(values), bool)
    if "%p" in fmt:
        values = _with_meridiem(values)
    if fmt.startswith(WEEKDAY):
        return _parse_with_weekday(values, fmt[len(WEEKDAY):], tz)
    if fmt.startswith(MINGUO):
        values = pd.Series([minguo_iso(v) if isinstance(v, str) else None for v in values],
                           index=values.index, dtype=object)
        parsed, bad, zone_bad = parse(values, ISO, tz)
        return parsed, bad | (present & values.isna().to_numpy()), zone_bad
    if fmt in EPOCHS:
        numbers = pd.to_numeric(values, errors="coerce").astype("float64")
        numbers = numbers.where(np.isfinite(numbers))
        parsed = pd.to_datetime(numbers, unit=EPOCHS[fmt][0], errors="coerce")
        parsed = parsed.where((parsed >= _YEARS[0]) & (parsed < _YEARS[1]))
        return parsed, present & parsed.isna().to_numpy(), np.zeros(len(values), bool)
    aware = fmt == ISO or "%z" in fmt
    parsed = pd.to_datetime(values, format=fmt, errors="coerce", utc=aware)
    parsed = _two_digit_years_sure(parsed, fmt)
    bad = present & parsed.isna().to_numpy()
    if aware:
        parsed = parsed.dt.tz_localize(None)
    zone_bad = np.zeros(len(values), bool)
    if tz != "UTC":
        naive = ~values.astype(str).str.contains(_OFFSET, regex=True).to_numpy() if aware \
            else np.ones(len(values), bool)
        parsed, zone_bad = _to_utc(parsed, naive & ~bad & present, tz)
    return parsed, bad, zone_bad


def parse_plain_iso(texts: pa.Array, fmt: str, tz: str = "UTC"
                    ) -> tuple[pd.Series, np.ndarray] | None:
    """:func:`parse` done by Arrow for an ISO column whose every value reads
    ``YYYY-MM-DD HH:MM:SS`` (or with ``T``) and exists (years 1678 to 2261); None otherwise.

    Returns the UTC-naive datetimes, with the dtype :func:`parse` gives, and the mask of local
    times that do not exist or are ambiguous in ``tz`` (no value is unreadable).
    """
    stamps = plain_iso_seconds(texts, fmt)
    if stamps is None:
        return None
    sample, _, _ = parse(pd.Series([texts[0].as_py()], dtype=object), fmt)
    parsed = pd.Series(stamps.to_numpy().astype(sample.dtype))
    if tz == "UTC":
        return parsed, np.zeros(len(texts), bool)
    return _to_utc(parsed, np.ones(len(texts), bool), tz)


def plain_iso_seconds(texts: pa.Array, fmt: str) -> pa.Array | None:
    """The column as an Arrow ``timestamp[s]`` array (naive, as written) when
    :func:`parse_plain_iso` would take it; None otherwise."""
    if fmt != ISO or not len(texts) or texts.null_count or not _plain_iso(texts):
        return None
    try:
        stamps = pc.cast(texts, pa.timestamp("s"))
    except pa.ArrowInvalid:
        return None
    bounds = pc.min_max(stamps)
    if bounds["min"].value < _PLAIN_YEARS[0] or bounds["max"].value >= _PLAIN_YEARS[1]:
        return None
    return stamps


def _plain_iso(texts: pa.Array) -> bool:
    """Whether every text is ``YYYY-MM-DD HH:MM:SS`` (``T`` allowed), digits where digits go."""
    lengths = pc.min_max(pc.binary_length(texts))
    if lengths["min"].as_py() != 19 or lengths["max"].as_py() != 19:
        return False
    rows = text_bytes(texts).reshape(-1, 19)
    # Below the low byte wraps round to above the span: one compare checks both bounds.
    return bool(((rows - _ISO_LOW) <= _ISO_SPAN).all()
                and ((rows[:, 10] == ord(" ")) | (rows[:, 10] == ord("T"))).all())


def _to_utc(parsed: pd.Series, naive: np.ndarray, tz: str) -> tuple[pd.Series, np.ndarray]:
    """``parsed`` with its ``naive`` values taken as local times in ``tz`` and made UTC, and
    the mask of those that do not exist or are ambiguous there."""
    zone_bad = np.zeros(len(parsed), bool)
    if naive.any():
        local = parsed[naive].dt.tz_localize(tz, ambiguous="NaT", nonexistent="NaT")
        zone_bad[naive] = local.isna().to_numpy()
        parsed = parsed.copy()
        parsed[naive] = local.dt.tz_convert("UTC").dt.tz_localize(None)
    return parsed, zone_bad


def describe(fmt: str) -> str:
    """A human label for a format (for messages and the UI): a translatable Message for the
    named formats, the pattern itself (e.g. ``%d/%m/%Y``) otherwise."""
    if fmt == ISO:
        return QT_TRANSLATE_NOOP("Core", "ISO 8601")
    if fmt == EPOCH_S:
        return QT_TRANSLATE_NOOP("Core", "Unix time in seconds")
    if fmt == EPOCH_MS:
        return QT_TRANSLATE_NOOP("Core", "Unix time in milliseconds")
    if fmt == EPOCH_US:
        return QT_TRANSLATE_NOOP("Core", "Unix time in microseconds")
    if fmt == EPOCH_NS:
        return QT_TRANSLATE_NOOP("Core", "Unix time in nanoseconds")
    if fmt == EXCEL_SERIAL:
        return QT_TRANSLATE_NOOP("Core", "Excel day numbers")
    if fmt.startswith(MINGUO):
        return QT_TRANSLATE_NOOP("Core", "Minguo (ROC) years, {format}").format(
            format=fmt[len(MINGUO):])
    if fmt.startswith(WEEKDAY):
        return QT_TRANSLATE_NOOP("Core", "{format}, with the day of the week").format(
            format=describe(fmt[len(WEEKDAY):]))
    return fmt


def resolve_user_format(text: str) -> tuple[str | None, bool | None]:
    """A ``--date-format`` value: ``dayfirst``/``monthfirst`` or a format; (format, dayfirst).
    ``minguo`` reads every year as a Minguo (ROC) year, two-digit ones included (``99/12/31``
    is 2010-12-31), whatever the marks between year, month and day."""
    lowered = text.strip().lower()
    if lowered in ("dayfirst", "day-first", "dmy"):
        return None, True
    if lowered in ("monthfirst", "month-first", "mdy"):
        return None, False
    if lowered in ("iso", "iso8601"):
        return ISO, None
    if lowered in EPOCHS or lowered == EXCEL_SERIAL:
        return lowered, None
    if lowered in ("minguo", "roc"):
        return MINGUO + "%Y/%m/%d", None
    if "%" not in text:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "unknown date format {format!r}; use dayfirst, monthfirst, iso, epoch_s, "
            "epoch_ms, epoch_us, epoch_ns, excel_serial, minguo or a pattern such as "
            "%d.%m.%Y %H:%M.").format(format=text))
    return text, None

