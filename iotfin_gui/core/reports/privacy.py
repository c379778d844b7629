"""Personal data in exports: which columns are personal, masking, salted hashing, card numbers.

* Columns are found by name, in English and Chinese (:func:`detect_personal`): customer names,
  phones, ID cards, card numbers, customer ids, e-mails. A bare ``name`` is *not* personal by
  default (ATMs and branches have names too); mask it with ``mask=["name"]``.
* Masking keeps what an analyst needs to recognise a value: ``138****5678``, ``张*``,
  ``622202******7891``. Hashing is HMAC-SHA256 with a salt created once per store (setting
  :data:`SALT_SETTING`), so the same customer hashes to the same value in every export of that
  store and to a different value in another store.
* Card-number-like values (13-19 digits, spaces or dashes allowed, passing Luhn) are masked in
  every text column (first 6 and last 4 digits kept) unless automatic masking is turned off.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message
from iotfin_gui.core.store import Store

SALT_SETTING = "privacy.hash_salt"
PERSONAL_KINDS = ("name", "phone", "id_card", "card", "customer_id", "email", "other")
#: How each kind of personal data is named on screen.
PERSONAL_KIND_LABELS: dict[str, Message] = {
    "name": QT_TRANSLATE_NOOP("Core", "name"),
    "phone": QT_TRANSLATE_NOOP("Core", "phone"),
    "id_card": QT_TRANSLATE_NOOP("Core", "ID card"),
    "card": QT_TRANSLATE_NOOP("Core", "card number"),
    "customer_id": QT_TRANSLATE_NOOP("Core", "customer id"),
    "email": QT_TRANSLATE_NOOP("Core", "e-mail"),
    "other": QT_TRANSLATE_NOOP("Core", "other"),
}

#: (kind, pattern over the lower-cased column name); the first match wins.
_NAME_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern)) for kind, pattern in (
        ("id_card", r"id_?card|id_?no\b|id_?number|national_?id|passport|ssn|身份证|证件"),
        ("card", r"(^|_)card(_?(no|num|number))?$|^pan$|account_?(no|number)|卡号|银行卡|账号"),
        ("customer_id", r"(customer|cust|client|member)_?(id|no|number|code)|客户(号|编号|id)"),
        ("phone", r"phone|mobile|^tel(_|$)|cellphone|手机|电话|联系方式"),
        ("email", r"e_?mail|邮箱"),
        ("name", r"(customer|client|holder|full|first|last|person|contact|account)_?name"
                 r"|cardholder|姓名|名字|客户名|户名|持卡人|联系人"),
    )
)

_CARD_CANDIDATE = r"\d(?:[ -]?\d){12}"
_CARD = re.compile(r"(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)")


def _normalised(column: str) -> str:
    return re.sub(r"[\s\-.]+", "_", column.strip().lower())


def detect_personal(columns: Iterable[str]) -> dict[str, str]:
    """Column -> personal-data kind, for the columns whose names say they hold personal data."""
    found = {}
    for column in columns:
        name = _normalised(str(column))
        kind = next((k for k, pattern in _NAME_RULES if pattern.search(name)), None)
        if kind is not None:
            found[str(column)] = kind
    return found


def luhn_valid(digits: str) -> bool:
    """The Luhn checksum of a string of digits (card numbers pass it, most other numbers not)."""
    if not digits.isdigit():
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _mask_digits(text: str, keep_start: int, keep_end: int) -> str:
    """Replace the digits of ``text`` by ``*`` except the first and last ones asked for."""
    count = sum(c.isdigit() for c in text)
    seen, out = 0, []
    for char in text:
        if char.isdigit():
            seen += 1
            if keep_start < seen <= count - keep_end:
                char = "*"
        out.append(char)
    return "".join(out)


def mask_cards(text: str) -> tuple[str, int]:
    """``text`` with every Luhn-valid 13-19 digit card number masked; and how many there were."""
    found = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal found
        digits = re.sub(r"\D", "", match.group())
        if not 13 <= len(digits) <= 19 or not luhn_valid(digits):
            return match.group()
        found += 1
        return _mask_digits(match.group(), 6, 4)

    return _CARD.sub(replace, text), found


def mask_value(value: str, kind: str) -> str:
    """A recognisable but non-identifying form of ``value`` (``138****5678``, ``张*``)."""
    text = str(value)
    if not text:
        return text
    if kind == "card":
        digits = sum(c.isdigit() for c in text)
        return _mask_digits(text, 6, 4) if digits >= 13 else "*" * len(text)
    if kind == "phone":
        digits = sum(c.isdigit() for c in text)
        return _mask_digits(text, 3, 4) if digits >= 8 else _mask_digits(text, 0, 2)
    if kind == "email":
        local, at, domain = text.partition("@")
        return (local[:1] + "***" + at + domain) if at else text[:1] + "***"
    if kind == "name":
        return " ".join(word[:1] + "*" * (len(word) - 1) for word in text.split(" "))
    if len(text) <= 4:
        return "*" * len(text)
    keep_start = 6 if kind == "id_card" and len(text) >= 15 else 2
    return text[:keep_start] + "*" * (len(text) - keep_start - 4) + text[-4:]


def hash_value(value: str, salt: str) -> str:
    """HMAC-SHA256 of ``value`` (UTF-8) keyed with ``salt``, as 64 hex digits."""
    return hmac.new(salt.encode(), str(value).encode("utf-8"), hashlib.sha256).hexdigest()


def hash_salt(store: Store) -> str:
    """The store's hashing salt, created (random, 256 bits) the first time it is needed."""
    with store.atomic():
        salt = store.setting(SALT_SETTING)
        if not salt:
            salt = secrets.token_hex(32)
            store.set_setting(SALT_SETTING, salt)
            store.audit("privacy.salt_created")
    return str(salt)


@dataclass
class PrivacyPlan:
    """What an export does to personal data: masked columns (with kind), hashed columns, and
    whether card numbers are searched in the other text columns."""

    masked: dict[str, str] = field(default_factory=dict)
    hashed: list[str] = field(default_factory=list)
    scan_cards: bool = True
    salt: str | None = None
    cards_masked: int = 0

    def describe(self) -> dict[str, Any]:
        """The JSON recorded with the export (never the salt)."""
        return {"masked": dict(self.masked), "hashed": list(self.hashed),
                "card_scan": self.scan_cards, "cards_masked": self.cards_masked}

    def touches(self, column: str) -> bool:
        return column in self.masked or column in self.hashed

    def apply(self, column: str, texts: pa.Array) -> pa.Array:
        """A text column's chunk with this plan applied (nulls stay null)."""
        if column in self.hashed:
            assert self.salt is not None
            return _map(texts, lambda v: hash_value(v, self.salt))
        if column in self.masked:
            kind = self.masked[column]
            return _map(texts, lambda v: mask_value(v, kind))
        if not self.scan_cards or len(texts) == 0:
            return texts
        candidates = pc.fill_null(pc.match_substring_regex(texts, _CARD_CANDIDATE), False)
        if not pc.any(candidates).as_py():
            return texts
        values = texts.to_pylist()
        for index in pc.indices_nonzero(candidates).to_pylist():
            values[index], found = mask_cards(values[index])
            self.cards_masked += found
        return pa.array(values, type=pa.string())


def _map(texts: pa.Array, fn: Any) -> pa.Array:
    return pa.array([None if v is None else fn(v) for v in texts.to_pylist()], type=pa.string())


def plan_privacy(
    columns: Sequence[str],
    *,
    mask: Iterable[str] = (),
    hash_columns: Iterable[str] = (),
    auto: bool = True,
) -> PrivacyPlan:
    """Decide what to mask and hash: detected personal columns are masked unless ``auto`` is
    false; ``mask`` and ``hash_columns`` name more (a hashed column is not also masked)."""
    mask, hash_columns = list(mask), list(hash_columns)
    unknown = sorted(set(mask + hash_columns) - set(columns))
    if unknown:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "cannot mask or hash {unknown}: no such column (the columns are {columns})")
            .format(unknown=", ".join(map(repr, unknown)), columns=", ".join(columns)))
    detected = detect_personal(columns) if auto else {}
    masked = {c: detected.get(c, "other") for c in columns
              if (c in detected or c in mask) and c not in hash_columns}
    hashed = [c for c in columns if c in hash_columns]
    return PrivacyPlan(masked=masked, hashed=hashed, scan_cards=auto)
